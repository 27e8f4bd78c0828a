"""The separations check: spot and finishing plates listed, undeclared ones refused, and
finishing plates (foil, varnish, die line) that knock out refused.

Spot colours are drawn as ReportLab does for the renderer (``CMYKColorSep``: a Separation
space with a DeviceCMYK alternate); the rest (DeviceN, a spot image, a spot in a form and
in a shading) is written by hand.
"""
from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name
from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from poster_gen.preflight import CHECKS, PreflightOptions, preflight_pdf
from printfiles import MM, add_content, at, make

PANTONE, FOIL = "PANTONE 7621 C", "Foil"


def spot(c: Canvas, name: str, tint: float = 1.0, overprint: bool = False, stroke: bool = False,
         y_mm: float = 20) -> None:
    c.saveState()
    colour = CMYKColorSep(0, 0.9, 0.8, 0.2, spotName=name, density=tint)
    if stroke:
        c.setStrokeColor(colour)
        c.setStrokeOverprint(overprint)
        c.setLineWidth(2)
        c.line(*at(10, y_mm), *at(60, y_mm))
    else:
        c.setFillColor(colour)
        c.setFillOverprint(overprint)
        c.rect(*at(10, y_mm), 40 * MM, 10 * MM, stroke=0, fill=1)
    if overprint:
        c.setOverprintMask(1)
    c.restoreState()


def check(path: Path, **options: object) -> tuple[bool, str]:
    found = {r.check: (r.ok, r.detail) for r in preflight_pdf(path, PreflightOptions(**options))}
    assert [*found] == list(CHECKS)
    others = [name for name, (ok, _) in found.items() if not ok and name != "separations"]
    assert others == [], {name: found[name] for name in others}
    return found["separations"]


def test_separations_follow_ink_in_the_report():
    assert CHECKS[CHECKS.index("ink") + 1] == "separations"


def test_process_only_file_lists_no_plates(tmp_path):
    path = make(tmp_path / "process.pdf", lambda c: (c.setFillColorCMYK(0.2, 0, 0, 0), c.rect(*at(0, 50), 50, 50)))
    assert check(path) == (True, "no spot plates (process inks only)")


def test_spot_plates_are_listed_with_their_tint_and_overprint(tmp_path):
    def draw(c: Canvas) -> None:
        spot(c, PANTONE, tint=0.6)
        spot(c, PANTONE, tint=0.4, y_mm=40)
        spot(c, FOIL, overprint=True, y_mm=60)
    assert check(make(tmp_path / "spots.pdf", draw)) == (
        True, f"2 spot plates: {PANTONE} (max 60%), {FOIL} (max 100%, overprints)")


def test_undeclared_separation_is_refused(tmp_path):
    path = make(tmp_path / "undeclared.pdf", lambda c: (spot(c, PANTONE), spot(c, "PANTONE 185 C", y_mm=40)))
    assert check(path, separations=frozenset({PANTONE})) == (False, "page 1: undeclared separation 'PANTONE 185 C'")
    assert check(path)[0]  # nothing declared: every plate is accepted and listed


def test_finishing_plate_that_knocks_out_is_refused(tmp_path):
    path = make(tmp_path / "foil-knockout.pdf", lambda c: spot(c, FOIL))
    assert check(path, finishes=frozenset({FOIL})) == (
        False, "page 1: finishing plate 'Foil' knocks out (fill overprint off)")
    assert check(path) == (True, "1 spot plate: Foil (max 100%)")  # not declared a finish: a spot like any


def test_finishing_stroke_that_knocks_out_is_refused(tmp_path):
    path = make(tmp_path / "die-line.pdf", lambda c: spot(c, "Die line", stroke=True))
    assert check(path, finishes=frozenset({"Die line"})) == (
        False, "page 1: finishing plate 'Die line' knocks out (stroke overprint off)")


