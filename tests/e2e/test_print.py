"""Print production: boxes and marks, sizes, colour, ink, resolution, safe zone, PDF/X."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, copy_project, run_cli
from pdfcheck import boxes_mm, cmyk_output_profile, decode_qr
from poster_gen.page_model import Box
from poster_gen.finish.marks import printer_marks
from poster_gen.finish.sizes import PAPER
from poster_gen.load.project import load_project

PROJECT = load_project(ROOT)


@pytest.fixture(scope="module")
def sizes(tmp_path_factory) -> Path:
    """The AI poster at every size (one build per size), into one folder."""
    out = tmp_path_factory.mktemp("sizes")
    for size in PAPER:
        r = run_cli("build", "--project", str(ROOT), "--out", str(out), "--size", size,
                    "--only", "artificial-intelligence")
        assert r.returncode == 0, r.stderr
    return out


def test_boxes_bleed_and_slug(built: Path):
    poster = boxes_mm(built / "posters" / "integrated-circuits.pdf")[0]
    spec = PROJECT.layouts["poster"].print
    assert poster["TrimBox"] == (420.0, 594.0)
    assert poster["BleedBox"] == (426.0, 600.0)  # 3 mm on every side
    assert poster["MediaBox"] == (round(426 + 2 * spec.slug, 1), round(600 + 2 * spec.slug, 1))
    with pikepdf.open(built / "posters" / "integrated-circuits.pdf") as pdf:
        page = pdf.pages[0].obj
        assert [float(v) for v in page.CropBox] == [float(v) for v in page.MediaBox]


def test_no_marks_and_bleed_option(tmp_path: Path):
    r = run_cli("build", "--project", str(ROOT), "--out", str(tmp_path), "--only", "integrated-circuits",
                "--no-marks", "--bleed", "5")
    assert r.returncode == 0, r.stderr
    page = boxes_mm(tmp_path / "posters" / "integrated-circuits.pdf")[0]
    assert page["BleedBox"] == (430.0, 604.0)
    assert page["MediaBox"] == page["BleedBox"]


@pytest.mark.parametrize("layout", ["poster", "brochure"])
def test_marks_sit_in_the_slug_clear_of_the_bleed(layout: str):
    lay = PROJECT.layouts[layout]
    w, h, bleed = lay.page.width, lay.page.height, lay.page.bleed
    bleed_box = Box(-bleed, -bleed, w + 2 * bleed, h + 2 * bleed)
    media = bleed_box.inset(-lay.print.slug)
    items = printer_marks(w, h, bleed, lay.print)
    assert items
    for item in items:
        for b in _pieces(item):
            assert not b.intersects(bleed_box, tol=-0.3), (item.role, b)  # at least 0.3 mm clear
            assert media.contains(b, tol=0.01), (item.role, b)
            # at least 3 mm from the trim
            assert b.right <= -3 or b.x >= w + 3 or b.bottom <= -3 or b.y >= h + 3, (item.role, b)
    roles = {i.role for i in items}
    assert "crop-marks" in roles
    if layout == "poster":
        assert {"registration", "colour-bar"} <= roles
        for i in items:
            if i.role == "colour-bar":
                assert i.fill.total <= 300


def _pieces(item):
    """Each separate mark of an item: a path's subpaths one by one."""
    from poster_gen.page_model import Path as PathItem

    if not isinstance(item, PathItem):
        return [item.bounds()]
    out, current = [], []
    for op in item.ops:
        if op[0] == "M" and current:
            out.append(PathItem(tuple(current)).bounds())
            current = []
        current.append(op)
    out.append(PathItem(tuple(current)).bounds())
    return out


@pytest.mark.parametrize("size", list(PAPER))
def test_every_size(sizes: Path, size: str):
    path = sizes / "posters" / f"artificial-intelligence-{size}.pdf"  # --size always names the file
    page = boxes_mm(path)[0]
    assert page["TrimBox"] == PAPER[size]
    assert page["BleedBox"] == (PAPER[size][0] + 6, PAPER[size][1] + 6)
    # the QR code decodes at every size and is never smaller than 2 cm
    assert decode_qr(path, dpi=150 if size in ("A3", "A4") else 60) == [PROJECT.campaign.qr_url]


def test_small_sizes_keep_type_and_qr_legible(tmp_path: Path):
    from poster_gen.build.glyphs import prepare_layout_fonts, project_text
    from poster_gen.compose.document import compose_poster
    from poster_gen.page_model import QRCode, TextLine

    fonts = {r: p.metrics for r, p in prepare_layout_fonts(PROJECT, "poster", project_text(PROJECT)).items()}
    spec = PROJECT.layouts["poster"].print
    page = compose_poster(PROJECT, PROJECT.landmarks[0], fonts, scale=210 / 420).pages[0]
    assert min(t.size_pt for t in page.items if isinstance(t, TextLine)) >= spec.min_type
    (qr,) = [i for i in page.items if isinstance(i, QRCode)]
    assert qr.box.w >= spec.min_qr


