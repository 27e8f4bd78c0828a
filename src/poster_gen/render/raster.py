"""PNG previews of built PDFs (rendered by PDFium) and a labelled contact sheet.

Previews show the trim: the bleed and any slug are cropped away, so a preview looks
like the printed, trimmed sheet.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from PIL import Image, ImageDraw, ImageFont


@dataclass
class Rendered:
    label: str
    pages: list[Image.Image]


def rasterise(pdf: Path | bytes, *, dpi: float | None = None, width: int | None = None,
              pages: Sequence[int] | None = None, trim: bool = True) -> list[Image.Image]:
    """The one rasteriser: pages of a PDF (a file or its bytes) as RGB images, rendered
    by PDFium at ``dpi`` or ``width`` pixels across the trim, cropped to the TrimBox
    (``trim``). ``pages`` picks pages by index (default: all). Previews, the studio's
    thumbnails and the social images all come from here."""
    from .pdfium_lock import pdfium as open_pdfium

    if (dpi is None) == (width is None):
        raise ValueError("rasterise takes either dpi or width")
    with open_pdfium() as pdfium:
        doc = pdfium.PdfDocument(str(pdf) if isinstance(pdf, Path) else pdf)
        try:
            out = []
            for index in (range(len(doc)) if pages is None else pages):
                page = doc[index]
                box = _trim_box(page) if trim else None
                if box is not None and _whole(box, page):
                    box = None  # nothing to trim: no crop, so no rounding at the edges
                if dpi is not None:
                    scale = dpi / 72.0
                else:
                    across = (box[2] - box[0]) if box is not None else page.get_width()
                    scale = width / across
                img = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
                if box is not None:
                    left, bottom, right, top = box
                    h = img.height
                    img = img.crop((round(left * scale), round(h - top * scale),
                                    round(right * scale), round(h - bottom * scale)))
                out.append(img)
                page.close()
            return out
        finally:
            doc.close()


def save_pages(pages: Sequence[Image.Image], stem: Path) -> None:
    """Page previews as ``<stem>-p1.png``, ``<stem>-p2.png``, ..."""
    for n, img in enumerate(pages, 1):
        img.save(stem.parent / f"{stem.name}-p{n}.png", optimize=False)


def _whole(box: tuple[float, float, float, float], page) -> bool:
    w, h = page.get_width(), page.get_height()
    return all(abs(a - b) < 0.01 for a, b in zip(box, (0.0, 0.0, w, h)))


def _trim_box(page) -> tuple[float, float, float, float] | None:
    try:
        box = page.get_trimbox()
        media = page.get_mediabox()
    except Exception:  # pragma: no cover - older pypdfium2
        return None
    mx, my = media[0], media[1]
    return (box[0] - mx, box[1] - my, box[2] - mx, box[3] - my)


def _font(size: int, font_path: str | None):
    if font_path:
        try:
            return ImageFont.truetype(font_path, size)
        except OSError:
            pass
    return ImageFont.load_default()


def contact_sheet(posters: list[Rendered], brochure: Rendered | None, *, font_path: str | None = None,
                  width: int = 2400, title: str = "") -> Image.Image:
    """All posters on the first row, the brochure's spreads in rows below, each labelled."""
    pad = width // 60
    label_h = width // 70
    font = _font(max(12, label_h - 4), font_path)
    head_font = _font(max(16, width // 45), font_path)
    rows: list[tuple[list[tuple[Image.Image, str]], int]] = []
    if posters:
        n = len(posters)
        pw = (width - pad * (n + 1)) // n
        cells = []
        for r in posters:
            img = r.pages[0]
            cells.append((img.resize((pw, round(img.height * pw / img.width)), Image.LANCZOS), r.label))
        rows.append((cells, pw))
    if brochure is not None and brochure.pages:
        pages = brochure.pages
        spreads: list[list[tuple[Image.Image, int]]] = [[(pages[0], 1)]]
        i = 1
        while i < len(pages) - 1:
            spreads.append([(pages[i], i + 1), (pages[i + 1], i + 2)])
            i += 2
        if i < len(pages):
            spreads.append([(pages[i], i + 1)])
        per_row = 4
        sw = (width - pad * (per_row + 1)) // per_row
        for start in range(0, len(spreads), per_row):
            cells = []
            for spread in spreads[start:start + per_row]:
                pw = sw // 2
                h = round(spread[0][0].height * pw / spread[0][0].width)
                canvas = Image.new("RGB", (sw, h), "white")
                for k, (img, num) in enumerate(spread):
                    x = pw if (len(spread) == 1 and num == 1) or k == 1 else 0
                    canvas.paste(img.resize((pw, h), Image.LANCZOS), (x, 0))
                nums = "–".join(str(n) for _, n in spread)
                cells.append((canvas, f"{brochure.label} p. {nums}"))
            rows.append((cells, sw))
    head = (head_font.size + pad) if title else 0
    height = pad + head + sum(max(c[0].height for c in cells) + label_h + pad for cells, _ in rows)
    sheet = Image.new("RGB", (width, height), (236, 236, 236))
    draw = ImageDraw.Draw(sheet)
    y = pad
    if title:
        draw.text((pad, y), title, fill=(40, 40, 40), font=head_font)
        y += head
    for cells, cw in rows:
        x = pad
        for img, label in cells:
            sheet.paste(img, (x, y))
            draw.text((x, y + img.height + 4), _fit(label, font, img.width), fill=(40, 40, 40), font=font)
            x += cw + pad
        y += max(c[0].height for c in cells) + label_h + pad
    return sheet


def _fit(label: str, font, width: int) -> str:
    """Shorten a label with an ellipsis so it never runs into the next cell."""
    if not hasattr(font, "getlength") or font.getlength(label) <= width:
        return label
    while label and font.getlength(label + "…") > width:
        label = label[:-1]
    return label.rstrip() + "…"


def series_row(posters: list[Rendered], cell: int = 160, gap: int = 16) -> Image.Image:
    """The posters side by side, each ``cell`` pixels wide: an A2 poster 160 px wide on a
    screen is about what it is at 3 m (a 1:20 view), where a name must read and the five
    must tell apart."""
    imgs = [r.pages[0].resize((cell, round(r.pages[0].height * cell / r.pages[0].width)), Image.LANCZOS)
            for r in posters]
    h = max(i.height for i in imgs)
    row = Image.new("RGB", (len(imgs) * (cell + gap) + gap, h + 2 * gap), (236, 236, 236))
    for k, img in enumerate(imgs):
        row.paste(img, (gap + k * (cell + gap), gap))
    return row
