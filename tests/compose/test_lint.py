"""The layout lint catches what a designer would: overlap, low contrast, type too
small for the medium, an element off the grid — each in a layout made for the test."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, run_cli


def _break(tmp_path: Path, old: str, new: str, file: str = "layouts/poster.yaml") -> Path:
    proj = copy_project(tmp_path / "p")
    path = proj / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return proj


def _errors(proj: Path) -> list[str]:
    r = run_cli("check", "--project", str(proj), "--only", "integrated-circuits")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    return [line for line in r.stderr.splitlines() if line.startswith("error:")]


def test_overlap_is_caught(tmp_path: Path):
    # the chain column moved onto the plan column
    proj = _break(tmp_path, "box: {col: 5, span: 4, top: 420, height: 84}", "box: {col: 3, span: 4, top: 420, height: 84}")
    errors = _errors(proj)
    assert any("region 'chain': overlaps region 'plan'" in e and e.startswith("error: layouts/poster.yaml:")
               for e in errors), errors


def test_low_contrast_is_caught(tmp_path: Path):
    # the ambition set in the theme's light tint on the light ground
    proj = _break(tmp_path, "ambition_zh:  {font: bold, size: 32, leading: 1.3, colour: ink",
                  "ambition_zh:  {font: bold, size: 32, leading: 1.3, colour: tint")
    errors = _errors(proj)
    assert any("region 'ambition'" in e and "contrast of" in e and "needs 3:1" in e for e in errors), errors


def test_body_text_too_small_is_caught(tmp_path: Path):
    proj = _break(tmp_path, "body_zh:      {font: regular, size: 18, leading: 1.4, colour: ink, shrink: 1}",
                  "body_zh:      {font: regular, size: 12, leading: 1.4, colour: ink}")
    errors = _errors(proj)
    assert any("body text" in e and "needs at least 14.0 pt" in e for e in errors), errors


def test_off_grid_element_is_caught(tmp_path: Path):
    proj = _break(tmp_path, "box: {col: 1, span: 12, top: 352, height: 58}", "box: {left: 27, width: 362, top: 353, height: 58}")
    errors = _errors(proj)
    assert any("region 'figures'" in e and "not on the 12-column grid" in e for e in errors), errors
    assert any("region 'figures'" in e and "off the 2 mm baseline grid" in e for e in errors), errors


@pytest.mark.slow
@pytest.mark.parametrize("size", ["A0", "A4"])
def test_sizes_scale_with_the_sheet(size: str):
    """The minimum sizes scale with the sheet: every poster passes the lint at A0 and A4."""
    r = run_cli("check", "--project", str(Path(__file__).resolve().parents[2]), "--size", size)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("layout", ["poster", "brochure"])
def test_shipped_layouts_pass_the_lint(layout: str):
    from conftest import ROOT
    from poster_gen.build.glyphs import prepare_layout_fonts, project_text
    from poster_gen.compose.document import compose_brochure, compose_poster
    from poster_gen.load.project import load_project

    project = load_project(ROOT)
    fonts = {r: p.metrics for r, p in prepare_layout_fonts(project, layout, project_text(project)).items()}
    docs = [compose_brochure(project, fonts)] if layout == "brochure" else \
        [compose_poster(project, lm, fonts) for lm in project.landmarks]
    issues = [i for d in docs for p in d.pages for i in p.lint]
    assert issues == []
