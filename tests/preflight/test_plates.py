"""Plates as the press prints them (poster_gen.preflight.plates) and `preview --separations`.

The fixture is a real PDF drawn by ReportLab with what a RIP must get right: a spot
colour (a plate of its own), a four-colour red, and black set to overprint (it adds to
the red instead of knocking it out: 350 %). Its page has bleed and trim boxes inside a
larger media box, so positions and trimming are measured from the right corner.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops

from conftest import ROOT, run_cli
from poster_gen.errors import MachineError
from poster_gen.preflight.plates import file_safe, ghostscript, peak_ink, separate

needs_gs = pytest.mark.skipif(shutil.which("gs") is None and shutil.which("gswin64c") is None,
                              reason="Ghostscript (gs) is not installed; .ci/run installs it when run as root")

MM = 72 / 25.4
SPOT = "PANTONE 7621 C"
BLEED = (5, 5, 115, 95)  # mm, in page coordinates (from the media box's lower-left)
TRIM = (8, 8, 112, 92)
SPOT_RECT = (20, 15, 40, 35)  # x0, y0, x1, y1 in mm
RED_RECT = (50, 40, 100, 80)  # C50 M100 Y100 K0
BLACK_RECT = (70, 55, 80, 65)  # K100 over the red, overprinting on page 1, knocking out on page 2
DPI = 100


def _from_bleed_top_left(rect) -> tuple[float, float, float, float]:
    """A page rectangle in mm from the bleed box's top-left (left, top, right, bottom)."""
    x0, y0, x1, y1 = rect
    return x0 - BLEED[0], BLEED[3] - y1, x1 - BLEED[0], BLEED[3] - y0


@pytest.fixture(scope="module")
def spot_pdf(tmp_path_factory) -> Path:
    from reportlab.lib.colors import CMYKColor, CMYKColorSep
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path_factory.mktemp("plates") / "spot.pdf"
    c = Canvas(str(path), pagesize=(120 * MM, 100 * MM), enforceColorSpace="sep_cmyk")
    for overprint in (True, False):
        c.setBleedBox([v * MM for v in BLEED])
        c.setTrimBox([v * MM for v in TRIM])
        c.setFillColor(CMYKColorSep(0.1, 0.2, 0.6, 0.1, spotName=SPOT, density=1.0))
        x0, y0, x1, y1 = SPOT_RECT
        c.rect(x0 * MM, y0 * MM, (x1 - x0) * MM, (y1 - y0) * MM, stroke=0, fill=1)
        c.setFillColor(CMYKColor(0.5, 1, 1, 0))
        x0, y0, x1, y1 = RED_RECT
        c.rect(x0 * MM, y0 * MM, (x1 - x0) * MM, (y1 - y0) * MM, stroke=0, fill=1)
        c.setFillOverprint(overprint)
        c.setOverprintMask(1)
        c.setFillColor(CMYKColor(0, 0, 0, 1))
        x0, y0, x1, y1 = BLACK_RECT
        c.rect(x0 * MM, y0 * MM, (x1 - x0) * MM, (y1 - y0) * MM, stroke=0, fill=1)
        c.setFont("Helvetica-Bold", 14)
        c.drawString(50 * MM, 20 * MM, "K100 on paper")  # black text on white: 100 %, not the peak
        c.showPage()
    c.save()
    return path


