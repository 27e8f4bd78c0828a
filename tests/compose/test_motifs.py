"""The motif registry: pure, reproducible, in-bounds, palette-only line art."""
from __future__ import annotations

import ast
import math
from dataclasses import replace
from pathlib import Path as FilePath

import pytest

from poster_gen.page_model import CMYK, Box, Circle, Path, Rect
from poster_gen.compose.motifs import MOTIFS, MotifContext, MotifError, ParamSpec, check_params, draw_motif
from poster_gen.compose.motifs import nanjing, nanjing_city, nanjing_land, tech, tech_cells, tech_code
from poster_gen.compose.motifs.frame import Frame, Paint

PALETTE = {
    "primary": CMYK(80, 0, 55, 0, "primary"),
    "secondary": CMYK(70, 0, 20, 0, "secondary"),
    "deep": CMYK(90, 30, 70, 20, "deep"),
    "accent": CMYK(0, 35, 90, 0, "accent"),
    "blossom": CMYK(0, 75, 20, 0, "blossom"),
    "ground": CMYK(6, 0, 4, 0, "ground"),
    "tint": CMYK(25, 0, 18, 0, "tint"),
    "paper": CMYK(0, 0, 0, 0, "paper"),
    "ink": CMYK(0, 0, 0, 90, "ink"),
}

BOXES = {
    "band": Box(10, 20, 400, 40),
    "tall": Box(5, 5, 100, 300),
    "square": Box(0, 0, 200, 200),
    "small": Box(50, 60, 30, 30),
}
A2 = Box(0, 0, 420, 594)

# parameter sets that reach each motif's other code paths (fusions, layouts, options)
VARIANTS = {
    "plum-blossom": [{"petal_fill": 0}, {"scale": 2.0, "density": 2}],
    "city-wall": [{"gate": True, "fill": 0.2}, {"gate": True, "gate_at": 0.1, "density": 0.25}],
    "yangtze-waves": [{"signal": 1.0}, {"signal": 0.5, "signal_side": "left", "amplitude": 1.6}],
    "yangtze-bridge": [{"scale": 1.5}, {"scale": 0.5}],
    "purple-mountain": [{"layers": 30, "observatory": False}, {"layers": 2, "density": 2}],
    "yunjin-clouds": [{"layout": "clouds"}, {"layout": "clouds", "count": 8, "density": 2}],
    "circuit-traces": [{"follow": "battlements"}, {"density": 2, "follow": "battlements"}],
    "neural-network": [{"blossom_nodes": True}, {"curved": False, "connectivity": 1.0}],
    "battery-charging": [{"density": 2}, {"density": 0.25, "weight": 4}],
    "dna-helix": [{"angle": 40, "molecules": 12}, {"angle": -75, "scale": 1.6}],
    "code-grid": [{"density": 2}, {"density": 0.25}],
}
# the heroes (one drawing per landmark, written separately): the common parameters only
VARIANTS.update({name: [{"density": 2}, {"density": 0.25, "weight": 2}]
                 for name, info in MOTIFS.items() if info.kind == "hero"})


def ctx(box, seed=0, params=None, bleed=(0, 0, 0, 0), stroke_pt=1.0):
    return MotifContext(box, PALETTE, seed, stroke_pt, params or {}, bleed)


def coords(item):
    if isinstance(item, Path):
        for op in item.ops:
            v = op[1:]
            yield from zip(v[0::2], v[1::2])
    else:
        b = item.bounds()
        yield (b.x, b.y)
        yield (b.right, b.bottom)


def colours(item):
    out = []
    if getattr(item, "fill", None) is not None:
        out.append(item.fill)
    if getattr(item, "stroke", None) is not None:
        out.append(item.stroke.colour)
    return out


def is_palette_tint(col: CMYK) -> bool:
    """Channels are some palette colour scaled by one factor in 0..1 (a screen tint)."""
    for ref in PALETTE.values():
        peak = max(ref.channels)
        if peak == 0:
            if max(col.channels) < 1e-9:
                return True
            continue
        i = ref.channels.index(peak)
        f = col.channels[i] / peak
        same_mix = all(abs(c - r * f) < 1e-6 for c, r in zip(col.channels, ref.channels))
        if -1e-9 <= f <= 1 + 1e-9 and same_mix:
            return True
    return False


def test_registry_has_both_kinds():
    kinds = [m.kind for m in MOTIFS.values()]
    assert kinds.count("nanjing") >= 6
    assert kinds.count("technology") >= 5
    for name, info in MOTIFS.items():
        assert info.name == name
        assert info.summary
        for common in ("colour", "strength", "density", "weight"):
            assert common in info.params, (name, common)
        for pname, spec in info.params.items():
            assert isinstance(spec, ParamSpec)
            assert not check_params(name, {pname: spec.default}), (name, pname)
    assert set(VARIANTS) == set(MOTIFS)


