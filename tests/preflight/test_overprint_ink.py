"""Total ink as the press prints it: what overprints adds to what lies beneath.

The fixtures are drawn with ReportLab (K100 text and rectangles with fill overprint and
overprint mode 1 over a 250 % colour C50 M100 Y100 K0) or written by hand (a Type0 font
whose /W widths decide whether a run reaches a dark patch). The preflight's 350 % is
checked against Ghostscript separating the same file with overprint simulated.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageMath
from pikepdf import Array, Dictionary, Name
from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from poster_gen.preflight import PreflightOptions, preflight_pdf
from printfiles import FONT, MM, TRIM, add_content, at, make

DARK = (0.5, 1.0, 1.0, 0.0)  # 250 %: K100 overprinting it prints 350 %
LIGHT = (0.1, 0.2, 0.0, 0.0)
RECT = (10.0, 10.0, 60.0, 30.0)  # x, y (from the trim's top-left), width, height in mm


def fill_rect(c: Canvas, colour: tuple[float, float, float, float], rect=RECT, overprint: bool = False) -> None:
    x_mm, y_mm, w_mm, h_mm = rect
    c.saveState()
    c.setFillColorCMYK(*colour)
    if overprint:
        c.setFillOverprint(True)
        c.setOverprintMask(1)
    x, y = at(x_mm, y_mm + h_mm)
    c.rect(x, y, w_mm * MM, h_mm * MM, stroke=0, fill=1)
    c.restoreState()


def black_text(c: Canvas, x_mm: float, y_mm: float, overprint: bool = True, opm: int = 1,
               size: float = 7.0, words: str = "Small print") -> None:
    """K100 text with its baseline at (x_mm, y_mm)."""
    c.saveState()
    c.setFillColorCMYK(0, 0, 0, 1)
    if overprint:
        c.setFillOverprint(True)
        c.setOverprintMask(opm)
    c.setFont(FONT, size)
    c.drawString(*at(x_mm, y_mm), words)
    c.restoreState()


def results(path: Path, **options: object) -> dict[str, tuple[bool, str]]:
    return {r.check: (r.ok, r.detail) for r in preflight_pdf(path, PreflightOptions(**options))}


def failing(path: Path) -> dict[str, str]:
    return {check: detail for check, (ok, detail) in results(path).items() if not ok}


def ghostscript_peak(path: Path, tmp: Path) -> float:
    """The most C+M+Y+K (percent) anywhere on page 1, as Ghostscript separates the file
    with overprint simulated (an independent reading of the same PDF)."""
    out = tmp / "plates"
    out.mkdir()
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r72",
                    "-dOverprint=/simulate", f"-sOutputFile={out / 'p%d.tif'}", str(path)],
                   check=True, capture_output=True, timeout=120)
    plates = [Image.open(out / f"p1({name}).tif").convert("L") for name in ("Cyan", "Magenta", "Yellow", "Black")]
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                  c=plates[0], m=plates[1], y=plates[2], k=plates[3])
    return round((4 * 255 - total.getextrema()[0]) / 2.55)  # 255 = no ink


needs_gs = pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")


# -- overprint adds -------------------------------------------------------------------

def test_black_text_overprinting_a_250_colour_prints_350(tmp_path):
    path = make(tmp_path / "text.pdf", lambda c: (fill_rect(c, DARK), black_text(c, 20, 25)))
    bad = failing(path)
    assert set(bad) == {"ink"}, bad
    detail = bad["ink"]
    m = re.fullmatch(r"page 1 at (\d+\.\d), (\d+\.\d) mm: 7\.0 pt text K100 overprinting C50 M100 Y100 K0 "
                     r"= 350% \(max 300%\)", detail)
    assert m, detail
    x, y = float(m.group(1)), float(m.group(2))
    assert x == 20.0  # where the run starts
    assert 25 - 7 / MM <= y < 25  # the top of the glyphs: above the baseline, within one em


def test_black_rect_overprinting_prints_350_where_it_lies(tmp_path):
    path = make(tmp_path / "rect.pdf", lambda c: (fill_rect(c, DARK), fill_rect(c, (0, 0, 0, 1), (30, 20, 50, 40),
                                                                                  overprint=True)))
    bad = failing(path)
    assert bad == {"ink": "page 1 at 30.0, 20.0 mm: fill K100 overprinting C50 M100 Y100 K0 = 350% (max 300%)"}


@needs_gs
def test_ghostscript_separates_the_same_350(tmp_path):
    path = make(tmp_path / "text.pdf", lambda c: (fill_rect(c, DARK), fill_rect(c, (0, 0, 0, 1), (30, 20, 20, 10),
                                                                                  overprint=True)))
    assert ghostscript_peak(path, tmp_path) == 350
    detail = failing(path)["ink"]
    assert "= 350%" in detail


def test_knocked_out_black_text_passes_and_is_accepted(tmp_path):
    path = make(tmp_path / "knockout.pdf", lambda c: (fill_rect(c, DARK), black_text(c, 20, 25, overprint=False)))
    found = results(path)
    assert {check for check, (ok, _) in found.items() if not ok} == set()
    assert "1 run knocks out over a colour where overprint would exceed 300%" in found["black-text"][1]
    assert found["ink"][1].startswith("4-colour max 250% overprint included (page 1: k 0.5 1 1 0)")


def test_knocked_out_black_text_over_a_light_colour_is_refused(tmp_path):
    path = make(tmp_path / "knockout-light.pdf",
                lambda c: (fill_rect(c, LIGHT), black_text(c, 20, 25, overprint=False)))
    bad = failing(path)
    assert set(bad) == {"black-text"}
    assert "7.0 pt text" in bad["black-text"] and "fill overprint off" in bad["black-text"]


@pytest.mark.parametrize("where", [(75.0, 25.0), (20.0, 45.0), (20.0, 90.0)], ids=["right", "below", "far"])
def test_black_text_beside_the_dark_colour_is_not_flagged(tmp_path, where):
    path = make(tmp_path / "beside.pdf", lambda c: (fill_rect(c, DARK), black_text(c, *where)))
    found = results(path)
    assert {check for check, (ok, _) in found.items() if not ok} == set()
    assert found["ink"][1] == "4-colour max 250% overprint included (page 1: k 0.5 1 1 0)"  # nothing beneath it


def test_overprint_mode_0_does_not_add(tmp_path):
    path = make(tmp_path / "opm0.pdf", lambda c: (fill_rect(c, DARK), black_text(c, 20, 25, opm=0)))
    found = results(path)
    assert {check for check, (ok, _) in found.items() if not ok} == set()
    assert "1 with overprint mode 0" in found["black-text"][1]
    assert found["ink"][1] == "4-colour max 250% overprint included (page 1: k 0.5 1 1 0)"


def test_overprint_over_a_light_colour_is_bounded_without_measuring(tmp_path):
    path = make(tmp_path / "light.pdf", lambda c: (fill_rect(c, LIGHT), black_text(c, 20, 25)))
    found = results(path)
    assert found["ink"][0], found["ink"]
    assert found["ink"][1].startswith("4-colour max 100% overprint included (page 1: k 0 0 0 1); where overprint "
                                      "was only bounded: at most 130% (page 1: 7.0 pt text K100 over at most C10 M20 "
                                      "Y0 K0, the most ink painted before it on that page)"), found["ink"][1]


def test_overprint_measured_where_the_bound_passes_the_limit(tmp_path):
    """A dark patch elsewhere: the page is measured, and the highest total is where K100
    overprints C70 M60 Y50 (280 %, more than the dark patch's 250 % alone), with where."""
    def draw(c: Canvas) -> None:
        fill_rect(c, DARK)
        fill_rect(c, (0.7, 0.6, 0.5, 0), (10, 60, 60, 30))
        black_text(c, 20, 75)
    found = results(make(tmp_path / "measured.pdf", draw))
    assert found["ink"][0], found["ink"]
    assert re.fullmatch(r"4-colour max 280% overprint included \(page 1 at 20\.0, \d+\.\d mm: 7\.0 pt text K100 "
                        r"overprinting C70 M60 Y50 K0\)", found["ink"][1]), found["ink"][1]


# -- what lies beneath ---------------------------------------------------------------------

def test_a_later_opaque_rectangle_hides_what_it_covers(tmp_path):
    def draw(c: Canvas) -> None:
        fill_rect(c, DARK)
        fill_rect(c, (0, 0, 0, 0), (15, 15, 50, 20))  # a white panel on the dark band
        black_text(c, 20, 25)
    found = results(make(tmp_path / "panel.pdf", draw))
    assert found["ink"][0], found["ink"]


def test_a_spot_overprinting_adds_nothing_to_the_process_total(tmp_path):
    def draw(c: Canvas) -> None:
        fill_rect(c, DARK)
        c.saveState()
        c.setFillColor(CMYKColorSep(0, 0.4, 1, 0, spotName="PANTONE 7621 C"))
        c.setFillOverprint(True)
        c.setOverprintMask(1)
        c.rect(*at(20, 30), 30 * MM, 10 * MM, stroke=0, fill=1)
        c.restoreState()
    found = results(make(tmp_path / "spot.pdf", draw))
    assert {check for check, (ok, _) in found.items() if not ok} == set()
    assert found["ink"][1] == "4-colour max 250% overprint included (page 1: k 0.5 1 1 0)"
    assert found["separations"][1] == "1 spot plate: PANTONE 7621 C (max 100%, overprints)"


def test_black_text_on_a_spot_overprinting_a_dark_colour_still_sees_the_dark_colour(tmp_path):
    def draw(c: Canvas) -> None:
        fill_rect(c, DARK)
        c.saveState()
        c.setFillColor(CMYKColorSep(0, 0.4, 1, 0, spotName="Varnish"))
        c.setFillOverprint(True)
        c.setOverprintMask(1)
        c.rect(*at(15, 35), 50 * MM, 20 * MM, stroke=0, fill=1)
        c.restoreState()
        black_text(c, 20, 25)
    bad = failing(make(tmp_path / "varnish.pdf", draw))
    assert set(bad) == {"ink"} and "K100 overprinting C50 M100 Y100 K0 = 350%" in bad["ink"]


def test_a_knocking_out_spot_clears_the_process_plates(tmp_path):
    def draw(c: Canvas) -> None:
        fill_rect(c, DARK)
        c.setFillColor(CMYKColorSep(0, 0.4, 1, 0, spotName="PANTONE 7621 C"))
        c.rect(*at(15, 35), 50 * MM, 20 * MM, stroke=0, fill=1)
        black_text(c, 20, 25)
    found = results(make(tmp_path / "spot-knockout.pdf", draw))
    assert found["ink"][0], found["ink"]


def test_subpaths_are_judged_apart(tmp_path):
    """One path of two dark squares at opposite corners: text between them lies on neither."""
    def draw(c: Canvas) -> None:
        c.setFillColorCMYK(*DARK)
        p = c.beginPath()
        p.rect(*at(5, 25), 20 * MM, 20 * MM)
        p.rect(*at(75, 135), 20 * MM, 20 * MM)
        c.drawPath(p, stroke=0, fill=1)
        black_text(c, 30, 70)
    found = results(make(tmp_path / "subpaths.pdf", draw))
    assert found["ink"][0], found["ink"]
    bad = failing(make(tmp_path / "subpaths-on.pdf", lambda c: (draw(c), black_text(c, 8, 15))))
    assert "K100 overprinting C50 M100 Y100 K0 = 350%" in bad["ink"]


def test_black_text_overprinting_a_dark_photo(tmp_path):
    photo = Image.new("CMYK", (40, 40), (20, 20, 20, 0))
    photo.paste((204, 204, 204, 0), (10, 10, 30, 30))  # C80 M80 Y80: 240 %

    def draw(c: Canvas) -> None:
        c.drawImage(ImageReader(photo), *at(10, 50), 40 * MM, 40 * MM)
        black_text(c, 15, 30)
    bad = failing(make(tmp_path / "photo.pdf", draw))
    assert set(bad) == {"ink", "images"}  # a 40 px photo at 40 mm is 25 ppi
    assert re.search(r"page 1 at 15\.0, [\d.]+ mm: 7\.0 pt text K100 overprinting image /\S+ = 340% \(max 300%\)",
                     bad["ink"]), bad["ink"]


def _type0(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """A CID font whose glyphs 1 to 4 are half an em wide (/W), the default (DW) a full em."""
    cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/ABCDEF+Test"),
                     CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"),
                                              Supplement=0),
                     FontDescriptor=Dictionary(Type=Name.FontDescriptor, FontName=Name("/ABCDEF+Test"), Flags=4,
                                               Ascent=800, Descent=-200, ItalicAngle=0, StemV=80, CapHeight=700,
                                               FontBBox=Array([0, -200, 1000, 800])),
                     DW=1000, W=Array([1, Array([500, 500, 500, 500])]))
    return pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/ABCDEF+Test"),
                                        Encoding=Name("/Identity-H"), DescendantFonts=Array([pdf.make_indirect(cid)])))


