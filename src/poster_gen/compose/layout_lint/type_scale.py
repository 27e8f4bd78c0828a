"""The type system and the series rules, on one composed page.

- a line set in a style has that style's size at this page's step (``ctx.style``);
- a page sets at most ``max_sizes`` distinct sizes (0: any number);
- every size is on the layout's ``type_scale`` at this page's scale (the print floor
  ``print.min_type`` is where a scaled step lands when it would be smaller);
- a ``pinned`` region's first baseline is where the layout puts it: its box's top plus
  the first line's ascent, within ``grid_tolerance``. Pinned regions keep the name, the
  figures, the column heads and the footer at one height on every poster of a series,
  so a pinned region may neither flow (``box.after``) nor sit on its bottom.
"""
from __future__ import annotations

from collections import Counter

from ...page_model import TextLine
from .kit import PageLint, excerpt

SIZE_TOLERANCE = 0.01  # pt


def check(pl: PageLint) -> None:
    _styles(pl)
    _count(pl)
    _scale(pl)
    _pinned(pl)


def _styles(pl: PageLint) -> None:
    sizes: dict[str, float] = {}
    seen: set[tuple[int, str]] = set()
    for i, t in pl.texts:
        if not t.style or t.style not in pl.ctx.layout.styles or (i, t.style) in seen:
            continue
        if t.style not in sizes:
            sizes[t.style] = pl.ctx.style(t.style).size
        want = sizes[t.style]
        if abs(t.size_pt - want) > SIZE_TOLERANCE:
            seen.add((i, t.style))
            pl.issue(i, f"the text {excerpt(t.text)} is {t.size_pt:g} pt, but its style '{t.style}' is {want:g} pt "
                        f"on this page ({pl.at(t.bounds())}); every line of a style takes the style's size")


def _fmt(sizes) -> str:
    return ", ".join(f"{s:g}" for s in sorted(sizes))


def _count(pl: PageLint) -> None:
    limit = pl.ctx.layout.lint.max_sizes
    used = Counter(round(t.size_pt, 2) for _, t in pl.texts)
    if not limit or len(used) <= limit:
        return
    rare = min(used, key=lambda s: (used[s], s))
    i, t = next((i, t) for i, t in pl.texts if round(t.size_pt, 2) == rare)
    pl.issue(i, f"the page sets type in {len(used)} sizes ({_fmt(used)} pt); the layout allows {limit} "
                f"(lint.max_sizes): set the text {excerpt(t.text)} ({rare:g} pt, used least) in a size the page "
                "already uses")


def _scale(pl: PageLint) -> None:
    lay, ctx = pl.ctx.layout, pl.ctx
    if not lay.type_scale:
        return
    floor = lay.print.min_type
    allowed = sorted({round(max(v * ctx.scale, floor), 2) for v in lay.type_scale})
    seen: set[tuple[int, float]] = set()
    for i, t in pl.texts:
        size = round(t.size_pt, 2)
        if (i, size) in seen or any(abs(size - v) <= SIZE_TOLERANCE for v in allowed):
            continue
        seen.add((i, size))
        pl.issue(i, f"the text {excerpt(t.text)} is {t.size_pt:g} pt, off the type scale ({_fmt(allowed)} pt on "
                    f"this page, {pl.at(t.bounds())}); set it in a style whose size is on the scale")


def _pinned(pl: PageLint) -> None:
    tol = pl.ctx.layout.lint.grid_tolerance
    for i, region in enumerate(pl.template.regions):
        if not region.pinned:
            continue
        if region.box.after:
            pl.issue(i, f"is pinned but flows after {', '.join(region.box.after)}: a pinned region sits at the "
                        "same place on every page; drop box.after or pinned")
            continue
        if region.valign == "bottom":
            pl.issue(i, "is pinned but bottom-aligned: its first baseline would move with its text; "
                        "drop valign: bottom or pinned")
            continue
        lines = [t for t in pl.by_region.get(i, []) if isinstance(t, TextLine)]
        if not lines:
            continue
        y0 = min(t.y for t in lines)
        # the lines on the first baseline: the lowest ascent among them decides where it
        # sits (a figure row is aligned by its digits, a Chinese numeral rises above them)
        level = [t for t in lines if abs(t.y - y0) < 1e-6]
        biggest = max(t.size_pt for t in level)
        first = min((t for t in level if t.size_pt == biggest), key=lambda t: t.ascent)
        want = pl.ctx.mm(region.box.top) + first.ascent
        if abs(first.y - want) > tol:
            pl.issue(i, f"is pinned, but its first baseline ({excerpt(first.text)}) is at y {first.y:.1f} mm, "
                        f"{first.y - want:+.1f} mm from where the layout pins it (top {region.box.top:g} mm + "
                        f"ascent = {want:.1f} mm); set the region at its box's top")
