"""Helpers that read PDFs with independent tools (pikepdf, PDFium, zxing-cpp)."""
from __future__ import annotations

from pathlib import Path

PT_PER_MM = 72 / 25.4


def boxes_mm(path: Path) -> list[dict[str, tuple[float, float]]]:
    """Per page: MediaBox, TrimBox and BleedBox sizes in mm."""
    import pikepdf

    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            sizes = {}
            for name in ("/MediaBox", "/TrimBox", "/BleedBox"):
                box = page.obj.get(name)
                if box is not None:
                    x0, y0, x1, y1 = (float(v) for v in box)
                    sizes[name[1:]] = (round((x1 - x0) / PT_PER_MM, 1), round((y1 - y0) / PT_PER_MM, 1))
            out.append(sizes)
    return out


def page_texts(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for page in pdf:
            tp = page.get_textpage()
            texts.append(tp.get_text_range())
            tp.close()
            page.close()
        return texts
    finally:
        pdf.close()


def fonts(path: Path) -> list[dict]:
    """Every font resource of every page (descendants of Type0 fonts included)."""
    import pikepdf

    found = []
    with pikepdf.open(path) as pdf:
        seen = set()
        for page in pdf.pages:
            res = page.obj.get("/Resources", {})
            for _, font in (res.get("/Font") or {}).items():
                for f in [font, *list(font.get("/DescendantFonts", []))]:
                    key = f.objgen
                    if key in seen:
                        continue
                    seen.add(key)
                    desc = f.get("/FontDescriptor")
                    embedded = desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    found.append({"name": str(f.get("/BaseFont")), "subtype": str(f.get("/Subtype")),
                                  "embedded": embedded or str(f.get("/Subtype")) == "/Type0"})
    return found


def decode_qr(path: Path, page: int = 0, dpi: float = 150) -> list[str]:
    """QR codes found on one page, rendered by PDFium, decoded by zxing-cpp."""
    import pypdfium2 as pdfium
    import zxingcpp

    pdf = pdfium.PdfDocument(str(path))
    try:
        img = pdf[page].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        pdf.close()
    return [r.text for r in zxingcpp.read_barcodes(img) if r.format == zxingcpp.BarcodeFormat.QRCode]


def cmyk_output_profile() -> bytes:
    """A minimal ICC header for a CMYK output ('prtr') profile: enough to show the
    profile the project provides is embedded as the destination profile."""
    import struct

    header = bytearray(128)
    struct.pack_into(">I", header, 0, 132)          # size: header + empty tag table
    header[4:8] = b"test"
    header[8:12] = bytes([4, 0x20, 0, 0])           # version 4.2
    header[12:16] = b"prtr"                          # output device class
    header[16:20] = b"CMYK"                          # data colour space
    header[20:24] = b"Lab "                          # profile connection space
    header[36:40] = b"acsp"
    return bytes(header) + struct.pack(">I", 0)