@needs_gs
def test_plates_of_a_spot_colour_and_overprinted_black(spot_pdf: Path):
    (page,) = separate(spot_pdf, DPI, pages=[1])
    assert page.page == 1 and list(page.plates) == ["C", "M", "Y", "K", SPOT]
    assert page.spots == [SPOT]
    assert {img.mode for img in page.plates.values()} == {"L"}
    px = DPI / 25.4
    # the spot plate carries ink only where the spot rectangle is (white = no ink)
    spot = page.plates[SPOT]
    left, top, right, bottom = _from_bleed_top_left(SPOT_RECT)
    box = ImageChops.invert(spot).getbbox()
    assert box is not None
    assert all(abs(a - b * px) <= 1.5 for a, b in zip(box, (left, top, right, bottom))), box
    inside = spot.crop((round(left * px) + 2, round(top * px) + 2, round(right * px) - 2, round(bottom * px) - 2))
    assert inside.getextrema() == (0, 0)  # 100 % of the spot ink
    # and the process plates carry nothing there: a spot is not mixed from CMYK on press
    for key in "CMYK":
        area = page.plates[key].crop((round(left * px) + 2, round(top * px) + 2,
                                      round(right * px) - 2, round(bottom * px) - 2))
        assert area.getextrema() == (255, 255), key


@needs_gs
def test_peak_ink_is_the_overprinted_black_where_it_is(spot_pdf: Path):
    overprinted, knocked_out = separate(spot_pdf, DPI)
    peak = peak_ink(overprinted)
    assert peak.percent == pytest.approx(350, abs=3), peak
    assert peak.plates["C"] == pytest.approx(50, abs=1.5) and peak.plates["K"] == pytest.approx(100, abs=0.5)
    assert peak.plates[SPOT] == 0
    left, top, right, bottom = _from_bleed_top_left(BLACK_RECT)
    x, y = peak.at_mm
    assert left - 0.5 <= x <= right + 0.5 and top - 0.5 <= y <= bottom + 0.5, peak.at_mm
    # the same black knocking out (no overprint) leaves the red as the most ink: 250 %
    other = peak_ink(knocked_out)
    assert knocked_out.page == 2 and other.percent == pytest.approx(250, abs=3), other
    assert other.plates["K"] == 0
    left, top, right, bottom = _from_bleed_top_left(RED_RECT)
    assert left - 0.5 <= other.at_mm[0] <= right + 0.5 and top - 0.5 <= other.at_mm[1] <= bottom + 0.5


@needs_gs
def test_trimmed_plates_show_the_trim_box(spot_pdf: Path):
    (page,) = separate(spot_pdf, 50, pages=[2])
    px = 50 / 25.4
    w, h = page.plates["C"].size  # the bleed box is what is rendered
    assert abs(w - 110 * px) <= 1 and abs(h - 90 * px) <= 1
    trimmed = page.trimmed()
    assert list(trimmed) == list(page.plates)
    w, h = trimmed["K"].size
    assert abs(w - 104 * px) <= 1 and abs(h - 84 * px) <= 1
    assert page.trim_px is not None and abs(page.trim_px[0] - 3 * px) <= 1 and abs(page.trim_px[1] - 3 * px) <= 1


def test_plate_names_as_file_names():
    assert file_safe("PANTONE 7621 C") == "PANTONE-7621-C"
    assert file_safe("Gold: Foil / 2") == "Gold-Foil-2"
    assert file_safe("专色 金") == "专色-金"
    assert file_safe("***") == "spot"


