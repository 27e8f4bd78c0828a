"""One source, every channel: language editions, screen PDFs, social images, imposition."""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, copy_project, run_cli
from pdfcheck import boxes_mm, decode_qr, fonts, page_texts
from poster_gen.finish.impose import booklet_order
from poster_gen.load.project import load_project

PROJECT = load_project(ROOT)
LM = PROJECT.landmark("integrated-circuits")


@pytest.fixture(scope="module")
def channels(tmp_path_factory) -> Path:
    """Every format and edition of the repository's project, in one output folder."""
    out = tmp_path_factory.mktemp("channels")
    for args in (["--format", "all"], ["--lang", "zh"], ["--lang", "en"]):
        r = run_cli("build", "--project", str(ROOT), "--out", str(out), *args)
        assert r.returncode == 0, r.stderr
    return out


def flat(path: Path) -> str:
    return " ".join(" ".join(t.split()) for t in page_texts(path))


def test_one_language_editions(channels: Path):
    zh = flat(channels / "posters" / "integrated-circuits.zh.pdf")
    en = flat(channels / "posters" / "integrated-circuits.en.pdf")
    assert LM.name.zh in zh and LM.ambition.zh in zh.replace(" ", "")
    assert LM.name.en.upper() not in zh.upper() and LM.ambition.en not in zh
    assert LM.name.en in en and LM.ambition.en in en
    assert LM.name.zh not in en and LM.ambition.zh not in en.replace(" ", "")
    # the English edition prints the English figures ("30–50 billion yuan", not "300–500 亿元")
    assert "30–50" in en and "300–500" not in en
    for ed in ("zh", "en"):
        assert len(boxes_mm(channels / f"brochure.{ed}.pdf")) % 4 == 0
        with pikepdf.open(channels / f"brochure.{ed}.pdf") as pdf:
            assert str(pdf.Root.Lang) == ("zh-CN" if ed == "zh" else "en")


def test_a_missing_translation_is_an_error_in_that_edition_only(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    lm = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    lm.write_text(lm.read_text(encoding="utf-8").replace(
        "  en: Building Nanjing into a benchmark city of the IC industry\n", ""), encoding="utf-8")
    r = run_cli("build", "--project", str(proj), "--only", "integrated-circuits", "--lang", "zh")
    assert r.returncode == 0, r.stderr
    for lang in ("en", "zh-en"):
        r = run_cli("build", "--project", str(proj), "--only", "integrated-circuits", "--lang", lang)
        assert r.returncode == 2
        assert f"integrated-circuits.yaml:9:1: ambition.en: no English text; the {lang} edition prints it" in r.stderr


def test_screen_pdfs_are_rgb_small_linked_and_without_bleed(channels: Path):
    from poster_gen.preflight import preflight_pdf

    for path in [*sorted((channels / "screen" / "posters").glob("*.pdf")), channels / "screen" / "brochure.pdf"]:
        assert path.stat().st_size < 2_000_000
        page = boxes_mm(path)[0]
        assert page["MediaBox"] == page["TrimBox"]  # no bleed, no marks
        assert all(f["embedded"] for f in fonts(path))
        colour = next(r for r in preflight_pdf(path) if r.check == "colour")
        assert not colour.ok and "RGB" in colour.detail  # RGB, as a screen wants
        with pikepdf.open(path) as pdf:
            uris = [str(a.A.URI) for p in pdf.pages for a in p.obj.get("/Annots", []) if "/A" in a]
        assert PROJECT.campaign.qr_url in uris


@pytest.mark.parametrize("shape, size", [("portrait", (1080, 1350)), ("story", (1080, 1920))])
def test_social_images(channels: Path, shape: str, size: tuple[int, int]):
    import zxingcpp
    from PIL import Image, ImageCms

    for lm in PROJECT.landmarks:
        path = channels / "social" / f"{lm.slug}-{shape}.png"
        with Image.open(path) as im:
            assert im.size == size and im.mode == "RGB"
            icc = im.info.get("icc_profile")
            assert icc and "sRGB" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(__import__("io").BytesIO(icc)))
            found = [r.text for r in zxingcpp.read_barcodes(im.convert("L"))]
        assert found == [lm.qr_url or PROJECT.campaign.qr_url], path.name


@pytest.mark.parametrize("n, expected", [
    (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
    (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
    (16, [(16, 1), (2, 15), (14, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)]),
])
def test_booklet_order(n: int, expected):
    assert [(s.left, s.right) for s in booklet_order(n)] == expected
    with pytest.raises(ValueError):
        booklet_order(n + 2)


def test_impose_places_the_brochure_in_booklet_order(channels: Path):
    import pypdfium2 as pdfium

    r = run_cli("impose", "--project", str(ROOT), "--out", str(channels))
    assert r.returncode == 0, r.stderr
    path = channels / "brochure-imposed.pdf"
    pages = len(boxes_mm(channels / "brochure.pdf"))
    sides = boxes_mm(path)
    assert len(sides) == pages // 2
    assert sides[0]["MediaBox"] == (450.0, 320.0) and sides[0]["TrimBox"] == (420.0, 297.0)
    # each half of each side shows the right page: read the folio ("04") in each half
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i, side in enumerate(booklet_order(pages)):
            page = pdf[i]
            w, h = page.get_size()
            tp = page.get_textpage()
            left, right = tp.get_text_bounded(0, 0, w / 2, h), tp.get_text_bounded(w / 2, 0, w, h)
            for text, number in ((left, side.left), (right, side.right)):
                if 1 < number < pages:  # covers have no folio
                    assert f"{number:02d}" in text, (i, number)
    finally:
        pdf.close()
    r = run_cli("impose", "--project", str(ROOT), "--out", str(channels), "--sheet", "A3", "--creep", "0.8")
    assert r.returncode == 0, r.stderr
    assert boxes_mm(path)[0]["MediaBox"] == (420.0, 297.0)


def test_bleed_option_leaves_social_images_alone(channels: Path, tmp_path: Path):
    """--bleed is a print setting: a social image has no bleed to grow."""
    r = run_cli("build", "--project", str(ROOT), "--out", str(tmp_path), "--format", "social",
                "--only", "integrated-circuits", "--bleed", "8")
    assert r.returncode == 0, r.stderr
    for shape in ("portrait", "story"):
        name = f"social/integrated-circuits-{shape}.png"
        assert (tmp_path / name).read_bytes() == (channels / name).read_bytes(), name
