"""Line breaking and copyfitting for Chinese and English, as pure geometry.

Rules: Chinese breaks between any two ideographs, except that closing punctuation
never starts a line and opening punctuation never ends one (kinsoku); English breaks
at spaces and after hyphens inside words; a number keeps its sign, percent and plus.
Titles can be balanced so that a last line never holds a lone character.

Fitting shrinks every paragraph of a frame by one common factor, in small steps, down
to each style's minimum; if the text still does not fit it reports by how much.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, Sequence

from .geometry import MM_PER_PT, CMYK, TextLine

# Characters that must not start a line (closing punctuation, small kana, units).
NO_START = set("，。、：；！？）》」』】〉〕”’．,.;:!?)]}%％‰…—·•・")
# Characters that must not end a line (opening brackets and quotes, currency).
NO_END = set("（《「『【〈〔“‘([{¥$£€#")
# Keep these glued to the digits before them.
NUM_TAIL = set("%％+＋")


class Metrics(Protocol):
    units_per_em: int
    ascender: int
    descender: int
    cap_height: int
    ideo_top: int

    def width_pt(self, text: str, size_pt: float, tracking: float = 0.0) -> float: ...


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF)


_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\U00020000-\U0002ffff\uf900-\ufaff]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a character ``is_cjk`` accepts (one regex scan, not a call per character)."""
    return _CJK.search(text) is not None


@dataclass(frozen=True)
class Seg:
    """An unbreakable piece; ``space`` says whether a space separates it from the previous one."""

    text: str
    space: bool


def segments(text: str) -> list[Seg]:
    """Split ``text`` into pieces between which a line may break."""
    pieces: list[Seg] = []
    buf = ""
    space = False

    def flush() -> None:
        nonlocal buf, space
        if buf:
            pieces.append(Seg(buf, space))
            buf, space = "", False

    for ch in text:
        if ch in " \t\n":
            flush()
            space = bool(pieces)
        elif is_cjk(ch):
            flush()
            pieces.append(Seg(ch, space))
            space = False
        else:
            buf += ch
            if ch == "-" and len(buf) > 1 and buf[-2].isalpha():
                flush()  # a hyphen inside a word is a break opportunity
    flush()
    # kinsoku: closing punctuation joins the piece before, opening punctuation the one after
    out: list[Seg] = []
    for seg in pieces:
        if out and (seg.text[0] in NO_START or out[-1].text[-1] in NO_END):
            prev = out[-1]
            out[-1] = Seg(prev.text + (" " if seg.space else "") + seg.text, prev.space)
        else:
            out.append(seg)
    return out


def _join(segs: Sequence[Seg]) -> str:
    s = ""
    for i, seg in enumerate(segs):
        s += (" " if seg.space and i else "") + seg.text
    return s


def wrap(text: str, metrics: Metrics, size_pt: float, width_mm: float, tracking: float = 0.0) -> list[str]:
    """Greedy line breaking of one paragraph (newlines start new paragraphs)."""
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(_wrap_para(para, metrics, size_pt, width_mm, tracking))
    return lines


@lru_cache(maxsize=4096)
def _measured(metrics: Metrics, text: str) -> tuple[tuple[Seg, ...], tuple[int, ...], tuple[int, ...], int]:
    """The segments of ``text`` with their widths in font units and lengths in characters
    (and the space's width): measured once, whatever the size being tried."""
    segs = tuple(segments(text))
    units = tuple(round(metrics.width_pt(s.text, 1000.0) * metrics.units_per_em / 1000.0) for s in segs)
    return segs, units, tuple(len(s.text) for s in segs), round(metrics.width_pt(" ", 1000.0) *
                                                                 metrics.units_per_em / 1000.0)


