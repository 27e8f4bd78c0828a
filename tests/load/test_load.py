"""Loading and validating the YAML files: positions, typed models, cross-file checks."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from poster_gen.errors import InputError
from poster_gen.load.models import Campaign, KeyFigure, Landmark
from poster_gen.load.project import load_project
from poster_gen.load.model_reader import load_model
from poster_gen.load.yamlsrc import read_yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "press-release-2020-06-19.txt"  # a copy: CI has no ../shared


def write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_positions_are_recorded(tmp_path):
    src = read_yaml(write(tmp_path, "a: 1\nb:\n  c: [x, y]\n"), "f.yaml")
    assert src.value == {"a": 1, "b": {"c": ["x", "y"]}}
    assert src.marks[("b", "c")] == (3, 3)
    assert src.where(("b", "c", 1)) == (3, 10)
    assert src.where(("b", "missing")) == (2, 1)  # falls back to the nearest written ancestor


@pytest.mark.parametrize("text, fragment", [
    ("a: 1\na: 2\n", "given twice"),
    ("a:\n\tb: 1\n", "tab is used for indentation"),
    ("a: [1, 2\n", "YAML syntax error"),
    ("", "file is empty"),
    ("- a\n- b\n", "expected a mapping"),
    ("a: 1\n---\nb: 2\n", "more than one YAML document"),
    ("1: x\n", "put it in quotes"),
    ("a: !!python/object:os.system x\n", "unsupported YAML tag"),
])
def test_bad_yaml_is_one_clear_problem(tmp_path, text, fragment):
    with pytest.raises(InputError) as exc:
        read_yaml(write(tmp_path, text), "f.yaml")
    assert any(fragment in m for m in problems_of(exc)), problems_of(exc)


def test_billion_laughs_is_refused_fast(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(InputError) as exc:
        read_yaml(write(tmp_path, "\n".join(lines) + "\n"), "f.yaml")
    assert "refused" in problems_of(exc)[0]


def test_not_utf8_names_the_line(tmp_path):
    p = tmp_path / "f.yaml"
    p.write_bytes("a: 1\nb: 南京\n".encode("gb18030"))
    with pytest.raises(InputError) as exc:
        read_yaml(p, "f.yaml")
    assert problems_of(exc) == ["f.yaml:2:4: the file is not UTF-8 text (save it as UTF-8)"]


def test_schema_collects_every_problem_with_location(tmp_path):
    src = read_yaml(write(tmp_path, 'value: 200\nlabl: {zh: 企业, en: firms}\nunit: {zh: 家, en: "", xx: 1}\n'),
                    "fig.yaml")
    obj, problems = load_model(KeyFigure, src)
    text = [str(p) for p in problems]
    assert obj is None
    assert "fig.yaml:1:1: value: expected text or a mapping with 'zh' and 'en' text, found the number 200 (put it in quotes)" in text
    assert any("fig.yaml:2:1: labl: unknown key (did you mean 'label'?)" in t for t in text)
    assert any("unit.xx: unknown key" in t for t in text)
    assert not any("'label' is missing" in t for t in text)  # the misspelt key is the one problem


def test_numbers_where_text_is_expected_and_back(tmp_path):
    src = read_yaml(write(tmp_path, "order: '3'\nname: {zh: 12, en: x}\n"), "lm.yaml")
    _, problems = load_model(Landmark, src)
    text = [str(p) for p in problems]
    assert any("order: expected a whole number, found text (remove the quotes)" in t for t in text)
    assert any("name.zh: expected text, found the number 12 (put it in quotes)" in t for t in text)


def test_the_real_project_loads():
    project = load_project(ROOT)
    assert [lm.slug for lm in project.landmarks] == [
        "new-energy-vehicles", "integrated-circuits", "artificial-intelligence",
        "software-information-services", "new-medicine-life-health"]
    assert {"poster", "brochure"} <= set(project.layouts)
    assert "campaign" in project.themes
    for lm in project.landmarks:
        assert lm.theme in project.themes
        assert 3 <= len(lm.key_figures) <= 4


def test_seed_facts_are_in_the_data():
    """Every figure of the press release that belongs to a landmark is in its file."""
    project = load_project(ROOT)
    seed = SEED.read_text(encoding="utf-8")
    by_slug = {lm.slug: lm for lm in project.landmarks}
    expect = {
        "new-energy-vehicles": ["2018", "≥50", "亿元", "≥5", "billion yuan", "14", "60%", "LG Chem", "Kim Jong-hyun"],
        "integrated-circuits": ["2019", "300–500", "30–50", "200", "芯火", "TSMC", "Liu Deyin"],
        "artificial-intelligence": ["2019", "1–2", "100–200", "200", "Nanjing University of Aeronautics"],
        "software-information-services": ["2019", "80万", "800,000", "5,000", "110"],
        "new-medicine-life-health": ["8", "15", "4th", "20", "Andormac", "Hanlin", "Jiangbei"],
    }
    from poster_gen.load.walk import strings
    for slug, needles in expect.items():
        text = " ".join(s for _, s in strings(by_slug[slug])) + str(by_slug[slug].plan.year)
        for needle in needles:
            assert needle in text, (slug, needle)
    c: Campaign = project.campaign
    ctext = " ".join(s for _, s in strings(c))
    for needle in ["8%", "11", "300–500", "3–5", "first in the province", "third in the country",
                   "Headquarters", "Financial", "Talent", "Dan Hu", "beautiful ancient capital",
                   "Advanced manufacturing", "Future industry"]:
        assert needle in ctext, needle
    for lm in project.landmarks:  # the speakers are the release's (their words: tests/load/test_facts.py)
        if lm.quote:
            assert lm.quote.speaker.en in seed


def copy_project(tmp_path: Path) -> Path:
    dest = tmp_path / "proj"
    for part in ("data", "layouts", "assets"):
        shutil.copytree(ROOT / part, dest / part)
    return dest


def test_cross_file_checks(tmp_path):
    proj = copy_project(tmp_path)
    lm = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    text = lm.read_text(encoding="utf-8")
    text = text.replace("theme: integrated-circuits", "theme: integrated-circuit")
    text = text.replace("technology: circuit-traces", "technology: circuit-trace")
    lm.write_text(text, encoding="utf-8")
    (proj / "data" / "landmarks" / "Bad Name.yaml").write_text("order: 9\n", encoding="utf-8")
    layout = proj / "layouts" / "poster.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace("field: landmark.ambition",
                                                                 "field: landmark.ambitoin"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_project(proj)
    text = problems_of(exc)
    assert any("theme: unknown theme 'integrated-circuit' (did you mean 'integrated-circuits'?)" in t for t in text)
    assert any("motifs.technology: unknown technology motif 'circuit-trace'" in t for t in text)
    assert any("'Bad Name' is not a valid slug" in t for t in text)
    assert any("Landmark has no field 'ambitoin' (did you mean 'ambition'?)" in t for t in text)


def test_a_sixth_landmark_needs_no_code(tmp_path):
    proj = copy_project(tmp_path)
    src = proj / "data" / "landmarks" / "artificial-intelligence.yaml"
    (proj / "data" / "landmarks" / "smart-ai-copy.yaml").write_text(
        src.read_text(encoding="utf-8").replace("order: 3", "order: 6"), encoding="utf-8")
    project = load_project(proj)
    assert [lm.slug for lm in project.landmarks][-1] == "smart-ai-copy"
