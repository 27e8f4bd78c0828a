"""The five posters as one series: one size per text role on all five, the fixed
elements at the same y, the figures and the evidence columns on one grid, at most nine
sizes a poster; the brochure on its own single type scale."""
from __future__ import annotations

from collections import defaultdict

import pytest

from conftest import ROOT
from poster_gen.compose.document import compose_brochure, compose_poster
from poster_gen.page_model import TextLine
from poster_gen.compose.series import series_step
from poster_gen.load.project import load_project

PROJECT = load_project(ROOT)
POSTER = PROJECT.layouts["poster"]


@pytest.fixture(scope="module")
def posters(metrics):
    step = series_step(PROJECT, metrics["poster"])
    return {lm.slug: compose_poster(PROJECT, lm, metrics["poster"], step=step).pages[0] for lm in PROJECT.landmarks}


def lines(page) -> list[TextLine]:
    return [i for i in page.items if isinstance(i, TextLine)]


def test_one_size_per_style_across_the_series(posters):
    sizes = defaultdict(set)
    for page in posters.values():
        for t in lines(page):
            if t.style:
                sizes[t.style].add(round(t.size_pt, 3))
    assert sizes, "lines carry their style"
    assert {name: s for name, s in sizes.items() if len(s) > 1} == {}


def test_every_size_is_on_the_type_scale_and_at_most_nine_a_poster(posters):
    scale = set(POSTER.type_scale)
    for slug, page in posters.items():
        used = {round(t.size_pt, 3) for t in lines(page)}
        assert used <= scale, (slug, used - scale)
        assert len(used) <= 9, (slug, sorted(used))


def first_baseline(page, region: str, style: str | None = None) -> float | None:
    ys = [t.y for t in lines(page) if t.role == region and (style is None or t.style == style)]
    return min(ys) if ys else None


@pytest.mark.parametrize("region,style", [("title", "title_zh"), ("figures", "figure"), ("plan", "caption"),
                                          ("chain", "caption"), ("voice", "caption"), ("vision", None)])
def test_fixed_elements_start_at_the_same_y_on_every_poster(posters, region, style):
    """The name, the figure baseline, the column headers and the footer: one y on all
    five (a column a landmark has no data for, or a voice without a header, is skipped)."""
    ys = {slug: round(y, 3) for slug, page in posters.items()
          if (y := first_baseline(page, region, style)) is not None}
    assert len(ys) >= 3 and len(set(ys.values())) == 1, ys


def test_figures_and_columns_sit_on_one_grid(posters):
    lay = POSTER
    inner = lay.page.width - lay.margins.left - lay.margins.right
    colw = (inner - lay.grid.gutter * (lay.grid.columns - 1)) / lay.grid.columns
    edges = {round(lay.margins.left + c * (colw + lay.grid.gutter), 2) for c in range(lay.grid.columns)}
    for slug, page in posters.items():
        numerals = [t for t in lines(page) if t.role == "figures" and t.style == "figure"]
        assert 3 <= len(numerals) <= 4
        for t in numerals:
            assert round(t.x, 2) in edges, (slug, t.text, t.x)
        for region in ("plan", "chain", "voice"):
            assert round(page.frames[region].x, 2) in edges, (slug, region)
        # the evidence columns start where the figures of a three-figure row start
        assert {round(page.frames[r].x, 2) for r in ("plan", "chain", "voice")} == \
            {round(lay.margins.left + c * (colw + lay.grid.gutter), 2) for c in (0, 4, 8)}


def test_the_series_steps_down_together(metrics):
    """A body text too long for its column steps every poster's body styles down one
    step, not just its own."""
    from dataclasses import replace

    from poster_gen.load.models import Text

    lm = PROJECT.landmarks[0]
    long_measures = [Text(zh="设立产业发展基金" * 2, en="An industrial development fund " * 2)] * 3
    long = replace(lm, plan=replace(lm.plan, measures=long_measures))
    trial = replace(PROJECT, landmarks=[long, *PROJECT.landmarks[1:]])
    base = series_step(PROJECT, metrics["poster"])
    assert series_step(trial, metrics["poster"]) >= base
    step = series_step(trial, metrics["poster"])
    if step == base:
        pytest.skip("the longer text still fits at the series' sizes")
    other = compose_poster(trial, trial.landmarks[1], metrics["poster"], step=step).pages[0]
    body = {t.size_pt for t in lines(other) if t.style == "body_zh"}
    assert body and max(body) < POSTER.styles["body_zh"].size


def test_the_brochure_has_one_type_scale(metrics):
    doc = compose_brochure(PROJECT, metrics["brochure"])
    scale = set(PROJECT.layouts["brochure"].type_scale)
    sizes = defaultdict(set)
    for page in doc.pages:
        for t in lines(page):
            assert round(t.size_pt, 3) in scale, (page.label, t.text, t.size_pt)
            if t.style:
                sizes[t.style].add(round(t.size_pt, 3))
    assert {name: s for name, s in sizes.items() if len(s) > 1} == {}
