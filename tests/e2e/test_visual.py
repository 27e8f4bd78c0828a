"""Visual regression: every poster and a few brochure pages, rendered small and compared
with the golden PNGs in tests/golden/.

The comparison ignores antialiasing noise (small per-pixel differences, a few scattered
pixels) but fails on a moved block or a changed colour. A failing comparison writes
the actual image and an amplified difference image to tests/golden/actual/.

Refresh the goldens after an intended design change (and look at them):

    UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/e2e/test_visual.py -q
"""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps

from conftest import ROOT
from poster_gen.load.project import load_project
from poster_gen.render.raster import rasterise

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
ACTUAL = GOLDEN / "actual"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
POSTER_DPI, BROCHURE_DPI = 12, 24
BROCHURE_PAGES = (1, 2, 4, 5, 14, 16)
NOISE = 40  # per-channel difference (0-255) below which a pixel counts as unchanged
MAX_CHANGED = 0.004  # share of pixels that may differ by more than NOISE (antialiased edges)
MAX_MEAN = 3.0  # mean absolute difference over the image, in the most different channel

PROJECT = load_project(ROOT)
CASES = [(f"poster-{lm.slug}", f"posters/{lm.slug}.pdf", 1, POSTER_DPI) for lm in PROJECT.landmarks]
CASES += [(f"brochure-p{n:02d}", "brochure.pdf", n, BROCHURE_DPI) for n in BROCHURE_PAGES]


def compare(actual: Image.Image, golden: Image.Image) -> tuple[bool, str, Image.Image | None]:
    """Whether ``actual`` matches ``golden`` within the tolerances, why not, and the diff."""
    if actual.size != golden.size:
        return False, f"size {actual.size} differs from the golden {golden.size}", None
    diff = ImageChops.difference(actual.convert("RGB"), golden.convert("RGB"))
    grey = _max_channel(diff)
    hist = grey.histogram()
    total = actual.size[0] * actual.size[1]
    changed = sum(hist[NOISE + 1:]) / total
    mean = sum(i * n for i, n in enumerate(hist)) / total
    ok = changed <= MAX_CHANGED and mean <= MAX_MEAN
    return ok, f"{changed:.2%} of pixels changed (limit {MAX_CHANGED:.1%}), mean difference {mean:.2f} " \
               f"(limit {MAX_MEAN})", diff


def _max_channel(diff: Image.Image) -> Image.Image:
    r, g, b = diff.split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b)


@pytest.mark.parametrize("name, pdf, page, dpi", CASES, ids=[c[0] for c in CASES])
def test_matches_the_golden(built: Path, name: str, pdf: str, page: int, dpi: int):
    actual = rasterise(built / pdf, dpi=dpi)[page - 1]
    golden_path = GOLDEN / f"{name}.png"
    if UPDATE or not golden_path.exists():
        if not UPDATE:
            pytest.fail(f"no golden for {name}; create them with UPDATE_GOLDENS=1")
        GOLDEN.mkdir(exist_ok=True)
        actual.save(golden_path, optimize=True)
        return
    with Image.open(golden_path) as g:
        golden = g.convert("RGB")
    ok, why, diff = compare(actual, golden)
    if not ok:
        ACTUAL.mkdir(parents=True, exist_ok=True)
        actual.save(ACTUAL / f"{name}.png")
        if diff is not None:
            ImageOps.autocontrast(diff, cutoff=0).save(ACTUAL / f"{name}-diff.png")
        pytest.fail(f"{name} differs from tests/golden/{name}.png: {why}; see tests/golden/actual/")


def test_the_comparison_ignores_noise_but_catches_changes():
    """Antialiasing-like noise passes; a moved block and a changed colour fail."""
    golden = Image.open(GOLDEN / "poster-integrated-circuits.png").convert("RGB")
    w, h = golden.size
    # noise: every pixel a little off (rounding, another PDFium), a sprinkle far off (glyph edges)
    rng = random.Random(3)
    noisy = golden.copy()
    px = noisy.load()
    for y in range(h):
        for x in range(w):
            px[x, y] = tuple(max(0, min(255, v + rng.randint(-3, 3))) for v in px[x, y])
    for x in range(0, w, 37):
        noisy.putpixel((x, (x * 7) % h), (0, 0, 0))
    assert compare(noisy, golden)[0]
    # a block moved by 4 px (at 12 dpi that is 8.5 mm on the A2 poster)
    moved = golden.copy()
    block = golden.crop((0, h // 3, w, h // 3 + h // 6))
    moved.paste(block, (0, h // 3 + 4))
    assert not compare(moved, golden)[0]
    # a changed colour: the hero band's hue
    recoloured = golden.copy()
    band = recoloured.crop((0, int(h * 0.3), w, int(h * 0.55)))
    r, g, b = band.split()
    recoloured.paste(Image.merge("RGB", (b, g, r)), (0, int(h * 0.3)))
    assert not compare(recoloured, golden)[0]