def _wrap_para(text: str, metrics: Metrics, size_pt: float, width_mm: float, tracking: float) -> list[str]:
    width_pt = width_mm / MM_PER_PT + 1e-6
    segs, units, lengths, space = _measured(metrics, text)
    per_unit = size_pt / metrics.units_per_em
    per_char = tracking * size_pt / 1000.0
    lines: list[str] = []
    cur: list[Seg] = []
    cur_units = cur_chars = 0
    for seg, u, n in zip(segs, units, lengths):
        gap_u, gap_n = (space, 1) if seg.space and cur else (0, 0)
        if not cur or (cur_units + gap_u + u) * per_unit + per_char * (cur_chars + gap_n + n - 1) <= width_pt:
            cur.append(seg)
            cur_units += gap_u + u
            cur_chars += gap_n + n
            continue
        lines.append(_join(cur))
        cur, cur_units, cur_chars = [Seg(seg.text, False)], u, n
        while metrics.width_pt(cur[0].text, size_pt, tracking) > width_pt and len(cur[0].text) > 1:
            head, tail = _split_long(cur[0].text, metrics, size_pt, width_pt, tracking)
            lines.append(head)
            cur = [Seg(tail, False)]
            cur_units = round(metrics.width_pt(tail, 1000.0) * metrics.units_per_em / 1000.0)
            cur_chars = len(tail)
    if cur:
        lines.append(_join(cur))
    return lines


def _split_long(word: str, metrics: Metrics, size_pt: float, width_pt: float, tracking: float) -> tuple[str, str]:
    """Force-break a piece wider than the line (a URL, a very long word)."""
    n = len(word) - 1
    while n > 1 and metrics.width_pt(word[:n], size_pt, tracking) > width_pt:
        n -= 1
    return word[:n], word[n:]


def balanced_wrap(text: str, metrics: Metrics, size_pt: float, width_mm: float, tracking: float = 0.0) -> list[str]:
    """Break into as few lines as greedy would, but as even as possible (titles, headings):
    no line ends up holding a lone character."""
    lines = wrap(text, metrics, size_pt, width_mm, tracking)
    if len(lines) < 2:
        return lines
    lo, hi = width_mm / len(lines) * 0.5, width_mm
    best = lines
    for _ in range(18):
        mid = (lo + hi) / 2
        trial = wrap(text, metrics, size_pt, mid, tracking)
        if len(trial) <= len(lines):
            best, hi = trial, mid
        else:
            lo = mid
    return best


@dataclass(frozen=True)
class TextStyle:
    """A style resolved for one page: font role, size and colour are final."""

    font: str
    size: float  # pt
    min_size: float  # pt
    leading: float  # multiple of size
    tracking: float
    colour: CMYK
    upper: bool = False
    max_lines: int = 0
    name: str = ""
    level: str = "body"  # display, body or caption


@dataclass(frozen=True)
class Para:
    """One paragraph of a frame: its text, style and the space (mm) before it."""

    text: str
    style: TextStyle
    space_before: float = 0.0
    balance: bool = False
    field: str = ""  # the data field it shows, for error messages
    indent: float = 0.0  # mm from the frame's left edge (bullets, list items)


@dataclass(frozen=True)
class SetPara:
    para: Para
    size: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class FittedBlock:
    scale: float
    paras: tuple[SetPara, ...]
    height: float  # mm from the frame top to the last line's descent


class FitError(Exception):
    """Text does not fit its frame even at the minimum size."""

    def __init__(self, field: str, frame: str, overflow: str):
        self.field, self.frame, self.overflow = field, frame, overflow
        super().__init__(f"{field}: does not fit the '{frame}' frame even at the smallest size ({overflow})")


def line_top(metrics: Metrics, text: str, size_pt: float) -> float:
    """Distance (mm) from a line's visual top to its baseline."""
    units = metrics.ideo_top if has_cjk(text) else max(metrics.cap_height, metrics.ideo_top * 0.82)
    return units / metrics.units_per_em * size_pt * MM_PER_PT


def line_bottom(metrics: Metrics, size_pt: float) -> float:
    return -metrics.descender / metrics.units_per_em * size_pt * MM_PER_PT


def _set(paras: Sequence[Para], fonts: dict[str, Metrics], factor: float, width: float) -> tuple[list[SetPara], float]:
    out: list[SetPara] = []
    y = 0.0
    for i, p in enumerate(paras):
        st = p.style
        size = max(st.size * factor, st.min_size) if factor < 1 else st.size
        m = fonts[st.font]
        text = p.text.upper() if st.upper else p.text
        breaker = balanced_wrap if p.balance else wrap
        lines = breaker(text, m, size, width - p.indent, st.tracking)
        out.append(SetPara(p, size, tuple(lines)))
        lead = size * st.leading * MM_PER_PT
        if i:
            y += p.space_before
        y += line_top(m, lines[0] if lines else "", size) + lead * (len(lines) - 1)
        if i < len(paras) - 1:
            y += line_bottom(m, size)
    if paras:
        y += line_bottom(fonts[paras[-1].style.font], out[-1].size)
    return out, y


