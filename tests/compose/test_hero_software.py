"""The software hero (Yunjin brocade woven from code): it frames every name it is given,
stays in its area and its stroke system, and keeps to the point budget."""
from __future__ import annotations

import math

import pytest

from poster_gen.page_model import CMYK, Box, Path
from poster_gen.compose.motifs import MotifContext, draw_motif

NAME = "hero-yunjin-code"
PALETTE = {
    "primary": CMYK(0, 62, 92, 0), "secondary": CMYK(0, 72, 52, 0), "deep": CMYK(20, 88, 100, 38),
    "accent": CMYK(82, 22, 0, 0), "blossom": CMYK(0, 78, 22, 0), "ground": CMYK(0, 5, 7, 0),
    "tint": CMYK(0, 22, 30, 0), "paper": CMYK(0, 0, 0, 0), "ink": CMYK(0, 0, 0, 90),
}
HERO = Box(0, 0, 420, 300)
HEADER = (Box(17.0, 20.79, 386.0, 33.22), Box(17.0, 33.0, 386.0, 26.0))
KEEP_OUT = {  # the poster's keep-outs: a long one-line name, the English edition, two lines
    "one-line": HEADER + (Box(17.0, 49.0, 381.6, 90.33),),
    "english": HEADER + (Box(17.0, 49.0, 266.63, 68.29),),
    "two-lines": HEADER + (Box(17.0, 49.0, 381.6, 143.16),),
}


def ctx(keep_out=(), box=HERO, seed=0, params=None, bleed=(3.0, 3.0, 0.0, 3.0)):
    p = {"colour": "primary", "accent": "accent", **(params or {})}
    return MotifContext(box, PALETTE, seed, 1.4, p, bleed, PALETTE["ground"], keep_out)


def points(items):
    for it in items:
        for op in it.ops:
            yield from zip(op[1::2], op[2::2])


@pytest.mark.parametrize("case", sorted(KEEP_OUT))
def test_frames_the_name_within_the_area_and_budget(case):
    c = ctx(KEEP_OUT[case])
    items = draw_motif(NAME, c)
    assert items == draw_motif(NAME, c)
    pts = list(points(items))
    assert 1000 < len(pts) < 25000
    a = c.area
    for x, y in pts:
        assert a.x - 0.01 <= x <= a.right + 0.01 and a.y - 0.01 <= y <= a.bottom + 0.01
        assert not any(k.x + 0.01 < x < k.right - 0.01 and k.y + 0.01 < y < k.bottom - 0.01 for k in c.keep_out)
    widths = {round(it.stroke.width_pt, 6) for it in items if it.stroke is not None}
    assert widths <= {0.7, 1.4, 2.8}
    fills = {it.fill for it in items if it.fill is not None}
    assert PALETTE["primary"] in fills and PALETTE["accent"] in fills  # the woven clouds, the cursor


def test_the_woven_clouds_sit_in_the_band_under_the_name():
    """Fills (the woven floats) lie under the lowest keep-out; only lines rise above it."""
    for case, ko in KEEP_OUT.items():
        low = max(k.bottom for k in ko)
        for it in draw_motif(NAME, ctx(ko)):
            if it.fill is not None:
                assert min(y for _, y in points([it])) >= low - 0.01, case


def test_a_short_name_leaves_room_a_cloud_rises_into():
    """The English name leaves the top right free: line art is drawn there, not in the
    one-line case."""
    def high_right(case):
        return [(x, y) for it in draw_motif(NAME, ctx(KEEP_OUT[case])) if it.stroke is not None
                for x, y in points([it]) if x > 290 and y < 115]
    assert len(high_right("english")) > 50
    assert not high_right("one-line")


@pytest.mark.parametrize("box", [Box(0, 0, 200, 200), Box(10, 20, 400, 40), Box(5, 5, 100, 300), Box(50, 60, 30, 30)])
def test_any_box_without_text(box):
    c = ctx(box=box, bleed=(3, 3, 3, 3), params={"density": 2.0, "weight": 2.0})
    items = draw_motif(NAME, c)
    assert items
    for x, y in points(items):
        assert math.isfinite(x) and math.isfinite(y)
        assert c.area.x - 0.01 <= x <= c.area.right + 0.01 and c.area.y - 0.01 <= y <= c.area.bottom + 0.01


def test_seed_and_density_change_the_weave():
    base = draw_motif(NAME, ctx(KEEP_OUT["one-line"]))
    assert draw_motif(NAME, ctx(KEEP_OUT["one-line"], seed=5)) != base
    dense = draw_motif(NAME, ctx(KEEP_OUT["one-line"], params={"density": 1.5}))
    assert len(list(points(dense))) > len(list(points(base)))
    assert all(isinstance(it, Path) for it in base)


@pytest.mark.parametrize("bottom", [250.0, 299.0, 320.0])
def test_a_name_that_leaves_little_or_no_room(bottom):
    ko = HEADER + (Box(17.0, 49.0, 381.6, bottom - 49.0),)
    c = ctx(ko)
    for x, y in points(draw_motif(NAME, c)):
        assert not any(k.x + 0.01 < x < k.right - 0.01 and k.y + 0.01 < y < k.bottom - 0.01 for k in ko)
