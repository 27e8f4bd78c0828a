"""The AI hero (Purple Mountain as a network of plum blossoms) composes around the text it
frames, in every keep-out the poster makes, within its budget."""
from __future__ import annotations

import pytest

from poster_gen.page_model import CMYK, Box, Path
from poster_gen.compose.motifs import MotifContext, draw_motif
from poster_gen.compose.motifs.clip import _subpaths
from poster_gen.compose.motifs.frame import Frame

NAME = "hero-mountain-network"
PALETTE = {t: CMYK(*c, t) for t, c in {
    "primary": (88, 48, 0, 0), "secondary": (68, 0, 8, 0), "deep": (100, 78, 12, 22),
    "accent": (0, 62, 62, 0), "blossom": (0, 78, 22, 0), "ground": (5, 1, 0, 0),
    "tint": (22, 6, 0, 0), "paper": (0, 0, 0, 0), "ink": (0, 0, 0, 90)}.items()}
HERO = Box(0, 0, 420, 300)
HEADER = (Box(17, 20.8, 386, 33.2), Box(17, 33, 386, 26))
KEEP_OUT = {  # the header and the name block, grown by 13 mm, as the poster builds them
    "one line": HEADER + (Box(17, 49, 229.2, 90.3),),
    "two lines": HEADER + (Box(17, 49, 280, 143.2),),
    "long line": HEADER + (Box(17, 49, 381.6, 90.3),),
    "english": HEADER + (Box(17, 49, 266.9, 45.3),),
    "none": (),
}


def ctx(box=HERO, keep_out=(), seed=0, **params):
    return MotifContext(box, PALETTE, seed, 1.4, params, (3, 3, 0, 3), PALETTE["ground"], keep_out)


def points(items):
    return sum((len(op) - 1) // 2 for it in items if isinstance(it, Path) for op in it.ops)


@pytest.mark.parametrize("case", sorted(KEEP_OUT))
def test_drawn_around_the_text(case, monkeypatch):
    seen = {}
    items_of = Frame.items

    def spy(self):
        seen.update((name, (self.paint[name].kind, pen.ops)) for name, pen in self.pens.items())
        return items_of(self)

    monkeypatch.setattr(Frame, "items", spy)
    boxes = KEEP_OUT[case]
    draw_motif(NAME, ctx(keep_out=boxes))
    assert {"mass", "crest", "edge", "hot", "petal_hot"} <= {n for n, (_, ops) in seen.items() if ops}
    for name, (kind, ops) in seen.items():
        for sub in _subpaths(ops):
            pts = [(op[i], op[i + 1]) for op in sub for i in range(1, len(op) - 1, 2)]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            for k in boxes:
                if kind == "fill":  # the Sheet would drop a fill whose box reaches in
                    assert max(xs) <= k.x or min(xs) >= k.right or max(ys) <= k.y or min(ys) >= k.bottom, name
                else:  # and cut a stroke: none needs cutting
                    assert not any(k.x < x < k.right and k.y < y < k.bottom for x, y in pts), name


@pytest.mark.parametrize("case", sorted(KEEP_OUT))
def test_budget_bounds_and_determinism(case):
    items = draw_motif(NAME, ctx(keep_out=KEEP_OUT[case]))
    assert items == draw_motif(NAME, ctx(keep_out=KEEP_OUT[case]))
    assert items != draw_motif(NAME, ctx(keep_out=KEEP_OUT[case], seed=1))
    assert 0 < points(items) < 25_000
    area = ctx().area
    for it in items:
        b = it.bounds()
        assert area.x - 0.01 <= b.x and b.right <= area.right + 0.01
        assert area.y - 0.01 <= b.y and b.bottom <= area.bottom + 0.01


@pytest.mark.parametrize("box", [Box(10, 20, 400, 40), Box(5, 5, 100, 300), Box(0, 0, 5, 5), Box(0, 0, 420, 594)])
@pytest.mark.parametrize("params", [{}, {"density": 2.0}, {"density": 0.25, "weight": 4.0}])
def test_any_box_any_params(box, params):
    items = draw_motif(NAME, ctx(box, **params))
    assert items and points(items) < 25_000