def test_pdffonts_at_every_size(sizes: Path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed; .ci/run installs it when run as root")
    for p in sizes.rglob("*.pdf"):
        rows = subprocess.run(["pdffonts", str(p)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert rows and all(r.split()[-5:-3] == ["yes", "yes"] for r in rows), (p, rows)


def test_pdfx_identification_and_metadata(built: Path):
    with pikepdf.open(built / "brochure.pdf") as pdf:
        assert pdf.pdf_version == "1.4"
        info = pdf.docinfo
        assert str(info["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
        assert str(info["/GTS_PDFXConformance"]) == "PDF/X-1a:2003"
        assert info["/Trapped"] == pikepdf.Name("/False")
        (oi,) = list(pdf.Root.OutputIntents)
        assert oi.S == pikepdf.Name("/GTS_PDFX") and str(oi.OutputConditionIdentifier) == "FOGRA39"
        meta = pdf.open_metadata()
        assert meta["dc:title"] == str(info["/Title"])
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-1a:2003"
        assert "/ID" in pdf.trailer


def test_ink_measured_by_ghostscript(built: Path):
    """Every page as the press prints it (Ghostscript's plates, overprint simulated, the
    bleed box at 100 dpi): nowhere more than 300 % of C+M+Y+K."""
    if shutil.which("gs") is None and shutil.which("gswin64c") is None:
        pytest.skip("Ghostscript (gs) is not installed; .ci/run installs it when run as root")
    from poster_gen.preflight.plates import peak_ink, separate

    for pdf in [built / "posters" / "integrated-circuits.pdf", built / "posters" / "new-energy-vehicles.pdf",
                built / "brochure.pdf"]:
        pages = separate(pdf, 100)
        assert pages
        for page in pages:
            peak = peak_ink(page)
            x, y = peak.at_mm
            plates = " ".join(f"{name} {value:g}%" for name, value in peak.plates.items())
            assert peak.percent <= 300.5, (f"{pdf.name} page {page.page}: {peak.percent:g}% at {x:g}, {y:g} mm "
                                           f"from the bleed's top-left ({plates})")


def test_low_resolution_photo_is_refused_or_drafted(tmp_path: Path):
    from PIL import Image

    proj = copy_project(tmp_path / "p")
    (proj / "assets" / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (800, 300), (20, 90, 200)).save(proj / "assets" / "images" / "small.jpg")
    lm = proj / "data" / "landmarks" / "artificial-intelligence.yaml"
    lm.write_text(lm.read_text(encoding="utf-8") + "hero_image: assets/images/small.jpg\n", encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "artificial-intelligence")
    assert r.returncode == 2
    assert "assets/images/small.jpg is" in r.stderr and "ppi at its placed size" in r.stderr
    assert "hero_image" in r.stderr
    r = run_cli("build", "--project", str(proj), "--only", "artificial-intelligence", "--draft")
    assert r.returncode == 0, r.stderr
    assert "warning:" in r.stderr and "--draft" in r.stderr


def test_a_good_photo_is_placed_in_cmyk(tmp_path: Path):
    from PIL import Image

    proj = copy_project(tmp_path / "p")
    (proj / "assets" / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (5200, 2200), (20, 90, 200)).save(proj / "assets" / "images" / "big.jpg", quality=80)
    lm = proj / "data" / "landmarks" / "artificial-intelligence.yaml"
    lm.write_text(lm.read_text(encoding="utf-8") + "hero_image: assets/images/big.jpg\n", encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "artificial-intelligence")
    assert r.returncode == 0, r.stderr
    with pikepdf.open(proj / "output" / "posters" / "artificial-intelligence.pdf") as pdf:
        images = [pikepdf.PdfImage(v) for v in pdf.pages[0].get_images().values()]
        assert images and all(str(i.colorspace) == "/DeviceCMYK" for i in images)


def test_layout_with_text_outside_the_safe_zone_is_refused(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    lay = proj / "layouts" / "poster.yaml"
    text = lay.read_text(encoding="utf-8")
    text = text.replace("box: {col: 1, span: 12, top: 30, height: 12}", "box: {left: 2, width: 300, top: 30, height: 12}")
    lay.write_text(text, encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "integrated-circuits")
    assert r.returncode == 2
    line = r.stderr.splitlines()[0]
    assert line.startswith("error: layouts/poster.yaml:") and "region 'header'" in line and "safe zone is 5 mm" in line


def test_a_file_that_fails_preflight_is_not_moved_into_place(tmp_path: Path):
    """A CMYK photo with 400 % shadows passes validation but not the ink check: the build
    stops with exit code 1 and the previous poster stays as it was."""
    from PIL import Image

    proj = copy_project(tmp_path / "p")
    assert run_cli("build", "--project", str(proj), "--only", "artificial-intelligence").returncode == 0
    before = (proj / "output" / "posters" / "artificial-intelligence.pdf").read_bytes()
    (proj / "assets" / "images").mkdir(parents=True, exist_ok=True)
    im = Image.new("CMYK", (5200, 2200), (40, 40, 40, 0))
    im.paste((255, 255, 255, 255), (0, 0, 1000, 2200))
    im.save(proj / "assets" / "images" / "dark.tif")
    lm = proj / "data" / "landmarks" / "artificial-intelligence.yaml"
    lm.write_text(lm.read_text(encoding="utf-8") + "hero_image: assets/images/dark.tif\n", encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "artificial-intelligence")
    assert r.returncode == 1, r.stderr
    assert "failed preflight" in r.stderr and "ink" in r.stderr and "Traceback" not in r.stderr
    assert (proj / "output" / "posters" / "artificial-intelligence.pdf").read_bytes() == before
    assert not list((proj / "output").rglob("*.tmp"))


def test_output_intent_embeds_the_projects_profile(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    (proj / "assets" / "icc").mkdir(parents=True)
    (proj / "assets" / "icc" / "press.icc").write_bytes(cmyk_output_profile())
    lay = proj / "layouts" / "poster.yaml"
    lay.write_text(lay.read_text(encoding="utf-8").replace(
        "    registry: http://www.color.org\n", "    registry: http://www.color.org\n    profile: assets/icc/press.icc\n",
        1), encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "integrated-circuits")
    assert r.returncode == 0, r.stderr
    with pikepdf.open(proj / "output" / "posters" / "integrated-circuits.pdf") as pdf:
        (oi,) = list(pdf.Root.OutputIntents)
        assert int(oi.DestOutputProfile.N) == 4
        assert oi.DestOutputProfile.read_bytes() == cmyk_output_profile()
    # an RGB profile is refused when the project is loaded
    data = bytearray(cmyk_output_profile())
    data[16:20] = b"RGB "
    (proj / "assets" / "icc" / "press.icc").write_bytes(bytes(data))
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2 and "print.output_intent.profile" in r.stderr and "needs CMYK" in r.stderr


def test_printer_marks_are_one_form_per_sheet_size(built: Path):
    """The marks are drawn once as a form XObject that every page of a size shows; the
    pages' own streams never set registration colour (so the preflight can read them
    without following their path points)."""
    with pikepdf.open(built / "brochure.pdf") as pdf:
        forms = set()
        for page in pdf.pages:
            marks = [(name, x) for name, x in page.Resources.XObject.items() if "PrinterMarks" in name]
            assert len(marks) == 1
            forms.add(marks[0][1].objgen)
            ops = pikepdf.parse_content_stream(page, "k K Do")
            assert not [i for i in ops if str(i.operator) in "kK" and all(float(v) >= 0.999 for v in i.operands)]
            assert any(str(i.operator) == "Do" and str(i.operands[0]) == marks[0][0] for i in ops)
        assert len(forms) == 1
        form = pdf.get_object(forms.pop())
        assert b"1 1 1 1 K" in form.read_bytes()


def test_small_near_black_text_prints_as_the_preflight_wants(tmp_path: Path):
    """Every colour the preflight counts as near-black (K >= 80 %, no other ink over 60 %)
    is printed from the K plate alone, overprinting, when set small: rich blacks too."""
    from poster_gen.build.glyphs import prepare_layout_fonts, project_text
    from poster_gen.page_model import CMYK, Document, Page, TextLine
    from poster_gen.preflight import PreflightOptions, preflight_pdf
    from poster_gen.render.pdf import FontFile, render_document

    prepared = prepare_layout_fonts(PROJECT, "poster", project_text(PROJECT))
    files = {role: FontFile(p.ps_name, str(p.ttf_path)) for role, p in prepared.items()}
    inks = [(0, 0, 0, 100), (60, 40, 40, 100), (30, 30, 30, 90), (60, 60, 60, 80), (0, 0, 0, 80)]
    page = Page(100, 100, bleed=3.0, items=[
        TextLine(10, 10 + 8 * i, "Nanjing", "regular", 9.0, CMYK(*ink)) for i, ink in enumerate(inks)])
    path = tmp_path / "black.pdf"
    render_document(Document([page], "black text"), str(path), files)
    (black,) = [r for r in preflight_pdf(path, PreflightOptions(pdfx=False)) if r.check == "black-text"]
    assert black.ok, black.detail
    assert "5 near-black text runs" in black.detail
