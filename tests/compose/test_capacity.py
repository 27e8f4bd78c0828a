"""The studio's counter counts against the frame as composed: the capacity the compose
stage reports for a field is close to, and not above, what really fits (found here by
composing longer and longer texts)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import ROOT
from poster_gen.compose.document import ComposeError, compose_poster
from poster_gen.compose.series import series_step
from poster_gen.load.project import load_project

ZH = "集成电路产业地标城市南京设计制造封装测试" * 20
EN = "The leading integrated circuit city of China with chips designed and made here and " * 6


@pytest.fixture(scope="module")
def setup(metrics):
    project = load_project(ROOT)
    fonts = metrics["poster"]
    return project, fonts


def _fits(project, fonts, lm) -> bool:
    try:
        compose_poster(project, lm, fonts, step=series_step(project, fonts), lint=False)
        return True
    except ComposeError:
        return False


def _truth(project, fonts, make, text: str) -> int:
    """The longest prefix of ``text`` that fits, by bisection."""
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if _fits(project, fonts, make(text[:mid])) else (lo, mid - 1)
    return lo


@pytest.mark.parametrize("lang,text", [("en", EN), ("zh", ZH)])
def test_the_ambition_capacity_is_what_fits(setup, lang, text):
    project, fonts = setup
    lm = project.landmark("integrated-circuits")
    doc = compose_poster(project, lm, fonts, step=series_step(project, fonts))
    said = doc.pages[0].capacity[f"landmark.ambition.{lang}"]
    truth = _truth(project, fonts, lambda t: replace(lm, ambition=replace(lm.ambition, **{lang: t})), text)
    assert 0.8 * truth <= said <= truth, (said, truth)
