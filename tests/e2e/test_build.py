"""End to end: build the repository's project and read the PDFs with independent tools."""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, copy_project, run_cli
from pdfcheck import boxes_mm, decode_qr, fonts, page_texts
from poster_gen.load.project import load_project

PROJECT = load_project(ROOT)
SLUGS = [lm.slug for lm in PROJECT.landmarks]


def test_six_pdfs_open(built: Path):
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.pdf"))
    assert names == sorted(["brochure.pdf"] + [f"posters/{s}.pdf" for s in SLUGS])
    for p in built.rglob("*.pdf"):
        with pikepdf.open(p) as pdf:
            assert len(pdf.pages) >= 1
    assert not list(built.rglob("*.tmp")), "no temporary files are left behind"


@pytest.mark.parametrize("slug", SLUGS)
def test_poster_is_a2_with_bleed(built: Path, slug: str):
    (page,) = boxes_mm(built / "posters" / f"{slug}.pdf")
    assert page["TrimBox"] == (420.0, 594.0)
    assert page["BleedBox"] == (426.0, 600.0)
    slug = PROJECT.layouts["poster"].print.slug  # room for the printer's marks
    assert page["MediaBox"] == (round(426 + 2 * slug, 1), round(600 + 2 * slug, 1))


def test_brochure_is_a4_and_binds(built: Path):
    pages = boxes_mm(built / "brochure.pdf")
    assert len(pages) % 4 == 0 and len(pages) >= 4 + 2 * len(SLUGS)
    assert all(p["TrimBox"] == (210.0, 297.0) for p in pages)


@pytest.mark.parametrize("lm", PROJECT.landmarks, ids=SLUGS)
def test_poster_text_holds_names_and_figures(built: Path, lm):
    (text,) = page_texts(built / "posters" / f"{lm.slug}.pdf")
    flat = " ".join(text.split())
    assert lm.name.zh in flat
    assert lm.name.en.upper() in flat.upper()
    assert lm.ambition.zh in text.replace("\r", "").replace("\n", "")
    for fig in lm.key_figures:
        assert fig.value_in("zh") in flat, fig
        assert fig.label.zh in flat.replace(" ", ""), fig


def test_brochure_text_holds_every_landmark(built: Path):
    text = " ".join(" ".join(t.split()) for t in page_texts(built / "brochure.pdf"))
    for lm in PROJECT.landmarks:
        assert lm.name.zh in text and lm.name.en.upper() in text.upper()
        for fig in lm.key_figures:
            assert fig.value_in("zh") in text
    assert PROJECT.campaign.vision.zh.replace("　", "") in text.replace(" ", "").replace("　", "")


def test_every_font_is_embedded(built: Path):
    for p in built.rglob("*.pdf"):
        found = fonts(p)
        assert found, p
        assert all(f["embedded"] for f in found), (p, found)
        # at least two weights: regular and a heavy weight for headlines
        names = {f["name"] for f in found}
        assert any("W400" in n for n in names) and any("W900" in n for n in names), names


@pytest.mark.parametrize("lm", PROJECT.landmarks, ids=SLUGS)
def test_poster_qr_decodes_to_its_url(built: Path, lm):
    url = lm.qr_url or PROJECT.campaign.qr_url
    assert decode_qr(built / "posters" / f"{lm.slug}.pdf", dpi=120) == [url]


def test_brochure_back_cover_qr(built: Path):
    n = len(boxes_mm(built / "brochure.pdf"))
    assert decode_qr(built / "brochure.pdf", page=n - 1, dpi=200) == [PROJECT.campaign.qr_url]


def test_brochure_outline_mirrors_the_contents(built: Path):
    with pikepdf.open(built / "brochure.pdf") as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        info = pdf.docinfo
        assert str(pdf.Root.Lang) == "zh-CN"
        for key in ("/Title", "/Author", "/Subject", "/Keywords"):
            assert str(info.get(key, "")).strip(), key
    for lm in PROJECT.landmarks:
        assert f"{lm.name.zh}  {lm.name.en}" in titles
    labels = PROJECT.campaign.labels
    assert titles[:2] == [f"{labels['contents'].zh}  {labels['contents'].en}",
                          f"{labels['city'].zh}  {labels['city'].en}"]  # the contents on page 2
    assert len(titles) == len(set(titles))


