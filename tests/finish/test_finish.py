"""The finish stage on its own: printer's marks as geometry outside the bleed, sheet
sizes, PDF/X-1a parts and the brochure's imposition, on hand-made documents."""
from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from poster_gen.finish.impose import booklet_order, impose
from poster_gen.finish.marks import add_marks, printer_marks
from poster_gen.finish.pdfx import DocInfo, finish_pdfx
from poster_gen.pdfx_standards import STANDARDS

PDFX = STANDARDS["x1a"].name
from poster_gen.finish.sizes import PAPER, scale_for
from poster_gen.load.layout_models import OutputIntentSpec, PrintSpec
from poster_gen.page_model import CMYK, Box, Document, Page, Path as Line, Rect
from poster_gen.render.pdf import render_document

ROOT = Path(__file__).resolve().parents[2]


def _doc(pages: int = 1) -> Document:
    out = []
    for n in range(pages):
        page = Page(148.0, 210.0, bleed=3.0)
        page.add(Rect(Box(-3, -3, 154, 216), fill=CMYK(0, 0, 0, 10 + 10 * n), role="ground"))
        out.append(page)
    return Document(out, "finish test", kind="brochure" if pages > 1 else "poster")


def _points(items) -> list[tuple[float, float]]:
    return [(op[1], op[2]) for item in items if isinstance(item, Line) for op in item.ops if op[0] in "ML"]


def test_every_mark_lies_outside_the_bleed():
    spec = PrintSpec(registration=True, colour_bar=True)
    items = printer_marks(148.0, 210.0, 3.0, spec)
    assert {i.role for i in items} >= {"crop-marks"}
    for x, y in _points(items):
        outside = x <= -3.0 or x >= 151.0 or y <= -3.0 or y >= 213.0
        assert outside, (x, y)
    for item in (i for i in items if not isinstance(i, Line)):  # circles and the colour bar
        box = item.bounds()
        assert not box.intersects(Box(-3.0 + 0.01, -3.0 + 0.01, 154 - 0.02, 216 - 0.02)), (item.role, box)


def test_marks_on_and_off():
    doc = _doc()
    add_marks(doc, PrintSpec(), marks=True)
    assert doc.slug_mm == PrintSpec().slug and doc.pages[0].marks
    add_marks(doc, PrintSpec(), marks=False)
    assert doc.slug_mm == 0.0 and not doc.pages[0].marks


def test_sizes_are_one_shape():
    assert scale_for("A1", *PAPER["A2"]) == pytest.approx(2 ** 0.5, rel=1e-3)
    assert scale_for("A2", *PAPER["A2"]) == 1.0
    with pytest.raises(ValueError):
        scale_for("A2", 500.0, 500.0)


def test_pdfx_parts_are_written():
    doc = _doc()
    add_marks(doc, PrintSpec(), marks=True)
    info = DocInfo("Finish test", "poster-gen", "a test", ("a", "b"), "en")
    buf = io.BytesIO()
    render_document(doc, buf, {}, finish=lambda c: finish_pdfx(c, info, OutputIntentSpec(), ROOT))
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == PDFX
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "pdfxid:GTS_PDFXVersion" in xmp and "Finish test" in xmp
        assert pdf.pdf_version == "1.4"


def test_booklet_order_pairs_every_page_once():
    sides = booklet_order(8)
    assert [(s.left, s.right) for s in sides] == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert sorted(p for s in sides for p in (s.left, s.right)) == list(range(1, 9))
    with pytest.raises(ValueError):
        booklet_order(6)


def test_impose_writes_printer_spreads(tmp_path: Path):
    src = tmp_path / "booklet.pdf"
    render_document(_doc(pages=8), str(src), {})
    out = io.BytesIO()
    n = impose(src, out, "SRA3")
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        assert len(pdf.pages) == n == 4
        media = [float(v) for v in pdf.pages[0].MediaBox]
    assert media[2] > media[3]  # landscape sheets, two pages side by side
