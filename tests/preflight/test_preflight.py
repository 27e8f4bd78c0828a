"""Preflight: hand-made PDFs with one defect each, a clean PDF/X-1a-like file that
passes everything, the command, and the project's real outputs.

Every defective file is the clean file plus one change (drawn with a plain ReportLab
canvas or edited with pikepdf), and each test asserts that exactly the intended check
fails and that its detail names the page, operator, font or image.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import time
import warnings
from pathlib import Path
from typing import Callable

import pikepdf
import pytest
from PIL import Image
from pikepdf import Array, Dictionary, Name, String
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from poster_gen.commands import preflight as preflight_command
from poster_gen.preflight import CHECKS, CheckResult, PreflightOptions, preflight_pdf
from poster_gen.preflight.xmp import parse_iso_date, parse_pdf_date, same_instant

ROOT = Path(__file__).resolve().parents[2]
MM = 72 / 25.4
SLUG, BLEED = 10 * MM, 3 * MM
TRIM_W, TRIM_H = 100 * MM, 140 * MM
PAGE = (TRIM_W + 2 * SLUG, TRIM_H + 2 * SLUG)
TRIM = (SLUG, SLUG, SLUG + TRIM_W, SLUG + TRIM_H)
TITLE = "Preflight test 测试"
CREATED = "D:20260101120000+01'00'"
PDFX = "PDF/X-1a:2003"
FONT = "PreflightSans"

Draw = Callable[[Canvas], None]
Edit = Callable[[pikepdf.Pdf], None]


# -- fixtures: a font, some images ----------------------------------------------------

def _ttf_path() -> Path:
    """A TrueType font to embed: DejaVu Sans when installed, else a prepared Noto subset."""
    for candidate in (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),):
        if candidate.exists():
            return candidate
    try:
        out = subprocess.run(["fc-list", ":fontformat=TrueType", "file"], capture_output=True, text=True,
                             timeout=10).stdout
        for line in out.splitlines():
            path = Path(line.split(":")[0].strip())
            if path.suffix.lower() == ".ttf" and path.exists():
                return path
    except (OSError, subprocess.SubprocessError):
        pass
    from poster_gen.fonts import FontSource, package_font, prepare_fonts

    prepared = prepare_fonts(FontSource(package_font("package:manimgx_fonts_cjk/NotoSansCJK-VF.otf.ttc"), 2,
                                        "PosterGenSansSC"), {"regular": 400}, "Test 测试")
    return next(iter(prepared.values())).ttf_path


@pytest.fixture(scope="module", autouse=True)
def font() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(_ttf_path())))


def cmyk_image(pixel: tuple[int, int, int, int], size: int = 60, block: tuple[int, int, int, int] | None = None
               ) -> Image.Image:
    """A CMYK image of one colour, optionally with a 16x16 block of another."""
    im = Image.new("CMYK", (size, size), pixel)
    if block is not None:
        im.paste(block, (8, 8, 24, 24))
    return im


def jpeg(im: Image.Image, path: Path) -> Path:
    im.save(path, "JPEG", quality=100)
    return path


@pytest.fixture(scope="module")
def assets(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("assets")
    light = (20, 30, 10, 40)  # about 39% ink: read un-inverted it would be 361%
    return {
        "light_jpeg": jpeg(cmyk_image(light), d / "light.jpg"),
        "heavy_jpeg": jpeg(cmyk_image(light, block=(255, 255, 255, 102)), d / "heavy.jpg"),  # 340%
        "rgb_png": _save(Image.new("RGB", (60, 60), (200, 30, 30)), d / "rgb.png"),
    }


def _save(im: Image.Image, path: Path) -> Path:
    im.save(path)
    return path


def at_300ppi(px: int) -> float:
    return px / 300 * 72


# -- the clean file and its variants ---------------------------------------------------

def draw_good(c: Canvas, assets: dict[str, Path]) -> None:
    """CMYK background to the bleed, embedded subset TTF text, small K100 overprint text,
    a CMYK JPEG and a Flate CMYK image at 300 ppi, registration crop marks in the slug."""
    c.setFillColorCMYK(0.1, 0.3, 0, 0)
    c.rect(SLUG - BLEED, SLUG - BLEED, TRIM_W + 2 * BLEED, TRIM_H + 2 * BLEED, stroke=0, fill=1)
    c.setFillColorCMYK(0.8, 0.2, 0, 0.1)
    c.setFont(FONT, 18)
    c.drawString(SLUG + 10 * MM, SLUG + 120 * MM, "Preflight")
    c.saveState()
    c.setFillColorCMYK(0, 0, 0, 1)
    c.setFillOverprint(True)
    c.setOverprintMask(1)
    c.setFont(FONT, 8)
    c.drawString(SLUG + 10 * MM, SLUG + 110 * MM, "Small black text, K100 overprint")
    c.restoreState()
    c.drawImage(str(assets["light_jpeg"]), SLUG + 10 * MM, SLUG + 60 * MM, at_300ppi(60), at_300ppi(60))
    flate = ImageReader(cmyk_image((0, 60, 120, 20), size=30))
    c.drawImage(flate, SLUG + 40 * MM, SLUG + 60 * MM, at_300ppi(30), at_300ppi(30))
    c.setStrokeColorCMYK(1, 1, 1, 1)
    c.setLineWidth(0.25)
    for x in (TRIM[0], TRIM[2]):
        for y in (TRIM[1], TRIM[3]):
            dx = -1 if x == TRIM[0] else 1
            dy = -1 if y == TRIM[1] else 1
            c.line(x + dx * (BLEED + 2 * MM), y, x + dx * (SLUG - 1 * MM), y)
            c.line(x, y + dy * (BLEED + 2 * MM), x, y + dy * (SLUG - 1 * MM))


def finish_pdfx(pdf: pikepdf.Pdf) -> None:
    """Trim/bleed boxes, the PDF/X-1a Info keys, an OutputIntent (no ICC) and XMP."""
    for page in pdf.pages:
        page.obj.TrimBox = Array(TRIM)
        page.obj.BleedBox = Array((TRIM[0] - BLEED, TRIM[1] - BLEED, TRIM[2] + BLEED, TRIM[3] + BLEED))
    info = pdf.docinfo
    info.Title = String(TITLE)
    info.CreationDate = String(CREATED)
    info.ModDate = String(CREATED)
    info.Trapped = Name("/False")
    info.GTS_PDFXVersion = String(PDFX)
    info.GTS_PDFXConformance = String(PDFX)
    pdf.Root.OutputIntents = Array([pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=String("FOGRA39"),
        RegistryName=String("http://www.color.org"), Info=String("Coated FOGRA39")))])
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        with warnings.catch_warnings():  # "GTS_PDFXVersion has no XMP equivalent": set below
            warnings.simplefilter("ignore", UserWarning)
            meta.load_from_docinfo(pdf.docinfo)
        meta["pdfxid:GTS_PDFXVersion"] = PDFX


def make_pdf(path: Path, assets: dict[str, Path], extra: Draw | None = None, edit: Edit | None = None,
             **save: object) -> Path:
    c = Canvas(str(path), pagesize=PAGE)
    draw_good(c, assets)
    if extra is not None:
        extra(c)
    c.showPage()
    c.save()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        finish_pdfx(pdf)
        if edit is not None:
            edit(pdf)
        pdf.save(path, **save)
    return path


def failing(results: list[CheckResult]) -> dict[str, str]:
    return {r.check: r.detail for r in results if not r.ok}


# -- defects: drawn ---------------------------------------------------------------------

def rgb_fill(c: Canvas) -> None:
    c.setFillColorRGB(1, 0, 0)
    c.rect(SLUG + 10 * MM, SLUG + 10 * MM, 20 * MM, 10 * MM, stroke=0, fill=1)


def ink_320(c: Canvas) -> None:
    c.setFillColorCMYK(1, 0.9, 0.9, 0.4)
    c.rect(SLUG + 10 * MM, SLUG + 10 * MM, 20 * MM, 10 * MM, stroke=0, fill=1)


def helvetica(c: Canvas) -> None:
    c.setFillColorCMYK(0.5, 0, 0, 0)
    c.setFont("Helvetica", 14)
    c.drawString(SLUG + 10 * MM, SLUG + 20 * MM, "Not embedded")


def small_text(colour: tuple[float, float, float, float], overprint: bool, scale: float = 1.0,
               size: float = 8) -> Draw:
    def draw(c: Canvas) -> None:
        c.saveState()
        c.translate(SLUG + 10 * MM, SLUG + 30 * MM)
        c.scale(scale, scale)
        c.setFillColorCMYK(*colour)
        if overprint:
            c.setFillOverprint(True)
            c.setOverprintMask(1)
        c.setFont(FONT, size)
        c.drawString(0, 0, "small print")
        c.restoreState()
    return draw


def half_alpha(c: Canvas) -> None:
    c.setFillAlpha(0.5)
    c.setFillColorCMYK(0, 0.5, 0, 0)
    c.rect(SLUG + 10 * MM, SLUG + 10 * MM, 20 * MM, 10 * MM, stroke=0, fill=1)


def link_in_trim(c: Canvas) -> None:
    c.linkURL("https://example.com", (SLUG + 10 * MM, SLUG + 10 * MM, SLUG + 40 * MM, SLUG + 20 * MM),
              relative=0)


def registration_in_trim(c: Canvas) -> None:
    c.setFillColorCMYK(1, 1, 1, 1)
    c.rect(SLUG + 10 * MM, SLUG + 10 * MM, 5 * MM, 5 * MM, stroke=0, fill=1)


def rgb_in_form(c: Canvas) -> None:
    c.beginForm("logo")
    c.setFillColorRGB(0, 0, 1)
    c.rect(0, 0, 10 * MM, 10 * MM, stroke=0, fill=1)
    c.endForm()
    c.doForm("logo")


def image(key: str, size_pt: float) -> Callable[[dict[str, Path]], Draw]:
    def bind(assets: dict[str, Path]) -> Draw:
        def draw(c: Canvas) -> None:
            c.drawImage(str(assets[key]), SLUG + 50 * MM, SLUG + 10 * MM, size_pt, size_pt)
        return draw
    return bind


def flate_heavy(assets: dict[str, Path]) -> Draw:
    def draw(c: Canvas) -> None:
        im = ImageReader(cmyk_image((10, 10, 10, 10), size=30, block=(255, 255, 255, 102)))
        c.drawImage(im, SLUG + 50 * MM, SLUG + 10 * MM, at_300ppi(30), at_300ppi(30))
    return draw


# -- defects: edited ----------------------------------------------------------------------

def first_page(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return pdf.pages[0].obj


def ttf_fonts(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Dictionary]]:
    fonts = first_page(pdf).Resources.Font
    return [(k, f) for k, f in fonts.items() if str(f.get("/Subtype")) == "/TrueType"]


def unsubset(pdf: pikepdf.Pdf) -> None:
    for _, f in ttf_fonts(pdf):
        plain = Name("/" + str(f.BaseFont).split("+", 1)[1])
        f.BaseFont = plain
        f.FontDescriptor.FontName = plain


def type0_without_fontfile2(pdf: pikepdf.Pdf) -> None:
    fonts = first_page(pdf).Resources.Font
    for key, f in ttf_fonts(pdf):
        descriptor = Dictionary({k: v for k, v in f.FontDescriptor.items() if k != "/FontFile2"})
        cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=f.BaseFont,
                         CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"),
                                                  Supplement=0),
                         FontDescriptor=pdf.make_indirect(descriptor), DW=1000)
        fonts[key] = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=f.BaseFont, Encoding=Name("/Identity-H"),
            DescendantFonts=Array([pdf.make_indirect(cid)])))


def smask_on_jpeg(pdf: pikepdf.Pdf) -> None:
    for _, xobj in first_page(pdf).Resources.XObject.items():
        if "/DCTDecode" in [str(f) for f in xobj.Filter]:
            w, h = int(xobj.Width), int(xobj.Height)
            xobj.SMask = pdf.make_stream(b"\x80" * (w * h), Type=Name.XObject, Subtype=Name.Image, Width=w,
                                         Height=h, ColorSpace=Name.DeviceGray, BitsPerComponent=8)


def page_group(pdf: pikepdf.Pdf) -> None:
    first_page(pdf).Group = Dictionary(Type=Name.Group, S=Name.Transparency, CS=Name.DeviceCMYK)


def no_trimbox(pdf: pikepdf.Pdf) -> None:
    del first_page(pdf)["/TrimBox"]


def bleed_1mm(pdf: pikepdf.Pdf) -> None:
    first_page(pdf).BleedBox = Array((TRIM[0] - MM, TRIM[1] - MM, TRIM[2] + MM, TRIM[3] + MM))


def cropbox_is_bleedbox(pdf: pikepdf.Pdf) -> None:
    first_page(pdf).CropBox = first_page(pdf).BleedBox


def no_gts_version(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo["/GTS_PDFXVersion"]


def no_output_intent(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/OutputIntents"]


def no_xmp(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Metadata"]


def xmp_title(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = "Another title"


def rgb_printer_mark(pdf: pikepdf.Pdf) -> None:
    """A PrinterMark annotation in the slug (allowed there) whose appearance is RGB."""
    appearance = pdf.make_stream(b"1 0 0 rg 0 0 10 10 re f", Type=Name.XObject, Subtype=Name.Form,
                                 BBox=Array([0, 0, 10, 10]))
    annot = Dictionary(Type=Name.Annot, Subtype=Name.PrinterMark, Rect=Array([2, 2, 12, 12]),
                       AP=Dictionary(N=appearance))
    first_page(pdf).Annots = Array([pdf.make_indirect(annot)])


# -- the clean file ----------------------------------------------------------------------

def test_good_file_passes_every_check(tmp_path, assets):
    path = make_pdf(tmp_path / "good.pdf", assets)
    results = preflight_pdf(path)
    assert [r.check for r in results] == list(CHECKS)
    assert failing(results) == {}
    detail = {r.check: r.detail for r in results}
    assert "1 font, all embedded" in detail["fonts"]
    assert "registration colour" in detail["ink"] and "8 paths" in detail["ink"]
    assert "2 CMYK images at most" in detail["ink"]
    assert "1 near-black text run" in detail["black-text"]
    assert "lowest 300 ppi" in detail["images"]
    assert all(r.file == str(path) for r in results)


def test_pdfx_checks_not_required_when_pdfx_is_off(tmp_path, assets):
    path = make_pdf(tmp_path / "plain.pdf", assets, edit=lambda pdf: (no_gts_version(pdf), no_xmp(pdf)))
    results = preflight_pdf(path, PreflightOptions(pdfx=False), shown="plain.pdf")
    assert failing(results) == {}
    assert {r.check: r.detail for r in results if r.check in ("pdfx", "output-intent", "xmp")} == \
        dict.fromkeys(("pdfx", "output-intent", "xmp"), "not required")
    assert {r.file for r in results} == {"plain.pdf"}


# -- one defect each -------------------------------------------------------------------

DRAWN = {
    "rgb-fill": (lambda a: rgb_fill, "colour", ["page 1", "rg 1 0 0", "RGB"]),
    "rgb-image": (image("rgb_png", at_300ppi(60)), "colour", ["page 1", "image /", "DeviceRGB"]),
    "ink-320": (lambda a: ink_320, "ink", ["page 1", "k 1 0.9 0.9 0.4", "320%"]),
    "cmyk-jpeg-340": (image("heavy_jpeg", at_300ppi(60)), "ink", ["page 1", "image /", "60x60 px"]),
    "cmyk-flate-340": (flate_heavy, "ink", ["page 1", "image /", "30x30 px", "340%"]),
    "helvetica": (lambda a: helvetica, "fonts", ["page 1", "Helvetica", "not embedded"]),
    "rich-black-8pt": (lambda a: small_text((0.6, 0.4, 0.4, 1), True), "black-text",
                       ["page 1", "8.0 pt", "C60 M40 Y40 K100", "not pure K100"]),
    "k100-no-overprint": (lambda a: small_text((0, 0, 0, 1), False), "black-text",
                          ["page 1", "8.0 pt", "C0 M0 Y0 K100", "fill overprint off"]),
    "scaled-to-8pt": (lambda a: small_text((0, 0, 0, 1), False, scale=0.5, size=16), "black-text",
                      ["8.0 pt", "fill overprint off"]),
    "alpha-0.5": (lambda a: half_alpha, "transparency", ["page 1", "ExtGState", "ca 0.5"]),
    "72-ppi": (image("light_jpeg", 60.0), "images", ["page 1", "image /", "60x60 px", "72 x 72 ppi"]),
    "link-in-trim": (lambda a: link_in_trim, "annotations", ["page 1", "/Link", "BleedBox"]),
    "registration-in-trim": (lambda a: registration_in_trim, "ink", ["page 1", "registration colour", "400%"]),
    "rgb-in-form": (lambda a: rgb_in_form, "colour", ["page 1, form /", "rg 0 0 1"]),
}

EDITED = {
    "unsubset-font": (unsubset, "fonts", ["page 1", "DejaVuSans" if "DejaVu" in _ttf_path().name else "",
                                           "not subset"]),
    "type0-no-fontfile2": (type0_without_fontfile2, "fonts", ["page 1", "Type0/CIDFontType2", "not embedded"]),
    "image-smask": (smask_on_jpeg, "transparency", ["page 1", "image /", "soft mask"]),
    "page-group": (page_group, "transparency", ["page 1", "transparency group"]),
    "no-trimbox": (no_trimbox, "boxes", ["page 1", "no TrimBox"]),
    "bleed-1mm": (bleed_1mm, "boxes", ["page 1", "bleed is 1.00 mm"]),
    "cropbox": (cropbox_is_bleedbox, "boxes", ["page 1", "CropBox", "differs from MediaBox"]),
    "no-gts-version": (no_gts_version, "pdfx", ["GTS_PDFXVersion"]),
    "no-output-intent": (no_output_intent, "output-intent", ["/OutputIntents"]),
    "no-xmp": (no_xmp, "xmp", ["/Metadata"]),
    "xmp-title": (xmp_title, "xmp", ["dc:title", "Another title", TITLE]),
    "rgb-printer-mark": (rgb_printer_mark, "colour", ["page 1", "PrinterMark annotation", "rg 1 0 0"]),
}


def _expect_only(results: list[CheckResult], check: str, words: list[str]) -> str:
    bad = failing(results)
    assert set(bad) == {check}, bad
    for word in words:
        assert word in bad[check], (word, bad[check])
    return bad[check]


@pytest.mark.parametrize("case", sorted(DRAWN))
def test_drawn_defect(tmp_path, assets, case):
    extra, check, words = DRAWN[case]
    path = make_pdf(tmp_path / f"{case}.pdf", assets, extra=extra(assets))
    detail = _expect_only(preflight_pdf(path), check, words)
    if case == "cmyk-jpeg-340":
        value = int(re.search(r"with (\d+)% ink", detail).group(1))
        assert 335 <= value <= 345


@pytest.mark.parametrize("case", sorted(EDITED))
def test_edited_defect(tmp_path, assets, case):
    edit, check, words = EDITED[case]
    path = make_pdf(tmp_path / f"{case}.pdf", assets, edit=edit)
    _expect_only(preflight_pdf(path), check, words)


def test_pdf_version_1_6(tmp_path, assets):
    path = make_pdf(tmp_path / "v16.pdf", assets, force_version="1.6")
    _expect_only(preflight_pdf(path), "version", ["1.6"])


def test_encrypted(tmp_path, assets):
    path = make_pdf(tmp_path / "locked.pdf", assets,
                    encryption=pikepdf.Encryption(owner="secret", user="", R=3, aes=False, metadata=False))
    _expect_only(preflight_pdf(path), "version", ["encrypted"])


def test_not_a_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("this is not a PDF\n")
    results = preflight_pdf(path)
    assert len(results) == 1
    assert (results[0].check, results[0].ok) == ("open", False)
    assert "cannot be opened" in results[0].detail
    assert preflight_pdf(tmp_path / "missing.pdf") == [
        CheckResult(str(tmp_path / "missing.pdf"), "open", False, "not found")]


def test_thresholds_are_options(tmp_path, assets):
    path = make_pdf(tmp_path / "good.pdf", assets)
    strict = PreflightOptions(min_bleed_mm=5, max_ink=30, min_image_ppi=600)
    bad = failing(preflight_pdf(path, strict))
    assert set(bad) == {"boxes", "ink", "images"}
    assert "bleed is 3.00 mm" in bad["boxes"] and "(min 5 mm)" in bad["boxes"]
    assert "k 0.1 0.3 0 0 = 40% (max 30%)" in bad["ink"]
    assert "= 300 x 300 ppi (min 600)" in bad["images"]


# -- building blocks --------------------------------------------------------------------

def test_dates_compare_as_instants():
    assert same_instant(parse_pdf_date("D:20200615000000Z"), parse_iso_date("2020-06-15T00:00:00Z"))
    assert same_instant(parse_pdf_date("D:20200615020000+02'00'"), parse_iso_date("2020-06-15T00:00:00Z"))
    assert not same_instant(parse_pdf_date("D:20200615020000Z"), parse_iso_date("2020-06-15T00:00:00Z"))
    assert parse_pdf_date("D:2020") is not None and parse_pdf_date("yesterday") is None


# -- the command --------------------------------------------------------------------------

def _args(*pdfs: Path, project: Path = Path("."), out: Path | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    preflight_command.add_arguments(parser)
    argv = [str(p) for p in pdfs] + ["--project", str(project)] + (["--out", str(out)] if out else [])
    return parser.parse_args(argv)


def test_command_checks_the_output_folder(tmp_path, assets, capsys):
    out = tmp_path / "output"
    (out / "posters").mkdir(parents=True)
    (out / "previews").mkdir()
    make_pdf(out / "good.pdf", assets)
    make_pdf(out / "posters" / "bad.pdf", assets, extra=rgb_fill)
    (out / "previews" / "junk.pdf").write_text("not a PDF: skipped")

    assert preflight_command.run(_args(project=tmp_path)) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "1 passed, 1 failed"
    assert len(lines) == 2 * len(CHECKS) + 1
    assert lines[0].startswith("PASS  good.pdf  version: ")
    assert any(line.startswith("FAIL  posters/bad.pdf  colour: page 1: rg 1 0 0") for line in lines)
    assert not any("previews" in line for line in lines)

    assert preflight_command.run(_args(out=out / "posters", project=tmp_path / "elsewhere")) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "0 passed, 1 failed"


def test_command_with_named_files(tmp_path, assets, capsys):
    good = make_pdf(tmp_path / "good.pdf", assets)
    assert preflight_command.run(_args(good)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 passed, 0 failed"
    missing = tmp_path / "missing.pdf"
    assert preflight_command.run(_args(good, missing)) == 2  # could not be checked: the user's to fix
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"error: {missing}: not found"]
    assert out.splitlines()[-1] == "1 passed, 0 failed, 1 not checked"


def test_command_without_outputs(tmp_path, capsys):
    assert preflight_command.run(_args(project=tmp_path)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [f"error: {tmp_path / 'output'}: not found; build first "
                                              "(poster-gen build), or name the PDFs to check"]


# -- robustness and the real outputs -----------------------------------------------------

def test_damaged_files_never_raise(tmp_path, assets):
    """Cut or scribbled-over copies of the clean file: results, never exceptions."""
    data = make_pdf(tmp_path / "good.pdf", assets).read_bytes()
    variants = [data[: len(data) // 3], data[: len(data) * 2 // 3]]
    for start in range(0, len(data), max(1, len(data) // 12)):
        variants.append(data[:start] + b"\x00garbage)>>]" * 4 + data[start + 48:])
    for i, blob in enumerate(variants):
        path = tmp_path / f"damaged{i}.pdf"
        path.write_bytes(blob)
        results = preflight_pdf(path)
        assert results and all(isinstance(r, CheckResult) for r in results)


@pytest.mark.slow
def test_real_outputs_pass_every_check(built):
    """What `poster-gen build` writes passes the full PDF/X-1a preflight."""
    for path in [built / "brochure.pdf", *sorted((built / "posters").glob("*.pdf"))]:
        start = time.perf_counter()
        results = preflight_pdf(path)
        elapsed = time.perf_counter() - start
        assert [r.check for r in results] == list(CHECKS)
        for r in results:
            assert r.ok, r
            assert "could not be checked" not in r.detail and "content could not be read" not in r.detail, r
        assert elapsed < 2.0  # generous for slow CI; measured about 0.14 s for the brochure


# -- hand-written content: spaces, patterns, shadings, inline images --------------------

def _resources(pdf: pikepdf.Pdf) -> dict[str, Dictionary]:
    icc_rgb = pdf.make_stream(b"\0" * 128, N=3)
    tiling = pdf.make_stream(b"0 1 0 rg 0 0 5 5 re f", Type=Name.Pattern, PatternType=1, PaintType=1,
                             TilingType=1, BBox=Array([0, 0, 10, 10]), XStep=10, YStep=10,
                             Resources=Dictionary())
    tint = Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0, 0, 0]), C1=Array([0, 1, 1, 0]), N=1)
    lab = Array([Name.Lab, Dictionary(WhitePoint=Array([0.9505, 1, 1.089]))])

    def axial(space: object, c1: list[float]) -> Dictionary:
        return Dictionary(ShadingType=2, ColorSpace=space, Coords=Array([0, 0, 100, 0]),
                          Function=Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0] * len(c1)),
                                              C1=Array(c1), N=1))

    return {
        "/ColorSpace": Dictionary(
            CSicc=Array([Name.ICCBased, icc_rgb]),
            CSlab=Array([Name.Separation, Name("/PANTONE 185 C"), lab, tint]),
            CSspot=Array([Name.Separation, Name("/PANTONE 185 C"), Name.DeviceCMYK, tint]),
            CSidx=Array([Name.Indexed, Name.DeviceRGB, 0, String(b"\xff\x00\x00")])),
        "/Pattern": Dictionary(P0=tiling),
        "/Shading": Dictionary(ShRGB=axial(Name.DeviceRGB, [1, 0, 0]),
                               ShInk=axial(Name.DeviceCMYK, [1, 1, 1, 0.5])),
        "/ExtGState": Dictionary(GSmul=Dictionary(Type=Name.ExtGState, BM=Name.Multiply)),
    }


def with_content(content: bytes) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0]
        for category, entries in _resources(pdf).items():
            table = page.Resources.get(category)
            if table is None:
                page.Resources[category] = table = Dictionary()
            for key, value in entries.items():
                table[key] = value
        page.contents_add(pdf.make_stream(b"q " + content + b" Q"), prepend=False)
    return edit


HAND_WRITTEN = {
    "icc-rgb": (b"/CSicc cs 0.5 0.2 0.1 sc 0 0 5 5 re f", "colour", ["page 1: cs /CSicc", "ICCBased RGB"]),
    "tiling-pattern": (b"/Pattern cs /P0 scn 0 0 5 5 re f", "colour", ["page 1, pattern /P0: rg 0 1 0"]),
    "rgb-shading": (b"/ShRGB sh", "colour", ["page 1: shading /ShRGB in DeviceRGB"]),
    "shading-ink": (b"/ShInk sh", "ink", ["page 1: shading /ShInk", "350%"]),
    "spot-lab": (b"/CSlab cs 1 scn 0 0 5 5 re f", "colour", ["PANTONE 185 C", "alternate space Lab"]),
    "indexed-rgb": (b"/CSidx cs 0 sc 0 0 5 5 re f", "colour", ["cs /CSidx", "Indexed on DeviceRGB: RGB colour"]),
    "blend-mode": (b"/GSmul gs 0 0 5 5 re f", "transparency", ["page 1: ExtGState /GSmul", "/Multiply"]),
    "inline-cmyk-340": (b"0.48 0 0 0.24 50 50 cm BI /W 2 /H 1 /CS /CMYK /BPC 8 /F /AHx ID "
                        b"FFFFFF66000000FF> EI", "ink", ["page 1: image (inline)", "340%"]),
    "inline-72ppi": (b"20 0 0 10 50 50 cm BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\xff EI", "images",
                     ["page 1: image (inline) 2x1 px", "7 x 7 ppi"]),
}


@pytest.mark.parametrize("case", sorted(HAND_WRITTEN))
def test_hand_written_content(tmp_path, assets, case):
    content, check, words = HAND_WRITTEN[case]
    path = make_pdf(tmp_path / f"{case}.pdf", assets, edit=with_content(content))
    _expect_only(preflight_pdf(path), check, words)


def test_spot_colour_with_cmyk_alternate_is_fine(tmp_path, assets):
    path = make_pdf(tmp_path / "spot.pdf", assets, edit=with_content(b"/CSspot cs 1 scn 0 0 5 5 re f"))
    assert failing(preflight_pdf(path)) == {}


# -- registration colour where the walker skips path points -----------------------------
# A stream that neither starts in registration colour nor may set it is parsed without
# its path construction (most operators of a motif-heavy page); these cases make sure the
# registration colour is still found wherever it paints.

X, Y = SLUG + 20 * MM, SLUG + 20 * MM  # inside the trim


def replace_content(page: bytes, form: bytes | None = None) -> Edit:
    def edit(pdf: pikepdf.Pdf) -> None:
        p = pdf.pages[0]
        p.Resources.ColorSpace = Dictionary(CSall=Array([
            Name.Separation, Name.All, Name.DeviceCMYK,
            Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0, 0, 0]), C1=Array([1, 1, 1, 1]), N=1)]))
        if form is not None:
            p.Resources.XObject = Dictionary(Fm=pdf.make_stream(
                form, Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, *PAGE]), Resources=Dictionary()))
        p.Contents = pdf.make_stream(page)
    return edit


def _ops(text: str) -> bytes:
    return text.format(x=X, y=Y, x2=X + 40, slug=SLUG / 2).encode()


LEAN = {
    "inherited-by-form": (_ops("0.2 0 0 0 k {x} {y} 9 9 re f 1 1 1 1 k /Fm Do"), _ops("{x} {y} 14 14 re f")),
    "set-in-form": (_ops("0.2 0 0 0 k {x} {y} 9 9 re f /Fm Do"), _ops("1 1 1 1 K 2 w {x} {y} m {x2} {y} l S")),
    "separation-all": (_ops("/CSall cs 1 scn {x} {y} 14 14 re f"), None),
    "five-operands": (_ops("1 1 1 1 0.5 k {x} {y} 14 14 re f"), None),
}


@pytest.mark.parametrize("case", sorted(LEAN))
def test_registration_found_where_paths_may_be_skipped(tmp_path, assets, case):
    page, form = LEAN[case]
    path = make_pdf(tmp_path / f"{case}.pdf", assets, edit=replace_content(page, form))
    _expect_only(preflight_pdf(path), "ink", ["page 1", "registration colour", "400%"])


def test_registration_marks_in_a_form_in_the_slug_pass(tmp_path, assets):
    path = make_pdf(tmp_path / "slug.pdf", assets, edit=replace_content(
        _ops("0.2 0 0 0 k {x} {y} 9 9 re f /Fm Do"), _ops("1 1 1 1 K 0.25 w 0 {slug} m 20 {slug} l S")))
    results = preflight_pdf(path)
    assert failing(results) == {}
    assert "exempt outside the BleedBox (1 path" in {r.check: r.detail for r in results}["ink"]


@pytest.mark.slow
def test_skipping_paths_judges_real_outputs_as_following_them(built, monkeypatch):
    """The lean walk is an optimisation: on our own files every check says the same
    as when every path is followed."""
    from poster_gen.preflight.collect import Collector

    files = [built / "brochure.pdf", built / "posters" / "new-energy-vehicles.pdf"]
    lean = [[(r.check, r.ok, r.detail) for r in preflight_pdf(p)] for p in files]
    monkeypatch.setattr(Collector, "paths_needed", lambda self, gs, instructions: True)
    full = [[(r.check, r.ok, r.detail) for r in preflight_pdf(p)] for p in files]
    assert lean == full
    assert any("registration colour" in detail for rows in lean for _, _, detail in rows)
