"""The new-medicine hero (a DNA helix that grows into a plum branch): it keeps clear of
the name in every keep-out the data can make, by design rather than by the Sheet's cut."""
from __future__ import annotations

import math

import pytest

import poster_gen.compose.motifs.base as base
from poster_gen.page_model import CMYK, Box, Path
from poster_gen.compose.motifs import MotifContext, draw_motif

PALETTE = {
    "primary": CMYK(72, 0, 42, 0), "secondary": CMYK(55, 0, 22, 0), "deep": CMYK(92, 32, 62, 28),
    "accent": CMYK(0, 78, 22, 0), "blossom": CMYK(0, 78, 22, 0), "ground": CMYK(5, 0, 3, 0),
    "tint": CMYK(22, 0, 14, 0), "paper": CMYK(0, 0, 0, 0), "ink": CMYK(0, 0, 0, 90),
}
HERO = Box(0, 0, 420, 300)
HEADER = (Box(17, 20.8, 386, 33.2), Box(17, 33, 386, 26))
# the keep-outs the poster makes (header, rule, name; each grown by 13 mm)
KEEP_OUTS = {
    "two-line name": HEADER + (Box(17, 49, 280, 143.2),),
    "one-line name": HEADER + (Box(17, 49, 229.2, 90.3),),
    "long one-line name": HEADER + (Box(17, 49, 381.6, 90.3),),
    "English edition": HEADER + (Box(17, 49, 364.3, 45.3),),
    "none": (),
}


def ctx(keep_out=(), seed=0, box=HERO, bleed=(3, 3, 0, 3), params=None):
    return MotifContext(box, PALETTE, seed, 1.4, params or {}, bleed, PALETTE["ground"], keep_out)


def points(items):
    for it in items:
        if isinstance(it, Path):
            for op in it.ops:
                yield from zip(op[1::2], op[2::2])


def test_deterministic_and_seeded():
    ko = KEEP_OUTS["two-line name"]
    first = draw_motif("hero-helix-plum", ctx(ko, seed=3))
    assert first == draw_motif("hero-helix-plum", ctx(ko, seed=3))
    assert first != draw_motif("hero-helix-plum", ctx(ko, seed=4))


@pytest.mark.parametrize("case", sorted(KEEP_OUTS))
@pytest.mark.parametrize("seed", [0, 1, 5])
def test_keeps_clear_of_the_text_by_design(monkeypatch, case, seed):
    """No filled shape reaches into the text (the Sheet would drop it whole, leaving a
    stalk without its flower or a gap in a strand), and nothing is drawn inside it."""
    dropped = []
    cut = base.cut_ops

    def counting(ops, boxes, filled=False):
        out = cut(ops, boxes, filled)
        if filled:
            dropped.append(sum(o[0] == "M" for o in ops) - sum(o[0] == "M" for o in out))
        return out

    monkeypatch.setattr(base, "cut_ops", counting)
    keep_out = KEEP_OUTS[case]
    items = draw_motif("hero-helix-plum", ctx(keep_out, seed))
    assert sum(dropped) == 0, (case, seed, dropped)
    for x, y in points(items):
        assert not any(k.x + 0.01 < x < k.right - 0.01 and k.y + 0.01 < y < k.bottom - 0.01 for k in keep_out)


@pytest.mark.parametrize("case", sorted(KEEP_OUTS))
def test_in_bounds_palette_strokes_and_budget(case):
    c = ctx(KEEP_OUTS[case])
    items = draw_motif("hero-helix-plum", c)
    area = c.area
    widths = {round(1.4 * k, 9) for k in (0.5, 1.0, 2.0)}
    n = 0
    for it in items:
        assert isinstance(it, Path)
        for col in filter(None, (it.fill, it.stroke and it.stroke.colour)):
            assert all(0 <= v <= 100 for v in col.channels)
        if it.stroke is not None:
            assert round(it.stroke.width_pt, 9) in widths
        assert all(math.isfinite(v) for op in it.ops for v in op[1:])
    for x, y in points(items):
        n += 1
        assert area.x - 0.01 <= x <= area.right + 0.01 and area.y - 0.01 <= y <= area.bottom + 0.01
    assert 0 < len(items) <= 40
    assert n < 25_000


@pytest.mark.parametrize("box", [Box(10, 20, 400, 40), Box(5, 5, 100, 300), Box(0, 0, 200, 200), Box(50, 60, 30, 30)])
def test_other_boxes_draw_without_error(box):
    items = draw_motif("hero-helix-plum", ctx(box=box, bleed=(0, 0, 0, 0), params={"weight": 2.5}))
    assert items
    for x, y in points(items):
        assert box.x - 0.01 <= x <= box.right + 0.01 and box.y - 0.01 <= y <= box.bottom + 0.01


@pytest.mark.parametrize("case", sorted(KEEP_OUTS))
def test_buds_and_blossoms_in_the_helix_touch_no_strand(case):
    """Nothing touches: every bud and blossom set between the strands clears them."""
    from dataclasses import replace
    from types import MappingProxyType

    import poster_gen.compose.motifs.hero_medicine as hero
    from poster_gen.compose.motifs.base import resolve
    from poster_gen.compose.motifs.frame import Frame

    c = ctx(KEEP_OUTS[case])
    fr = Frame(replace(c, params=MappingProxyType(resolve(hero.INFOS[0].params, {}))), hero.PAINT)
    pl = hero._plan(fr)
    ax = hero._axis(fr, pl)
    ends, taken = hero._helix(fr, ax), []
    hero._windows(fr, ax, ends, taken)
    hero._pairs(fr, ax, ends, taken)
    assert taken
    gap = min(math.dist((x, y), p) - w / 2 - r for x, y, r in taken for pts, ws in ends for p, w in zip(pts, ws))
    assert gap > 1.0, (case, gap)
