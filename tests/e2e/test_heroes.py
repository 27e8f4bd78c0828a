"""The hero images and the series' colours: each poster's top half is one drawing that
frames the name and keeps clear of every text, no two posters share it, the five hues
read apart, and the posters stay light."""
from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pytest

from conftest import ROOT
from poster_gen.colour import cmyk_to_lab, delta_e2000
from poster_gen.compose.document import compose_poster
from poster_gen.units import MM_PER_PT
from poster_gen.page_model import Box, Path as PathItem, TextLine
from poster_gen.compose.ink import ink_box, outline
from poster_gen.compose.series import series_step
from poster_gen.load.project import load_project

PROJECT = load_project(ROOT)
POSTER = PROJECT.layouts["poster"]


@pytest.fixture(scope="module")
def posters(metrics):
    step = series_step(PROJECT, metrics["poster"])
    return {lm.slug: compose_poster(PROJECT, lm, metrics["poster"], step=step).pages[0] for lm in PROJECT.landmarks}


def hero_paths(page) -> list[PathItem]:
    return [i for i in page.items if isinstance(i, PathItem) and i.role == "motif"
            and page.frames["hero-art"].inset(-4).contains(i.bounds())]


def union(boxes: list[Box]) -> Box:
    out = boxes[0]
    for b in boxes[1:]:
        out = out.union(b)
    return out


def test_every_landmark_has_its_own_hero():
    heroes = [lm.motifs.hero for lm in PROJECT.landmarks]
    assert None not in heroes and len(set(heroes)) == len(heroes)


def test_the_hero_covers_40_to_60_percent_of_the_trim(posters):
    """The hero's frame is about half the sheet, and its drawing spans the frame (it is
    the image, not an icon in a corner)."""
    for slug, page in posters.items():
        frame = page.frames["hero-art"]
        x0, y0 = max(frame.x, 0), max(frame.y, 0)
        x1, y1 = min(frame.right, page.width), min(frame.bottom, page.height)
        share = (x1 - x0) * (y1 - y0) / (page.width * page.height)
        assert 0.40 <= share <= 0.60, (slug, round(share, 3))
        b = union([p.bounds() for p in hero_paths(page)])
        region = next(r for r in POSTER.templates["poster"].regions if r.id == "hero-art")
        names = [t.bounds().bottom for t in page.items if isinstance(t, TextLine) and t.role == "title"]
        free_top = max(names) + region.avoid_margin  # below the name, the drawing has the whole width
        assert min(b.right, x1) - max(b.x, x0) >= 0.7 * (x1 - x0), (slug, b)
        assert min(b.bottom, y1) - max(b.y, y0) >= 0.6 * (y1 - free_top), (slug, b)


def test_the_hero_stays_in_its_frame(posters):
    for slug, page in posters.items():
        frame = page.frames["hero-art"]
        bleed = Box(-page.bleed, -page.bleed, page.width + 2 * page.bleed, frame.bottom + page.bleed)
        for p in hero_paths(page):
            assert bleed.contains(p.bounds(), tol=0.05), (slug, p.bounds())


def test_the_hero_keeps_a_quarter_em_from_every_text(posters, metrics):
    fonts = metrics["poster"]
    for slug, page in posters.items():
        lines = [t for t in page.items if isinstance(t, TextLine)]
        paths = hero_paths(page)
        for t in lines:
            box = ink_box(t, fonts)
            need = POSTER.lint.ink_gap * t.size_pt * MM_PER_PT
            for p in paths:
                if not p.bounds().inset(-need).intersects(box):
                    continue
                half = (p.stroke.width_pt * MM_PER_PT / 2) if p.stroke else 0.0
                gap = outline(p).distance(box, need + half + 1) - half
                assert gap >= need - 0.05, (slug, t.text, round(gap, 2), round(need, 2))


def test_the_name_reads_against_what_is_behind_it(posters):
    """Behind every point of the name is the page's ground (the drawing frames it, no
    shape of it lies under the type), and the name reads on that ground at 4.5:1."""
    from poster_gen.page_model import CMYK

    for slug, page in posters.items():
        names = [t for t in page.items if isinstance(t, TextLine) and t.role == "title"]
        ground = CMYK(*PROJECT.themes[PROJECT.landmark(slug).theme].colours["ground"].cmyk)
        fills = [(p, outline(p)) for p in hero_paths(page) if p.fill is not None]
        for t in names:
            assert t.colour.contrast(ground) >= 4.5, (slug, t.text)
            b = t.bounds()
            points = [(b.x + b.w * i / 8, b.y + b.h * j / 4) for i in range(9) for j in range(5)]
            for p, o in fills:
                if p.bounds().intersects(b):
                    assert not any(o.contains(x, y, p.even_odd) for x, y in points), (slug, t.text)


def test_no_two_posters_share_their_hero(posters):
    digests = {}
    for slug, page in posters.items():
        ops = sorted(repr(p.ops) for p in hero_paths(page))
        digests[slug] = hashlib.sha256("".join(ops).encode()).hexdigest()
    assert len(set(digests.values())) == len(digests), digests


def test_the_five_hues_read_apart():
    themes = sorted({lm.theme for lm in PROJECT.landmarks})
    assert len(themes) == 5
    for token in POSTER.lint.hue_tokens:
        for a, b in itertools.combinations(themes, 2):
            d = delta_e2000(cmyk_to_lab(tuple(PROJECT.themes[a].colours[token].cmyk)),
                            cmyk_to_lab(tuple(PROJECT.themes[b].colours[token].cmyk)))
            assert d >= POSTER.lint.hue_separation >= 20, (token, a, b, round(d, 1))


def test_a_theme_too_close_to_another_is_refused(tmp_path):
    from conftest import copy_project, run_cli

    proj = copy_project(tmp_path / "p")
    theme = proj / "layouts" / "themes" / "integrated-circuits.yaml"
    ai = (proj / "layouts" / "themes" / "artificial-intelligence.yaml").read_text(encoding="utf-8")
    ai_primary = next(line for line in ai.splitlines() if line.strip().startswith("primary:"))
    text = theme.read_text(encoding="utf-8")
    ic_primary = next(line for line in text.splitlines() if line.strip().startswith("primary:"))
    theme.write_text(text.replace(ic_primary, ai_primary), encoding="utf-8")
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2 and "colours.primary.cmyk" in r.stderr and "ΔE2000" in r.stderr, r.stderr


def test_the_posters_are_light(built: Path):
    """Light grounds, high chroma: at most a fifth of each poster prints dark."""
    from poster_gen.render.raster import rasterise

    for lm in PROJECT.landmarks:
        img = rasterise(built / "posters" / f"{lm.slug}.pdf", dpi=24)[0].convert("L")
        hist = img.histogram()
        dark = sum(hist[:96]) / sum(hist)
        assert dark < 0.20, (lm.slug, round(dark, 3))
