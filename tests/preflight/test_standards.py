"""Each file judged against the PDF/X standard it claims (or the one asked for): PDF/X-1a:2003
and PDF/X-4, rows of ``pdfx_standards.STANDARDS``.

The X-4 fixture is what PDF/X-4 allows and PDF/X-1a does not: PDF 1.6, live transparency
(constant alpha from ReportLab, a transparency group written by hand), JPEG 2000,
compressed object streams; identified as PDF/X-4 (no GTS_PDFXConformance, an embedded
output profile, xmpMM:DocumentID/VersionID/RenditionClass).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfgen.canvas import Canvas

from poster_gen.commands import preflight as preflight_command
from poster_gen.pdfx_standards import STANDARDS
from poster_gen.preflight import PreflightOptions, preflight_pdf
from printfiles import MM, X1A, X4, add_content, at, make


def plain(c: Canvas) -> None:
    c.setFillColorCMYK(0.1, 0.3, 0, 0)
    c.rect(*at(0, 140), 100 * MM, 140 * MM, stroke=0, fill=1)


def see_through(c: Canvas) -> None:
    plain(c)
    c.saveState()
    c.setFillAlpha(0.5)
    c.setFillColorCMYK(0, 0.8, 0.6, 0)
    c.rect(*at(10, 40), 40 * MM, 20 * MM, stroke=0, fill=1)
    c.restoreState()


def group_form(space: object) -> pikepdf.Object:
    def make_form(pdf: pikepdf.Pdf) -> pikepdf.Object:
        return pdf.make_stream(b"0 0.5 0 0 k 0 0 20 20 re f", Type=Name.XObject, Subtype=Name.Form,
                               BBox=Array([0, 0, 20, 20]), Resources=Dictionary(),
                               Group=Dictionary(Type=Name.Group, S=Name.Transparency, CS=space))
    return make_form


def with_group(space: object = Name.DeviceCMYK) -> object:
    return add_content(b"1 0 0 1 100 100 cm /Grp Do", {"/XObject": {"/Grp": group_form(space)}})


def jpx_image(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return pdf.make_stream(b"\x00\x00\x00\x0cjP  \r\n\x87\n", Type=Name.XObject, Subtype=Name.Image, Width=300,
                           Height=300, BitsPerComponent=8, ColorSpace=Name.DeviceCMYK, Filter=Name.JPXDecode)


with_jpx = add_content(b"72 0 0 72 100 300 cm /Jpx Do", {"/XObject": {"/Jpx": jpx_image}})


def judged(path: Path, standard: str | None = None, **options: object) -> dict[str, tuple[bool, str]]:
    return {r.check: (r.ok, r.detail) for r in preflight_pdf(path, PreflightOptions(standard=standard, **options))}


def failing(found: dict[str, tuple[bool, str]]) -> dict[str, str]:
    return {check: detail for check, (ok, detail) in found.items() if not ok}


@pytest.fixture
def x4_file(tmp_path) -> Path:
    """PDF/X-4 with constant alpha and a transparency group."""
    return make(tmp_path / "x4.pdf", see_through, X4, edit=with_group())


@pytest.fixture
def x1a_file(tmp_path) -> Path:
    return make(tmp_path / "x1a.pdf", plain, X1A)


def test_x4_file_passes_as_what_it_claims(x4_file):
    found = judged(x4_file)
    assert failing(found) == {}
    assert found["transparency"][1] == ("live transparency (allowed in PDF/X-4): 1 ExtGState with alpha, "
                                        "1 transparency group")
    assert found["version"][1] == "PDF 1.6, not encrypted (judged as PDF/X-4)"
    assert found["pdfx"][1].startswith("PDF/X-4, Trapped False")
    assert "CMYK output profile embedded" in found["output-intent"][1]
    assert found["xmp"][1].endswith("xmpMM:DocumentID, VersionID and RenditionClass present")
    assert judged(x4_file, "x4") == found


def test_x4_file_with_transparency_fails_x1a(x4_file):
    bad = failing(judged(x4_file, "x1a"))
    assert set(bad) == {"version", "transparency", "pdfx"}
    assert bad["version"] == "header says PDF 1.6 (PDF/X-1a:2003 allows at most 1.4)"
    assert "ExtGState /" in bad["transparency"] and "ca 0.5" in bad["transparency"]
    assert "form /Grp is a transparency group" in bad["transparency"]
    assert "Info GTS_PDFXVersion is 'PDF/X-4', not 'PDF/X-1a:2003'" in bad["pdfx"]
    assert "Info has no GTS_PDFXConformance (must be 'PDF/X-1a:2003')" in bad["pdfx"]


def test_x1a_file_fails_x4_identification(x1a_file):
    assert failing(judged(x1a_file)) == {}
    bad = failing(judged(x1a_file, "x4"))
    assert set(bad) == {"pdfx", "output-intent", "xmp"}
    assert bad["pdfx"] == "Info GTS_PDFXVersion is 'PDF/X-1a:2003', not 'PDF/X-4'"
    assert bad["output-intent"] == ("the GTS_PDFX output intent embeds no ICC profile (/DestOutputProfile; "
                                    "PDF/X-4 requires one)")
    assert bad["xmp"] == ("XMP has no xmpMM:DocumentID (PDF/X-4 requires it); XMP has no xmpMM:VersionID "
                          "(PDF/X-4 requires it); XMP has no xmpMM:RenditionClass (PDF/X-4 requires it)")


def test_rgb_transparency_group_fails_even_in_x4(tmp_path):
    path = make(tmp_path / "rgb-group.pdf", plain, X4, edit=with_group(Name.DeviceRGB))
    bad = failing(judged(path))
    assert bad == {"transparency": "page 1: form /Grp is a transparency group blending in DeviceRGB "
                                   "(its /CS must be CMYK or gray)"}


def test_jpeg_2000_is_allowed_where_the_standard_is_pdf_1_5_or_later(tmp_path):
    path = make(tmp_path / "jpx.pdf", plain, X4, edit=with_jpx)
    found = judged(path)
    assert failing(found) == {}
    assert "1 image not measured" in found["ink"][1]
    bad = failing(judged(path, "x1a"))
    assert "page 1: image /Jpx is JPEG 2000 (JPXDecode, PDF 1.5), not allowed in PDF/X-1a:2003" == bad["images"]


def test_object_streams_only_where_the_standard_allows_them(tmp_path):
    path = make(tmp_path / "objstm.pdf", plain, X4, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert failing(judged(path)) == {}
    assert failing(judged(path, "x1a"))["version"].endswith(
        "uses a cross-reference stream (PDF 1.5, not allowed in PDF/X-1a:2003)")


def test_a_standard_we_do_not_know_is_judged_as_x1a(tmp_path):
    def claim_x3(pdf: pikepdf.Pdf) -> None:
        pdf.docinfo.GTS_PDFXVersion = String("PDF/X-3:2002")
    bad = failing(judged(make(tmp_path / "x3.pdf", plain, X1A, edit=claim_x3)))
    assert set(bad) == {"pdfx", "xmp"}
    assert bad["pdfx"] == "Info GTS_PDFXVersion is 'PDF/X-3:2002', not 'PDF/X-1a:2003'"


def test_standards_come_from_the_table():
    assert PreflightOptions(standard="x4").standard == "x4"
    with pytest.raises(ValueError, match="unknown PDF/X standard 'x3'"):
        PreflightOptions(standard="x3")
    assert set(STANDARDS) >= {"x1a", "x4"}


# -- the command ------------------------------------------------------------------------------

def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    preflight_command.add_arguments(parser)
    return parser.parse_args(list(argv))


def test_command_standard_option(x1a_file, x4_file, capsys):
    assert preflight_command.run(_args(str(x1a_file), str(x4_file))) == 0  # each as it claims
    capsys.readouterr()
    assert preflight_command.run(_args(str(x1a_file), "--standard", "x4")) == 1
    out = capsys.readouterr().out
    assert f"FAIL  {x1a_file}  pdfx: Info GTS_PDFXVersion is 'PDF/X-1a:2003', not 'PDF/X-4'" in out
    assert preflight_command.run(_args(str(x4_file), "--standard", "x1a", "--no-pdfx")) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"FAIL  {x4_file}  version: header says PDF 1.6") for line in lines)
    assert f"PASS  {x4_file}  pdfx: not required" in lines
    with pytest.raises(SystemExit):
        _args(str(x4_file), "--standard", "x3")
