"""Where lines break, as pure arithmetic on one paragraph's advances (in ems).

A paragraph is shaped once (``shape``): each character's advance in ems, the
compression after it (adjacent punctuation, ``clreq.compression``), what it may give
up at a line end, and the positions where a line may end. Then ``greedy`` fills lines
to a width, ``balanced`` evens them out (titles, labels) and ``no_widow`` keeps a
paragraph's last line from holding one or two characters.

Break positions: ``i`` is a break if a line may end with ``text[:i]``. English breaks
after a space (the space is dropped) or after a hyphen inside a word; numbers and
Latin words never split. Chinese breaks between any two characters the kinsoku rules
allow ("anywhere": body text), or only between words ("words": display type, where
``segment.word_breaks`` decides).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Protocol

from . import clreq

SPACES = frozenset(" \u3000\u00a0")


class Metrics(Protocol):
    units_per_em: int
    ascender: int
    descender: int
    cap_height: int
    ideo_top: int

    def width_pt(self, text: str, size_pt: float, tracking: float = 0.0) -> float: ...


@dataclass(frozen=True)
class Shaped:
    """One paragraph, measured in ems of its size."""

    text: str
    advance: tuple[float, ...]  # each character's advance, tracking included
    squeeze: tuple[float, ...]  # after each character: ems taken out (adjacent punctuation)
    end: tuple[float, ...]  # what each character gives up when it ends a line
    breaks: tuple[int, ...]  # sorted positions where a line may end
    prefix: tuple[float, ...]  # running sum of advance - squeeze, prefix[0] = 0

    def width(self, a: int, b: int, squeezed: bool = False) -> float:
        """Ems of ``text[a:b]`` set as one line (trailing spaces dropped)."""
        b = self.trim(a, b)
        if b <= a:
            return 0.0
        w = self.prefix[b - 1] - self.prefix[a] + self.advance[b - 1]
        return w - self.end[b - 1] if squeezed else w

    def trim(self, a: int, b: int) -> int:
        while b > a and self.text[b - 1] in SPACES:
            b -= 1
        return b


def advances(metrics: Metrics, text: str) -> list[float]:
    """Each character's advance in ems (the font's own widths: what ReportLab draws)."""
    adv = getattr(metrics, "advances", None)
    upem = metrics.units_per_em
    if adv is not None:
        missing = getattr(metrics, "missing_advance", upem)
        return [adv.get(ch, missing) / upem for ch in text]
    return [metrics.width_pt(ch, 1000.0) / 1000.0 for ch in text]


@lru_cache(maxsize=8192)
def shape(metrics: Metrics, text: str, tracking: float, mode: str, zh: bool,
          words: tuple[str, ...] = ()) -> Shaped:
    """Measure ``text`` (one paragraph) and find its breaks. ``zh``: set as Chinese
    (punctuation compressed); ``mode``: "words" or "anywhere" for Chinese breaks."""
    adv = [a + tracking / 1000.0 for a in advances(metrics, text)]
    n = len(text)
    squeeze = [0.0] * n
    end = [0.0] * n
    if zh:
        for i in range(n - 1):
            squeeze[i] += clreq.compression(text[i], text[i + 1])
            if text[i] == text[i + 1] == "—":  # "——" is one two-em dash: close the gap between the halves
                gap = _dash_gap(metrics)
                squeeze[i] += gap
                squeeze[i + 1] -= gap
        end = [clreq.end_squeeze(ch) for ch in text]
    if n:
        adv[-1] -= tracking / 1000.0  # tracking goes between characters, not after the last
    prefix = (0.0, *accumulate(a - s for a, s in zip(adv, squeeze)))
    return Shaped(text, tuple(adv), tuple(squeeze), tuple(end), _breaks(text, mode, words), prefix)


def _dash_gap(metrics: Metrics) -> float:
    """Ems of blank between two full-width dashes set side by side (their side bearings)."""
    ink = getattr(metrics, "ink", None)
    box = ink.get("—") if ink else None
    adv = getattr(metrics, "advances", {}).get("—")
    if not box or not adv:
        return 0.0
    return max(0.0, (adv - box[2] + box[0]) / metrics.units_per_em)


def _breaks(text: str, mode: str, words: tuple[str, ...]) -> tuple[int, ...]:
    allowed_words = None
    if mode == "words" and clreq.has_kana(text):  # Japanese: between phrases (jieba knows Chinese words)
        allowed_words = clreq.ja_phrase_breaks(text)
    elif mode == "words" and clreq.has_han(text):
        from .segment import word_breaks

        allowed_words = word_breaks(text, words)
    out = []
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if b in SPACES:
            continue  # break after the space, not before it
        if a in SPACES:
            ok = True
        elif a == "-" and i >= 2 and text[i - 2].isalpha() and b.isalpha():
            ok = True  # a hyphen inside a word
        elif clreq.is_katakana(a) and clreq.is_katakana(b):
            ok = False  # a loanword (ランドマーク) stays whole
        elif clreq.is_cjk(a) or clreq.is_cjk(b):
            ok = allowed_words is None or i in allowed_words
        else:
            ok = False  # inside a Latin word or a number
        if ok and b in clreq.NUM_TAIL:
            ok = False
        if ok and clreq.can_break(text, i):
            out.append(i)
    return tuple(out)


def _skip(text: str, a: int) -> int:
    while a < len(text) and text[a] in SPACES:
        a += 1
    return a


def greedy(s: Shaped, width: float, max_chars: int = 0) -> list[tuple[int, int]]:
    """Lines as (start, end) spans, each as full as ``width`` ems (and ``max_chars``
    characters, when given) allow. A piece wider than the line is cut where it must."""
    text, n = s.text, len(s.text)
    lines: list[tuple[int, int]] = []
    a = _skip(text, 0)
    cands = [*s.breaks, n]
    k = 0
    while a < n:
        best = None
        while k < len(cands) and cands[k] <= a:
            k += 1
        j = k
        while j < len(cands):
            b = cands[j]
            if _fits(s, a, b, width, max_chars):
                best, j = b, j + 1
                continue
            break
        if best is None:  # nothing fits: force a cut inside the piece (a URL, a long word)
            best = a + 1
            while best < n and _fits(s, a, best + 1, width, max_chars):
                best += 1
        lines.append((a, best))
        a = _skip(text, best)
    return lines


def _fits(s: Shaped, a: int, b: int, width: float, max_chars: int) -> bool:
    if max_chars and s.trim(a, b) - a > max_chars:
        return False
    return s.width(a, b) <= width + 1e-9 or s.width(a, b, squeezed=True) <= width + 1e-9


def balanced(s: Shaped, width: float, max_chars: int = 0) -> list[tuple[int, int]]:
    """As few lines as ``greedy``, but as even as possible (titles, labels, headings)."""
    lines = greedy(s, width, max_chars)
    if len(lines) < 2:
        return lines
    lo, hi, best = width / len(lines) * 0.5, width, lines
    for _ in range(16):
        mid = (lo + hi) / 2
        trial = greedy(s, mid, max_chars)
        if len(trial) <= len(lines):
            best, hi = trial, mid
        else:
            lo = mid
    return best


def no_widow(s: Shaped, lines: list[tuple[int, int]], width: float, max_chars: int = 0,
             shortest: int = 3) -> list[tuple[int, int]]:
    """Move the last break back until the last line holds at least ``shortest``
    characters (a Chinese paragraph's last line of one or two characters is a widow),
    as long as the lengthened last line still fits."""
    if len(lines) < 2:
        return lines
    (pa, pb), (la, lb) = lines[-2], lines[-1]
    if s.trim(la, lb) - la >= shortest:
        return lines
    for b in reversed(s.breaks):
        if b >= la:
            continue
        if b <= pa or not _fits(s, _skip(s.text, b), lb, width, max_chars):
            break
        if s.trim(b, lb) - _skip(s.text, b) >= shortest:
            return [*lines[:-2], (pa, b), (_skip(s.text, b), lb)]
    return lines
