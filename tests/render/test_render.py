"""The render stage on its own: a hand-made composed document (plain page-model data,
no project, no layout) drawn by ReportLab, opened by pikepdf, and rasterised by the
one rasteriser (PDFium)."""
from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from poster_gen.page_model import CMYK, Box, Circle, Document, Page, Rect, Stroke
from poster_gen.render.pdf import render_document
from poster_gen.render.raster import rasterise
from poster_gen.units import PT_PER_MM

CYAN = CMYK(100, 0, 0, 0)
MAGENTA = CMYK(0, 100, 0, 0)


def _doc(pages: int = 1, slug: float = 0.0) -> Document:
    out = []
    for _ in range(pages):
        page = Page(100.0, 60.0, bleed=3.0)
        page.add(Rect(Box(-3, -3, 106, 66), fill=CYAN, role="ground"))  # runs into the bleed
        page.add(Circle(50, 30, 10, fill=MAGENTA, stroke=Stroke(CMYK(0, 0, 0, 100), 0.5), role="dot"))
        out.append(page)
    return Document(out, "a test", slug_mm=slug)


def _pdf(doc: Document) -> bytes:
    buf = io.BytesIO()
    render_document(doc, buf, {})
    return buf.getvalue()


@pytest.mark.parametrize("slug", [0.0, 10.0])
def test_the_boxes_follow_the_page_model(slug: float):
    with pikepdf.open(io.BytesIO(_pdf(_doc(slug=slug)))) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
    off = (3.0 + slug) * PT_PER_MM
    assert media[2] == pytest.approx((100 + 2 * (3 + slug)) * PT_PER_MM, abs=0.01)
    assert trim == pytest.approx([off, off, media[2] - off, media[3] - off], abs=0.01)
    assert bleed == pytest.approx([slug * PT_PER_MM, slug * PT_PER_MM, media[2] - slug * PT_PER_MM,
                                   media[3] - slug * PT_PER_MM], abs=0.01)


def test_print_colour_stays_cmyk():
    data = _pdf(_doc())
    with pikepdf.open(io.BytesIO(data)) as pdf:
        ops = {op for _, op in pikepdf.parse_content_stream(pdf.pages[0])}
    assert pikepdf.Operator("k") in ops  # CMYK fills
    assert not {pikepdf.Operator("rg"), pikepdf.Operator("RG")} & ops  # no RGB in print


def test_the_rasteriser_trims_and_scales():
    data = _pdf(_doc(pages=2, slug=10.0))
    trimmed = rasterise(data, dpi=72)
    assert len(trimmed) == 2
    assert abs(trimmed[0].width - 100 * PT_PER_MM) <= 1 and abs(trimmed[0].height - 60 * PT_PER_MM) <= 1
    whole = rasterise(data, dpi=72, trim=False, pages=[1])
    assert len(whole) == 1 and abs(whole[0].width - 126 * PT_PER_MM) <= 1  # the media box, bleed and slug
    (wide,) = rasterise(data, width=500, pages=[0])
    assert wide.width == 500  # pixels across the trim
    r, g, b = wide.getpixel((wide.width // 2, wide.height // 2))  # the magenta dot
    assert r > 180 and g < 100
    r, g, b = wide.getpixel((5, 5))  # the cyan ground, right at the trim
    assert r < 100 and b > 180
    with pytest.raises(ValueError):
        rasterise(data, dpi=72, width=100)


def test_the_rasteriser_reads_a_file(tmp_path: Path):
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf(_doc()))
    (img,) = rasterise(path, dpi=36)
    assert img.mode == "RGB" and img.width == round(100 / 25.4 * 36)


def test_a_photo_is_cropped_around_its_focal_point(tmp_path: Path):
    from PIL import Image as Picture

    from poster_gen.render.images import cmyk_jpeg

    photo = Picture.new("RGB", (400, 100), (220, 30, 30))  # red on the left, blue on the right
    photo.paste((30, 30, 220), (200, 0, 400, 100))
    path = tmp_path / "wide.png"
    photo.save(path)

    def colour(focus):
        data = cmyk_jpeg(str(path), 20.0, 20.0, "cover", "RGB", 72, focus)  # a square frame
        with Picture.open(io.BytesIO(data)) as im:
            return im.convert("RGB").getpixel((im.width // 2, im.height // 2))

    assert colour((0.0, 0.5))[0] > 150  # the left edge kept: red
    assert colour((1.0, 0.5))[2] > 150  # the right edge kept: blue
    centred = cmyk_jpeg(str(path), 20.0, 20.0, "cover", "RGB", 72)
    assert cmyk_jpeg(str(path), 20.0, 20.0, "cover", "RGB", 72, (0.5, 0.5)) == centred
