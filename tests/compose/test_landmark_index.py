"""The brochure takes any number of landmarks the data allows: the cover index flows
from one row of columns into a grid, the contents and the series numbers follow, and
where the cover's index is full the one problem says so, located in the layout."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project
from poster_gen.cli import main
from poster_gen.compose.document import compose_brochure
from poster_gen.page_model import Rect, TextLine
from poster_gen.compose.page import SafeZoneError
from poster_gen.compose.document import ComposeError
from poster_gen.load.project import load_project

NAMES = ["光子", "机器人", "传感器", "新材料", "航空", "海洋", "氢能", "卫星", "量子", "储能"]


def with_landmarks(dest: Path, extra: int) -> Path:
    """The project with ``extra`` more landmarks (copies of integrated circuits with
    short names, orders 6, 7, ...)."""
    proj = copy_project(dest)
    src = (proj / "data/landmarks/integrated-circuits.yaml").read_text(encoding="utf-8")
    for k in range(extra):
        text = re.sub(r"(?m)^order: 2$", f"order: {6 + k}", src)
        text = text.replace("  zh: 集成电路\n", f"  zh: {NAMES[k]}\n", 1)
        text = text.replace("  en: Integrated Circuits\n", f"  en: Field {chr(ord('A') + k)}\n", 1)  # no digits: the Chinese name has none
        (proj / f"data/landmarks/extra-{6 + k}.yaml").write_text(text, encoding="utf-8")
    return proj


def cover(project_dir: Path, metrics) -> tuple:
    project = load_project(project_dir)
    doc = compose_brochure(project, metrics["brochure"])
    page = doc.pages[0]
    return project, page, page.frames["index"]


@pytest.mark.slow
@pytest.mark.parametrize("extra", [2, 5])
def test_the_cover_index_holds_every_landmark(tmp_path, metrics, extra):
    project, page, frame = cover(with_landmarks(tmp_path / "p", extra), metrics)
    n = len(project.landmarks)
    index = [i for i in page.items if isinstance(i, TextLine) and i.role == "index"]
    texts = " ".join(t.text for t in index).replace("新医药 与", "新医药与")  # a line break
    for k, lm in enumerate(project.landmarks):
        assert f"{k + 1:02d}" in texts
        assert lm.name.zh in texts
    for t in index:  # every line inside the region, no two lines overlapping
        b = t.bounds()
        assert frame.inset(-0.01).contains(b), (t.text, b, frame)
    boxes = [t.bounds() for t in index]
    for a in range(len(boxes)):
        for b in range(a + 1, len(boxes)):
            assert not boxes[a].inset(0.05).intersects(boxes[b].inset(0.05)), (index[a].text, index[b].text)
    chips = [i for i in page.items if isinstance(i, Rect) and i.role == "index-chip"]
    assert len(chips) == n


def test_five_landmarks_keep_one_row_of_columns(metrics):
    from conftest import ROOT

    project, page, frame = cover(ROOT, metrics)
    chips = [i for i in page.items if isinstance(i, Rect) and i.role == "index-chip"]
    assert len(chips) == 5 and len({round(c.box.y, 3) for c in chips}) == 1
    assert all(c.box.w > 20 for c in chips)  # a band of colour, not a grid's thin bar


def test_a_full_index_names_its_capacity_in_the_layout(tmp_path, metrics):
    proj = with_landmarks(tmp_path / "p", 10)
    with pytest.raises(ComposeError) as err:
        compose_brochure(load_project(proj), metrics["brochure"])
    assert isinstance(err.value.layout_error, SafeZoneError)
    assert "holds at most" in str(err.value) and "you have 15" in str(err.value)


@pytest.mark.slow
def test_seven_landmarks_build_end_to_end(tmp_path, capsys):
    proj = with_landmarks(tmp_path / "p", 2)
    assert main(["build", "--project", str(proj)]) == 0, capsys.readouterr().err
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(proj / "output/brochure.pdf"))
    text = doc[0].get_textpage().get_text_range()
    assert "光子" in text and "机器人" in text and "Field B" in text
    poster = pdfium.PdfDocument(str(proj / "output/posters/extra-7.pdf"))
    assert "07 / 07" in poster[0].get_textpage().get_text_range()


@pytest.mark.slow
def test_too_many_landmarks_is_one_located_line(tmp_path, capsys):
    proj = with_landmarks(tmp_path / "p", 10)
    assert main(["build", "--project", str(proj)]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, errors
    assert errors[0].startswith("error: layouts/brochure.yaml:")
    assert re.search(r"holds at most \d+ landmarks at its type sizes; you have 15", errors[0])