@pytest.mark.parametrize("gap_pt, flagged", [(25, False), (15, True)])
def test_type0_text_extent_comes_from_its_widths(tmp_path, gap_pt, flagged):
    """Four glyphs of half an em at 10 pt span 20 pt: a dark patch 25 pt from the run's
    start lies beside it, one 15 pt away beneath it (with the default width, 40 pt, both would)."""
    x, y = TRIM[0] + 20 * MM, TRIM[1] + 60 * MM
    content = (f"{DARK[0]} {DARK[1]} {DARK[2]} {DARK[3]} k {x + gap_pt} {y - 5} 40 20 re f "
               f"/GSop gs 0 0 0 1 k BT /FT0 10 Tf {x} {y} Td <0001000200030004> Tj ET").encode()
    edit = add_content(content, {"/Font": {"/FT0": _type0},
                                 "/ExtGState": {"/GSop": Dictionary(Type=Name.ExtGState, op=True, OPM=1)}})
    path = make(tmp_path / "type0.pdf", lambda c: None, edit=edit)
    found = results(path)
    assert (not found["ink"][0]) == flagged, found["ink"]
    if flagged:
        assert "10.0 pt text K100 overprinting C50 M100 Y100 K0 = 350%" in found["ink"][1]


# -- robustness, and the bound against measuring ------------------------------------------------