def test_finishing_plate_that_overprints_is_accepted(tmp_path):
    def draw(c: Canvas) -> None:
        c.setFillColorCMYK(0.5, 1, 1, 0)
        c.rect(*at(0, 80), 80 * MM, 80 * MM, stroke=0, fill=1)
        spot(c, FOIL, overprint=True)
        spot(c, "Die line", overprint=True, stroke=True)
    path = make(tmp_path / "foil.pdf", draw)
    ok, detail = check(path, separations=frozenset({PANTONE}), finishes=frozenset({FOIL, "Die line"}))
    assert ok, detail  # finishing plates count as declared
    assert detail == (f"2 spot plates: {FOIL} (max 100%, overprints, finishing), "
                      "Die line (max 100%, overprints, finishing)")


def _tint() -> Dictionary:
    return Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0, 0, 0]), C1=Array([0, 1, 1, 0]), N=1)


def test_spots_in_devicen_forms_images_and_shadings_are_found(tmp_path):
    separation = Array([Name.Separation, Name("/Varnish"), Name.DeviceCMYK, _tint()])
    devicen = Array([Name.DeviceN, Array([Name.Cyan, Name("/Gold")]), Name.DeviceCMYK,
                     Dictionary(FunctionType=4, Domain=Array([0, 1, 0, 1]), Range=Array([0, 1] * 4)),
                     ])

    def form(pdf: pikepdf.Pdf) -> pikepdf.Object:
        return pdf.make_stream(b"/CSn cs 0.2 0.7 scn 0 0 10 10 re f", Type=Name.XObject, Subtype=Name.Form,
                               BBox=Array([0, 0, 10, 10]),
                               Resources=Dictionary(ColorSpace=Dictionary(CSn=devicen)))

    def image(pdf: pikepdf.Pdf) -> pikepdf.Object:
        return pdf.make_stream(b"\xff" * 4, Type=Name.XObject, Subtype=Name.Image, Width=2, Height=2,
                               BitsPerComponent=8, ColorSpace=Array([Name.Separation, Name("/Silver"),
                                                                     Name.DeviceCMYK, _tint()]))

    shading = Dictionary(ShadingType=2, ColorSpace=Array([Name.Separation, Name("/Copper"), Name.DeviceCMYK, _tint()]),
                         Coords=Array([0, 0, 100, 0]), Function=Dictionary(
                             FunctionType=2, Domain=Array([0, 1]), C0=Array([0]), C1=Array([0.5]), N=1))
    content = (b"/CSv cs 0.3 scn 50 50 10 10 re f /Fm Do q 300 0 0 300 50 50 cm /Im Do Q "
               b"q 60 60 20 20 re W n /Sh sh Q")
    edit = add_content(content, {"/ColorSpace": {"/CSv": separation}, "/XObject": {"/Fm": form, "/Im": image},
                                 "/Shading": {"/Sh": shading}})
    ok, detail = check(make(tmp_path / "everywhere.pdf", lambda c: None, edit=edit), min_image_ppi=0)
    assert ok
    assert detail == ("4 spot plates: Varnish (max 30%), Gold (max 70%), Silver (max 100%), Copper (max 50%)"), detail


def test_spot_plates_do_not_count_in_the_four_colour_total(tmp_path):
    """A full spot tint on a 250 % colour: the ink check's total stays 250 %, where it
    counted the spot as another 100 % before."""
    def draw(c: Canvas) -> None:
        c.setFillColorCMYK(0.5, 1, 1, 0)
        c.rect(*at(0, 80), 80 * MM, 80 * MM, stroke=0, fill=1)
        c.setFillColor(CMYKColorSep(0.5, 1, 1, 0, spotName=PANTONE))
        c.rect(*at(10, 20), 20 * MM, 10 * MM, stroke=0, fill=1)
    found = {r.check: r.detail for r in preflight_pdf(make(tmp_path / "spot-total.pdf", draw))}
    assert found["ink"] == "4-colour max 250% overprint included (page 1: k 0.5 1 1 0)"
    assert found["separations"] == f"1 spot plate: {PANTONE} (max 100%)"