def test_cli_list_shows_landmarks():
    r = run_cli("list", "--project", str(ROOT))
    assert r.returncode == 0, r.stderr
    for lm in PROJECT.landmarks:
        assert lm.slug in r.stdout and lm.name.zh in r.stdout


def test_only_builds_a_subset_and_summary(tmp_path: Path):
    r = run_cli("build", "--project", str(ROOT), "--out", str(tmp_path), "--only", "integrated-circuits")
    assert r.returncode == 0, r.stderr
    assert [p.name for p in tmp_path.rglob("*.pdf")] == ["integrated-circuits.pdf"]
    assert "posters/integrated-circuits.pdf" in r.stdout and "1 file(s)" in r.stdout


def test_init_creates_a_project_that_builds(tmp_path: Path):
    proj = tmp_path / "new"
    r = run_cli("init", str(proj))
    assert r.returncode == 0, r.stderr
    r = run_cli("build", "--only", "artificial-intelligence", cwd=proj)
    assert r.returncode == 0, r.stderr
    assert (proj / "output" / "posters" / "artificial-intelligence.pdf").is_file()
    again = run_cli("init", str(proj))
    assert again.returncode == 2 and "not empty" in again.stderr


def test_bad_input_exit_2_one_line_and_nothing_lost(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    out = proj / "output"
    assert run_cli("build", "--project", str(proj), "--only", "integrated-circuits").returncode == 0
    before = (out / "posters" / "integrated-circuits.pdf").read_bytes()
    lm = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    lm.write_text(lm.read_text(encoding="utf-8").replace("order: 2", "order: [2"), encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "integrated-circuits")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    first = r.stderr.splitlines()[0]
    assert first.startswith("error: data/landmarks/integrated-circuits.yaml:") and "YAML syntax error" in first
    assert (out / "posters" / "integrated-circuits.pdf").read_bytes() == before


def test_text_too_long_names_file_field_and_frame(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    lm = proj / "data" / "landmarks" / "artificial-intelligence.yaml"
    text = lm.read_text(encoding="utf-8").replace(
        "  zh: 建设人工智能产业创新高地", "  zh: " + "建设人工智能产业创新高地" * 9)
    lm.write_text(text, encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "artificial-intelligence")
    assert r.returncode == 2, r.stdout
    line = r.stderr.splitlines()[0]
    assert "data/landmarks/artificial-intelligence.yaml:" in line
    assert "ambition.zh" in line and "'ambition' frame" in line


def test_pdffonts_sees_every_font_embedded(built: Path):
    """poppler's pdffonts, an independent reader, agrees that every font is embedded."""
    import shutil
    import subprocess

    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed; .ci/run installs it when run as root")
    for p in built.rglob("*.pdf"):
        out = subprocess.run(["pdffonts", str(p)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows, p
        for row in rows:
            cols = row.split()
            # name type encoding emb sub uni object ID: "emb" and "sub" are yes
            assert cols[-5] == "yes" and cols[-4] == "yes", (p, row)


def test_a_reader_that_goes_away_is_not_an_error():
    """``poster-gen list | head -1``: the pipe closes before everything is printed."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "poster_gen", "list", "--project", str(ROOT)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # gone before the first line is written
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0
    assert "error" not in err.lower(), err


def test_a_key_with_a_line_break_is_still_one_line(tmp_path):
    """A key made of a carriage return (or any control character) is written as an escape
    in the problem, so every problem stays the one line the CLI promises."""
    proj = copy_project(tmp_path / "p")
    lm = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    text = lm.read_text(encoding="utf-8")
    lm.write_text(text.replace("name:\n", 'name:\n  "\\r\\u2028": 0\n', 1), encoding="utf-8")
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert all(ln.startswith("error: ") or "problem" in ln for ln in lines), lines
    assert any("name.\\r\\u2028: unknown key" in ln for ln in lines), lines