def test_damaged_files_with_geometry_never_raise(tmp_path):
    """Cut or scribbled-over copies of a file whose page is measured (a dark colour, K100
    overprinting it, a Type0 font): results, never exceptions."""
    x, y = TRIM[0] + 20 * MM, TRIM[1] + 60 * MM
    edit = add_content(f"0 0 0 1 k /GSop gs BT /FT0 10 Tf {x} {y} Td <00010002> Tj ET".encode(),
                       {"/Font": {"/FT0": _type0},
                        "/ExtGState": {"/GSop": Dictionary(Type=Name.ExtGState, op=True, OPM=1)}})
    data = make(tmp_path / "good.pdf", lambda c: (fill_rect(c, DARK), black_text(c, 20, 25)), edit=edit).read_bytes()
    variants = [data[: len(data) // 2]]
    for start in range(0, len(data), max(1, len(data) // 16)):
        variants.append(data[:start] + b"\x00garbage)>>]" * 4 + data[start + 48:])
    for i, blob in enumerate(variants):
        path = tmp_path / f"damaged{i}.pdf"
        path.write_bytes(blob)
        found = preflight_pdf(path)
        assert found and all(r.detail for r in found if not r.ok)


@pytest.mark.slow
def test_measuring_every_page_agrees_with_the_bound_on_real_outputs(built, monkeypatch):
    """The bound is an optimisation: on our own files, measuring every page with geometry
    gives the same verdict for every check."""
    from poster_gen.preflight.collect import Collector

    files = [built / "brochure.pdf", *sorted((built / "posters").glob("*.pdf"))]
    bounded = [[(r.check, r.ok) for r in preflight_pdf(p)] for p in files]
    start = Collector.start_page

    def measure_all(self, page, geometry):
        start(self, page, geometry)
        self.rewalk = not geometry

    monkeypatch.setattr(Collector, "start_page", measure_all)
    measured = [preflight_pdf(p) for p in files]
    assert bounded == [[(r.check, r.ok) for r in rows] for rows in measured]
    ink = [r.detail for rows in measured for r in rows if r.check == "ink"]
    assert all("only bounded" not in detail for detail in ink)