@pytest.mark.parametrize("name", sorted(MOTIFS))
def test_deterministic_and_seeded(name):
    box = BOXES["square"]
    first = draw_motif(name, ctx(box, seed=3))
    again = draw_motif(name, ctx(box, seed=3))
    assert first == again
    assert first, "a motif draws something"
    if MOTIFS[name].kind != "hero":  # a hero is one composed drawing; the seed may not move it
        other = draw_motif(name, ctx(box, seed=4))
        assert other != first


@pytest.mark.parametrize("name", sorted(MOTIFS))
@pytest.mark.parametrize("shape", [s if s == "square" else pytest.param(s, marks=pytest.mark.slow) for s in sorted(BOXES)])
def test_in_bounds_palette_and_stroke_system(name, shape):  # the inner loop draws each motif in one box
    box = BOXES[shape]
    cases = [({}, (0, 0, 0, 0), 1.0)] + [(v, (3, 3, 3, 3), 0.8) for v in VARIANTS[name]]
    cases.append(({"weight": 2.5}, (0, 5, 0, 2), 1.3))
    for params, bleed, spt in cases:
        for seed in (0, 1):
            c = ctx(box, seed, params, bleed, spt)
            items = draw_motif(name, c)
            area = c.area
            weight = params.get("weight", 1.0)
            allowed_w = {round(spt * weight * k, 9) for k in (0.5, 1.0, 2.0)}
            for it in items:
                assert isinstance(it, (Path, Rect, Circle)), type(it)
                for x, y in coords(it):
                    assert area.x - 0.01 <= x <= area.right + 0.01, (name, shape, params, x)
                    assert area.y - 0.01 <= y <= area.bottom + 0.01, (name, shape, params, y)
                for col in colours(it):
                    assert is_palette_tint(col), (name, col)
                if getattr(it, "stroke", None) is not None:
                    assert round(it.stroke.width_pt, 9) in allowed_w, (name, it.stroke.width_pt)
                if isinstance(it, Path):
                    assert {op[0] for op in it.ops} <= {"M", "L", "C", "Z"}
                    assert all(math.isfinite(v) for op in it.ops for v in op[1:])


@pytest.mark.parametrize("name", sorted(MOTIFS))
def test_poster_scale_counts_are_moderate(name):
    """A band motif stays under 8,000 path operations; a hero, the poster's whole image,
    under 25,000 (render and preflight time grow with them)."""
    limit = 25_000 if MOTIFS[name].kind == "hero" else 8000
    for params in [{}] + VARIANTS[name]:
        items = draw_motif(name, ctx(A2, 0, params, (3, 3, 3, 3), 1.4))
        assert 0 < len(items) <= 40
        ops = sum(len(i.ops) for i in items if isinstance(i, Path))
        assert ops <= limit, (name, params, ops)


def test_strength_scales_ink_only():
    full = draw_motif("city-wall", ctx(BOXES["band"], params={"strength": 1.0}))
    faint = draw_motif("city-wall", ctx(BOXES["band"], params={"strength": 0.3}))
    assert len(full) == len(faint)
    for a, b in zip(full, faint):
        assert a.ops == b.ops
        ca, cb = colours(a)[0], colours(b)[0]
        for x, y in zip(ca.channels, cb.channels):
            assert y == pytest.approx(x * 0.3)


def test_colour_param_picks_the_token():
    items = draw_motif("purple-mountain", ctx(BOXES["band"], params={"colour": "deep"}))
    assert all(c.c / PALETTE["deep"].c == pytest.approx(c.k / PALETTE["deep"].k)
               for it in items for c in colours(it))


def test_missing_palette_token_is_an_error():
    with pytest.raises(MotifError):
        draw_motif("plum-blossom", MotifContext(BOXES["square"], {"primary": PALETTE["primary"]}))


