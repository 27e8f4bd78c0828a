"""The new energy vehicles hero: the bridge and its charging ring compose around every
name block (short, two lines, English, very wide) without losing a shape to the cut."""
from __future__ import annotations

import math

import pytest

from poster_gen.page_model import Box, Path
from poster_gen.compose.motifs import MotifContext, draw_motif, hero_nev
from poster_gen.compose.motifs.base import resolve
from poster_gen.compose.motifs.frame import Frame

from test_motifs import PALETTE, coords

HERO = Box(0, 0, 420, 300)
HEADER = (Box(17, 20.8, 386, 33.2), Box(17, 33, 386, 26))
NAMES = {  # the title's keep-out as the poster layout gives it
    "zh": Box(17, 49, 280, 90.3),
    "two-lines": Box(17, 49, 280, 143.2),
    "en": Box(17, 49, 262.5, 45.3),
    "en-three-lines": Box(17, 49, 262, 150),
    "wide": Box(17, 49, 386, 90.3),
}


def hero_ctx(name, seed=0):
    params = resolve(hero_nev.INFOS[0].params, {})
    return MotifContext(HERO, PALETTE, seed, 1.4, params, (3, 3, 0, 3), PALETTE["ground"],
                        HEADER + (NAMES[name],))


def subpaths(ops):
    return sum(1 for op in ops if op[0] == "M")


@pytest.mark.parametrize("name", sorted(NAMES))
def test_composes_around_the_name(name):
    c = hero_ctx(name)
    fr = Frame(c, hero_nev.PAINT)
    g = hero_nev._layout(fr)
    k = NAMES[name]
    assert g.D >= 7.0 and g.n >= 4 and g.R > 15.0
    assert g.y_deck - g.tower * g.D - 2.2 * g.D > k.bottom  # the banners' tips under the name
    assert hero_nev._box_dist(g.cx, g.cy, k) >= g.R + g.W / 2  # the ring beside it
    assert g.x0 < g.x1 < g.cx - g.R


@pytest.mark.parametrize("name", sorted(NAMES))
def test_in_area_palette_only_and_no_fill_lost(name):
    c = hero_ctx(name)
    items = draw_motif("hero-bridge-current", c)
    a = c.area
    tokens = {"@colour": "primary", "@accent": "accent"}
    inks = {PALETTE["ground"].mix(PALETTE[tokens.get(p.token, p.token)], p.f) for p in hero_nev.PAINT.values()}
    points = 0
    for it in items:
        assert isinstance(it, Path)
        for x, y in coords(it):
            assert a.x - 0.01 <= x <= a.right + 0.01 and a.y - 0.01 <= y <= a.bottom + 0.01
            points += 1
        assert (it.fill or it.stroke.colour) in inks
    assert points < 25000
    # a filled shape reaching into the name would be dropped whole: none is
    fr = Frame(c, hero_nev.PAINT)
    drawn = subpaths([op for item in items if item.fill for op in item.ops])
    g = hero_nev._layout(fr)
    for step in hero_nev.STEPS:
        step(fr, g)
    made = sum(subpaths(fr[n].ops) for n, p in hero_nev.PAINT.items() if p.kind == "fill")
    assert drawn == made


def test_deterministic_and_seeded():
    first = draw_motif("hero-bridge-current", hero_ctx("zh", 3))
    assert first == draw_motif("hero-bridge-current", hero_ctx("zh", 3))
    assert first != draw_motif("hero-bridge-current", hero_ctx("zh", 4))
    assert all(math.isfinite(v) for it in first for op in it.ops for v in op[1:])