def fit_block(paras: Sequence[Para], fonts: dict[str, Metrics], width: float, height: float,
              frame: str, step: float = 0.97, start: float = 1.0) -> FittedBlock:
    """Set ``paras`` in a frame ``width`` x ``height`` mm, shrinking all by one factor
    (from ``start``, so that several frames can be set at one common size)."""
    if not paras:
        return FittedBlock(1.0, (), 0.0)
    floor = max(p.style.min_size / p.style.size for p in paras)
    factor = max(min(start, 1.0), floor)
    while True:
        setp, h = _set(paras, fonts, factor, width)
        too_many = [sp for sp in setp if sp.para.style.max_lines and len(sp.lines) > sp.para.style.max_lines]
        if h <= height + 1e-6 and not too_many:
            return FittedBlock(factor, tuple(setp), h)
        if factor <= floor + 1e-9:
            raise _overflow(setp, h, height, too_many, fonts, width, frame)
        factor = max(factor * step, floor)


def _overflow(setp: list[SetPara], h: float, height: float, too_many: list[SetPara],
              fonts: dict[str, Metrics], width: float, frame: str) -> FitError:
    if too_many:
        sp = too_many[0]
        extra = len(sp.lines) - sp.para.style.max_lines
        m = fonts[sp.para.style.font]
        over = sum(len(l) for l in sp.lines[sp.para.style.max_lines:])
        return FitError(sp.para.field, frame, f"{len(sp.lines)} lines where {sp.para.style.max_lines} fit; "
                        f"about {over} characters too long" if extra else "")
    # blame the paragraph that takes the most height and estimate how many characters to cut
    sp = max(setp, key=lambda s: len(s.lines) * s.size * s.para.style.leading)
    m = fonts[sp.para.style.font]
    lead = sp.size * sp.para.style.leading * MM_PER_PT
    lines_over = max(1, int((h - height) / lead + 0.999))
    per_line = max(1, len(sp.lines[0]) if sp.lines else 1)
    return FitError(sp.para.field, frame, f"{h - height:.1f} mm too tall: about {lines_over} line(s), "
                    f"~{lines_over * per_line} characters too long")


def place_block(block: FittedBlock, fonts: dict[str, Metrics], x: float, top: float, width: float,
                align: str = "left", role: str = "text") -> list[TextLine]:
    """Turn a fitted block into positioned lines, first line's top at ``top``."""
    items: list[TextLine] = []
    y = top
    for i, sp in enumerate(block.paras):
        st = sp.para.style
        m = fonts[st.font]
        lead = sp.size * st.leading * MM_PER_PT
        if i:
            y += sp.para.space_before
        for j, line in enumerate(sp.lines):
            y += line_top(m, line, sp.size) if j == 0 else lead
            w = m.width_pt(line, sp.size, st.tracking) * MM_PER_PT
            left = x + sp.para.indent
            ax = left if align == "left" else (x + width / 2 if align == "center" else x + width)
            items.append(TextLine(ax, y, line, st.font, sp.size, st.colour, align, w, st.tracking, role,
                                  line_top(m, line, sp.size), line_bottom(m, sp.size), st.level))
        y += line_bottom(m, sp.size)
    return items


def first_lines(block: FittedBlock, lines: list[TextLine]) -> list[TextLine]:
    """The first placed line of each paragraph of ``block`` (for bullets and markers)."""
    out, i = [], 0
    for sp in block.paras:
        if sp.lines:
            out.append(lines[i])
        i += len(sp.lines)
    return out


def single_line(text: str, st: TextStyle, fonts, x: float, y: float, align: str = "left", role: str = "text",
                size: float | None = None, colour: CMYK | None = None) -> TextLine:
    """One measured line of ``text`` in ``st`` with its baseline at ``y``."""
    m = fonts[st.font]
    size = st.size if size is None else size
    text = text.upper() if st.upper else text
    return TextLine(x, y, text, st.font, size, colour or st.colour, align,
                    text_width(text, m, size, st.tracking), st.tracking, role,
                    line_top(m, text, size), line_bottom(m, size), st.level)


def text_width(text: str, metrics: Metrics, size_pt: float, tracking: float = 0.0) -> float:
    return metrics.width_pt(text, size_pt, tracking) * MM_PER_PT