def test_param_messages():
    assert check_params("city-wall", {}) == []
    assert check_params("city-wall", {"densty": 1}) == [
        "unknown parameter 'densty' (did you mean 'density'?)"]
    assert check_params("city-wall", {"density": 3.5}) == ["density: 3.5 is above the maximum 2"]
    assert check_params("city-wall", {"density": 0.1}) == ["density: 0.1 is below the minimum 0.25"]
    assert check_params("plumb", {}) == ["unknown motif 'plumb' (did you mean 'plum-blossom'?)"]
    assert check_params("zzz", {}) == ["unknown motif 'zzz'"]
    assert check_params("city-wall", {"gate": "yes"}) == ["gate: expected true or false, got 'yes'"]
    msg = check_params("city-wall", {"colour": "primery"})
    assert msg and "did you mean 'primary'" in msg[0]
    assert check_params("yangtze-waves", {"signal": "high"}) == ["signal: expected a number, got 'high'"]
    assert check_params("purple-mountain", {"layers": 2.5}) == ["layers: expected an integer, got 2.5"]
    assert len(check_params("city-wall", {"densty": 1, "weight": 9})) == 2
    with pytest.raises(MotifError, match="above the maximum"):
        draw_motif("city-wall", ctx(BOXES["band"], params={"weight": 9}))
    with pytest.raises(MotifError, match="unknown motif"):
        draw_motif("city-wal", ctx(BOXES["band"]))


@pytest.mark.parametrize("name, params", [
    ("circuit-traces", {"follow": "battlements"}),
    ("neural-network", {"blossom_nodes": True}),
    ("yangtze-waves", {"signal": 1}),
    ("city-wall", {"gate": True}),
    ("yunjin-clouds", {"layout": "clouds"}),
])
def test_fusion_params_change_the_drawing(name, params):
    box = BOXES["band"]
    assert draw_motif(name, ctx(box, 0, params)) != draw_motif(name, ctx(box, 0))


def test_signal_turns_waves_into_steps():
    """With signal=1 the far side is square pulses: long runs of purely horizontal and
    vertical line segments; without it the lines are curves."""
    def straight_share(items):
        n_l = sum(1 for i in items for op in i.ops if op[0] == "L")
        n_c = sum(1 for i in items for op in i.ops if op[0] == "C")
        return n_l / max(1, n_l + n_c)
    box = BOXES["band"]
    assert straight_share(draw_motif("yangtze-waves", ctx(box))) < 0.05
    assert straight_share(draw_motif("yangtze-waves", ctx(box, params={"signal": 1}))) > 0.5


def test_bleed_lets_patterns_run_past_the_box():
    box = Box(0, 0, 200, 60)
    items = draw_motif("yangtze-waves", ctx(box, bleed=(3, 3, 3, 3)))
    xs = [x for it in items for x, _ in coords(it)]
    assert min(xs) < 0 and max(xs) > 200


# -- how the motifs are written -----------------------------------------------------------------

# the landmark-free motif modules: each drawing is a Frame, a paint table and short steps
STEPPED = (nanjing, nanjing_city, nanjing_land, tech, tech_cells, tech_code)


@pytest.mark.parametrize("mod", STEPPED, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_motif_functions_are_short(mod):
    """Geometry in named steps: no function (nested ones and methods included) is longer
    than 50 lines, its def line to its last."""
    tree = ast.parse(FilePath(mod.__file__).read_text(encoding="utf-8"))
    long = [(n.name, n.lineno, n.end_lineno - n.lineno + 1) for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 50]
    assert not long, f"{mod.__name__}: functions over 50 lines (name, line, length): {long}"


def _paint_tables(mod) -> list[dict]:
    return [v for k, v in vars(mod).items() if k.endswith("PAINT") and isinstance(v, dict) and v
            and all(isinstance(p, Paint) for p in v.values())]


@pytest.mark.parametrize("name", sorted(n for mod in STEPPED for n in (i.name for i in mod.INFOS)))
def test_motif_draws_through_a_frame_and_its_paint_table(name, monkeypatch):
    """The prologue is one Frame, the epilogue its items(); every pen is painted as an
    entry of a module-level paint table says (a parameter may set the tint, ``f``)."""
    mod = next(m for m in STEPPED if any(i.name == name for i in m.INFOS))
    tables = _paint_tables(mod)
    assert tables, f"{mod.__name__} has no module-level paint table"
    known = {replace(p, f=1.0) for t in tables for p in t.values()}
    opened = []

    class Spy(Frame):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(self)

        def items(self):
            self.result = super().items()
            return self.result

    monkeypatch.setattr(mod, "Frame", Spy)
    for params in [{}] + VARIANTS[name]:
        for box in (BOXES["band"], BOXES["square"]):
            opened.clear()
            items = draw_motif(name, ctx(box, 1, params, (2, 2, 2, 2)))
            assert len(opened) == 1, (name, params, len(opened))
            fr = opened[0]
            assert items is fr.result, (name, params)
            strange = {k: p for k, p in fr.paint.items() if replace(p, f=1.0) not in known}
            assert not strange, (name, params, strange)