def test_no_ghostscript_is_one_line_saying_how_to_get_it(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(MachineError) as err:
        ghostscript("preview --separations")
    (line,) = str(err.value).splitlines()
    assert line.startswith("preview --separations needs Ghostscript (gs)")
    assert "apt install ghostscript" in line and "brew install ghostscript" in line


@needs_gs
def test_a_file_that_is_no_pdf_or_takes_too_long_is_one_line_naming_it(spot_pdf: Path, tmp_path: Path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n")
    with pytest.raises(MachineError) as err:
        separate(bad, 30)
    assert len(str(err.value).splitlines()) == 1 and str(err.value).startswith(str(bad))
    with pytest.raises(MachineError) as err:
        separate(spot_pdf, 600, timeout=0.01)
    (line,) = str(err.value).splitlines()
    assert line.startswith(str(spot_pdf)) and "took longer than" in line


# -- the command -------------------------------------------------------------------------


@pytest.fixture()
def output(built: Path, tmp_path: Path) -> Path:
    """A copy of the session's build output: the command writes previews into it."""
    return Path(shutil.copytree(built, tmp_path / "output"))


@needs_gs
@pytest.mark.slow
def test_preview_separations_writes_greyscale_plates(output: Path, spot_pdf: Path):
    from poster_gen.load.project import load_project

    r = run_cli("preview", "--project", str(ROOT), "--out", str(output), "--separations")
    assert r.returncode == 0, r.stderr
    folder = output / "previews" / "separations"
    stems = {lm.slug: output / "posters" / f"{lm.slug}.pdf" for lm in load_project(ROOT).landmarks}
    stems["brochure"] = output / "brochure.pdf"
    expected = set()
    for stem, pdf in stems.items():
        with pikepdf.open(pdf) as doc:
            n = len(doc.pages)
        for p in range(1, n + 1):
            expected |= {f"{stem}-p{p}-{plate}.png" for plate in ("C", "M", "Y", "K", "plates")}
            assert f"{stem} p{p}: highest ink " in r.stdout
    assert {f.name for f in folder.iterdir()} == expected
    for name in expected:
        with Image.open(folder / name) as img:
            assert img.mode == "L", name
    with Image.open(folder / "brochure-p1-K.png") as k:
        # the trim at 50 dpi (A4: 210 x 297 mm), not the bleed, and black ink on it
        assert abs(k.width - 210 / 25.4 * 50) <= 1 and abs(k.height - 297 / 25.4 * 50) <= 1
        assert k.getextrema()[0] < 128
    assert "at 50 dpi" in r.stdout and "plates: C M Y K" in r.stdout

    # a file with a spot colour: its plate is named after it, and the plates of the
    # brochure's earlier 16 pages do not linger
    shutil.copyfile(spot_pdf, output / "brochure.pdf")
    r = run_cli("preview", "--project", str(ROOT), "--out", str(output), "--separations", "--dpi", "40")
    assert r.returncode == 0, r.stderr
    brochure = sorted(f.name for f in folder.iterdir() if f.name.startswith("brochure-"))
    assert brochure == sorted(f"brochure-p{p}-{plate}.png" for p in (1, 2)
                              for plate in ("C", "M", "Y", "K", "PANTONE-7621-C", "plates"))
    assert "plates: C M Y K, PANTONE 7621 C" in r.stdout
    assert "brochure p1: highest ink 350% (C50 M100 Y100 K100)" in r.stdout


def test_preview_separations_without_ghostscript_is_one_line(tmp_path: Path):
    env = dict(os.environ, PATH=str(tmp_path))  # an empty folder: no gs on the PATH
    r = subprocess.run([sys.executable, "-m", "poster_gen", "preview", "--project", str(ROOT),
                        "--out", str(tmp_path), "--separations"], env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 2
    (line,) = r.stderr.splitlines()
    assert line.startswith("error: preview --separations needs Ghostscript (gs)") and "apt install" in line


def test_preview_options_that_do_not_go_with_separations_are_refused(tmp_path: Path, capsys):
    from poster_gen.cli import main

    assert main(["preview", "--project", str(ROOT), "--out", str(tmp_path), "--separations",
                 "--sheet", str(tmp_path / "sheet.png")]) == 2
    assert "--sheet: belongs to the page previews" in capsys.readouterr().err
    assert main(["preview", "--project", str(ROOT), "--out", str(tmp_path), "--separations", "--dpi", "0"]) == 2
    assert "--dpi: 0 is not a resolution" in capsys.readouterr().err
    assert main(["preview", "--project", str(ROOT), "--out", str(tmp_path), "--separations", "--dpi", "1200"]) == 2
    assert "--dpi: 1200 dpi is more than plate previews need" in capsys.readouterr().err
    assert not (tmp_path / "previews").exists()
