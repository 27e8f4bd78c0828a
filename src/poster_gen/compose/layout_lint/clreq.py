"""clreq on the composed lines: what the line breaker promised, checked on its output.

- at every break inside a paragraph, the next line does not start with a mark that
  never starts a line (``clreq.NO_START``) and the line before does not end with one
  that never ends a line (``clreq.NO_END``);
- no Chinese line is longer than ``measure_zh`` characters (full-width: its set width
  in ems), no English line longer than ``measure_en`` characters;
- every line of a justified Chinese paragraph but its last fills its measure (right
  edges equal within ``JUSTIFY_TOLERANCE``);
- the last line of a Chinese paragraph of two or more lines holds at least three
  characters (no widow);
- a Chinese line with curly quotes, a dash or an ellipsis is set in the font's ``:zh``
  variant (full-width forms) when the fonts have one;
- display type (``breaks: words``) breaks only where ``segment.word_breaks`` allows.
"""
from __future__ import annotations

from .. import clreq
from ..ink import em, set_width
from .kit import PageLint, Paragraph, excerpt, join_lines

JUSTIFY_TOLERANCE = 0.1  # mm: the right edges of a justified paragraph's lines
WIDOW = 2  # characters: a last line this short is a widow
FULL_WIDTH_MARKS = frozenset("‘’“”—…")


def check(pl: PageLint) -> None:
    for p in pl.paragraphs:
        if len(p.lines) > 1:
            _kinsoku(pl, p)
            if p.lang == "zh":
                _widow(pl, p)
                _word_breaks(pl, p)
        if p.lang == "zh":
            _justified(pl, p)
    _measure(pl)
    _variants(pl)


def _kinsoku(pl: PageLint, p: Paragraph) -> None:
    for a, b in zip(p.lines, p.lines[1:]):
        if b.text and b.text[0] in clreq.NO_START:
            pl.issue(p.region, f"the line {excerpt(b.text)} starts with {b.text[0]!r}, which never starts a line "
                               f"({pl.at(pl.ink(b) or b.bounds())}); break the paragraph elsewhere")
        if a.text and a.text[-1] in clreq.NO_END:
            pl.issue(p.region, f"the line {excerpt(a.text)} ends with {a.text[-1]!r}, which never ends a line "
                               f"({pl.at(pl.ink(a) or a.bounds())}); break the paragraph elsewhere")


def _widow(pl: PageLint, p: Paragraph) -> None:
    last = p.lines[-1]
    n = len(last.text.replace(" ", "").replace("\u3000", ""))
    if 0 < n <= WIDOW:
        pl.issue(p.region, f"the paragraph {excerpt(p.text())} ends with a line of {n} character(s), "
                           f"{last.text!r} ({pl.at(last.bounds())}); its last line needs at least {WIDOW + 1}: "
                           "move a break or edit the text")


def _word_breaks(pl: PageLint, p: Paragraph) -> None:
    style = pl.ctx.layout.styles.get(p.style)
    if style is None or style.breaks != "words" or not clreq.has_han(p.text()):
        return
    from ..segment import word_breaks

    text, breaks = join_lines([t.text for t in p.lines])
    allowed = word_breaks(text, pl.ctx.words)
    for k, pos in enumerate(breaks):
        if not 0 < pos < len(text):
            continue
        if not (clreq.is_cjk(text[pos - 1]) or clreq.is_cjk(text[pos])) or pos in allowed:
            continue  # a break at a space or a hyphen: not the segmenter's to judge
        pl.issue(p.region, f"the display line {excerpt(p.lines[k].text)} breaks inside a word: "
                           f"'{text[max(0, pos - 4):pos]}|{text[pos:pos + 4]}' ({pl.at(p.lines[k].bounds())}); "
                           "display type breaks between words: widen the frame or shorten the text")


def _justified(pl: PageLint, p: Paragraph) -> None:
    style = pl.ctx.layout.styles.get(p.style)
    if style is None or not style.justify or any(t.align != "left" for t in p.lines):
        return
    fonts = pl.ctx.fonts
    for t in p.lines[:-1]:
        right = t.x + set_width(t, fonts)
        if t.measure <= 0:
            pl.issue(p.region, f"the line {excerpt(t.text)} of a justified paragraph is not justified "
                               f"({pl.at(t.bounds())}); every line but the last fills the measure")
        elif abs(right - (t.x + t.measure)) > JUSTIFY_TOLERANCE:
            pl.issue(p.region, f"the justified line {excerpt(t.text)} ends {right - t.x - t.measure:+.2f} mm from "
                               f"its measure ({t.measure:.1f} mm, {pl.at(t.bounds())}); every line but the last "
                               f"ends within {JUSTIFY_TOLERANCE:g} mm of it")


def _measure(pl: PageLint) -> None:
    spec = pl.ctx.layout.lint
    fonts = pl.ctx.fonts
    seen: set[tuple[int, str]] = set()
    for i, t in pl.texts:
        if t.lang == "zh" and spec.measure_zh:
            n, limit = set_width(t, fonts) / em(t.size_pt), spec.measure_zh
        elif t.lang == "en" and spec.measure_en:
            n, limit = len(t.text), spec.measure_en
        else:
            continue
        if n > limit + 0.01 and (i, t.lang) not in seen:
            seen.add((i, t.lang))
            what = "Chinese line" if t.lang == "zh" else "English line"
            pl.issue(i, f"the {what} {excerpt(t.text)} is {n:.1f} characters long ({pl.at(t.bounds())}); the "
                        f"measure is {limit}: narrow the frame or set it as more lines")


def _variants(pl: PageLint) -> None:
    fonts = pl.ctx.fonts
    for i, t in pl.texts:
        if t.lang != "zh" or t.font.endswith(":zh") or f"{t.font}:zh" not in fonts:
            continue
        marks = sorted(set(t.text) & FULL_WIDTH_MARKS)
        if marks:
            pl.issue(i, f"the Chinese line {excerpt(t.text)} sets {''.join(marks)} in the Latin font "
                        f"'{t.font}' ({pl.at(t.bounds())}); Chinese runs use '{t.font}:zh', whose marks are "
                        "full-width")
