"""Where small black text may overprint: the last step of composing a page.

Black text under ``SMALL_TEXT_PT`` prints from the K plate alone and overprints what lies
beneath (no misregistered fringes, no white halo), so the ink where it stands is the
ground's C, M and Y plus 100 % K. On a ground whose C + M + Y is over ``MAX_INK`` - 100 that
passes the press's limit: there the line knocks out instead (``TextLine.knockout``), and
the limit holds everywhere, overprint included.

What lies beneath a text is the topmost painted shape under its centre (the layout lint
keeps every text wholly on one ground, clear of motifs, so one colour is the answer); the
lint's contrast check asks the same question of the same function.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..page_model import CMYK, Circle, Image, Item, Path, Rect, TextLine
from ..print_rules import MAX_INK, SMALL_TEXT_PT, near_black, overprint_ink
from .ink import outline


def fill_of(item: Item) -> CMYK | None:
    return getattr(item, "fill", None) if isinstance(item, (Rect, Path, Circle)) else None


def behind(text: TextLine, painted: Sequence[Item]) -> Item | None:
    """The topmost painted item (filled shape or photo, in drawing order) under the
    text's centre: a filled path by its outline (a mountain's bounding box may cover a
    name its shape keeps clear of)."""
    b = text.bounds()
    cx, cy = b.cx, b.cy
    for item in reversed(painted):
        ib = item.bounds()
        if not (ib.x <= cx <= ib.right and ib.y <= cy <= ib.bottom):
            continue
        if isinstance(item, Path) and not outline(item).contains(cx, cy, item.even_odd):
            continue
        return item
    return None


def overprints(line: TextLine) -> bool:
    """Whether print output sets ``line`` as K100 overprint (small, near-black text)."""
    col = line.colour
    return line.size_pt < SMALL_TEXT_PT and not col.spot and near_black(col.c, col.m, col.y, col.k)


def knockouts(items: list[Item]) -> list[Item]:
    """``items`` with each small black line marked to knock out where overprinting would
    exceed the ink limit (the items are otherwise unchanged)."""
    painted: list[Item] = []
    out: list[Item] = []
    for item in items:
        if isinstance(item, TextLine) and overprints(item):
            under = behind(item, painted)
            fill = fill_of(under) if under is not None else None
            if fill is not None and not fill.spot and overprint_ink(fill.channels) > MAX_INK + 0.05:
                item = replace(item, knockout=True)
        elif isinstance(item, Image) or fill_of(item) is not None:
            painted.append(item)
        out.append(item)
    return out
