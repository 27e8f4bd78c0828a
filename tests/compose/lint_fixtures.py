"""Crafted pages for the lint tests: a fake font with ink boxes, lines placed as the
composer places them, and a page made of regions and their items.

The font: every Chinese character (and full-width mark) 1 em wide with its ink inset
like a real face; every other character half an em. Thresholds come from a lint spec
set here, so the tests do not move when the shipped layout is retuned.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from poster_gen.compose import clreq
from poster_gen.compose.page_context import PageContext
from poster_gen.units import MM_PER_PT
from poster_gen.page_model import CMYK, Box, Item, Page, TextLine
from poster_gen.compose.layout_lint.kit import PageLint
from poster_gen.load.layout_models import TOKENS, BoxSpec, Layout, LintSpec, Region, Style, Template
from poster_gen.load.project import read_model

ROOT = Path(__file__).resolve().parents[2]
INK = CMYK(0, 0, 0, 100, "ink")
PALETTE = {t: CMYK(0, 0, 0, 100 if t in ("ink", "deep") else 0, t) for t in TOKENS}
SPEC = LintSpec(measure_zh=24, measure_en=65, max_sizes=9, ink_gap=0.25, pair_ratio=0.7, column_balance=0.25,
                max_blank=1.0)
SCALE = [9.0, 12.0, 15.0, 18.0, 24.0, 32.0, 64.0]


class _Advances:
    def get(self, ch: str, default=None) -> int:
        return 1000 if clreq.is_cjk(ch) else 500


class _Ink:
    def get(self, ch: str, default=None):
        if ch.isspace():
            return None
        if clreq.is_cjk(ch):
            return (60, -70, 940, 840)
        return (30, 0, 470, 730)


class FakeFont:
    """A monospaced CJK face with ink boxes."""

    units_per_em = 1000
    ascender, descender, cap_height, x_height, ideo_top = 880, -120, 730, 500, 860
    missing_advance = 1000
    ps_name = "Fake"

    def __init__(self) -> None:
        self.advances = _Advances()
        self.ink = _Ink()

    def width_pt(self, text: str, size_pt: float, tracking: float = 0.0) -> float:
        units = sum(self.advances.get(c) for c in text)
        return (units + tracking * max(0, len(text) - 1)) * size_pt / 1000


class NoInkFont(FakeFont):
    """The same face before the metrics carry ink boxes (the lint falls back to em boxes)."""

    def __init__(self) -> None:
        self.advances = _Advances()


FONT = FakeFont()
FONTS = {role: FONT for role in ("regular", "bold", "black", "regular:zh", "bold:zh", "black:zh")}

STYLES = {
    "body_zh": Style(size=18, leading=1.4),
    "body_en": Style(size=15, leading=1.3),
    "quote_zh": Style(size=18, leading=1.5, breaks="anywhere", justify=True),
    "running_zh": Style(size=18, leading=1.5, breaks="anywhere"),
    "title_zh": Style(font="black", size=64, leading=1.1, level="display"),
    "caption": Style(font="bold", size=12, level="caption"),
    "shrinks": Style(size=18, shrink=1),
}


def base_layout(**lint) -> Layout:
    _, layout, problems, _ = read_model(Layout, ROOT / "layouts" / "poster.yaml", "layouts/poster.yaml")
    assert layout is not None, problems
    return replace(layout, lint=replace(SPEC, **lint), type_scale=SCALE, styles=STYLES)


def em(size: float) -> float:
    return size * MM_PER_PT


def line(text: str, x: float, y: float, size: float = 18.0, *, lang: str = "zh", para: int = 0, style: str = "",
         role: str = "a", align: str = "left", adjust: tuple[float, ...] = (), measure: float = 0.0,
         font: str = "regular:zh", tracking: float = 0.0) -> TextLine:
    """A line placed as the composer places it (width from the advances and adjustments)."""
    m = FONTS[font]
    width = m.width_pt(text, size, tracking) * MM_PER_PT + sum(adjust)
    ascent = (m.ideo_top if any(clreq.is_cjk(c) for c in text) else m.cap_height) / 1000 * em(size)
    return TextLine(x, y, text, font, size, INK, align, width, tracking, role, ascent, -m.descender / 1000 * em(size),
                    "body", adjust, style, para, lang, measure)


def region(rid: str, kind: str = "text", *, top: float = 60, height: float = 40, col: int = 1, span: int = 6,
           after: tuple[str, ...] = (), **kw) -> Region:
    return Region(id=rid, kind=kind, box=BoxSpec(col=col, span=span, top=top, height=height, after=list(after)), **kw)


def page_lint(regions: list[tuple[Region, list[Item]]], *, layout: Layout | None = None, fonts=None,
              page_number: int = 0, step: int = 0, image_page: bool = False, words=()) -> PageLint:
    """A composed page of the given regions and items (in that order), ready to lint."""
    layout = layout or base_layout()
    template = Template(regions=[r for r, _ in regions], image_page=image_page)

    class Campaign:
        pass

    campaign = Campaign()
    campaign.words = tuple(words)
    ctx = PageContext(layout, PALETTE, fonts or FONTS, {"campaign": campaign}, page_number=page_number, step=step)
    page = Page(ctx.width, ctx.height, ctx.bleed, label="test")
    by_region: dict[int, list[Item]] = {}
    for i, (r, items) in enumerate(regions):
        page.frames[r.id] = ctx.box(r.box)
        by_region[i] = list(items)
    for layered in (True, False):
        for i, (r, _) in enumerate(regions):
            if r.layered == layered:
                page.extend(by_region[i])
    return PageLint(page, ctx, template, "poster", by_region)


def messages(pl: PageLint, module) -> list[str]:
    """Run one lint module and return "region: message" for each finding."""
    module.check(pl)
    return [f"{i.region}: {i.message}" for i in pl.issues]


def below(first: TextLine, gap: float, text: str, size: float, **kw) -> TextLine:
    """A line whose ink starts ``gap`` mm below the ink of ``first`` (fake-font ink)."""
    ink_bottom = first.y + 70 / 1000 * em(first.size_pt) if any(clreq.is_cjk(c) for c in first.text) else first.y
    top = (840 if any(clreq.is_cjk(c) for c in text) else 730) / 1000 * em(size)
    return line(text, kw.pop("x", first.x), ink_bottom + gap + top, size, **kw)


def box(x: float, y: float, w: float, h: float) -> Box:
    return Box(x, y, w, h)
