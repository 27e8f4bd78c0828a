"""Draw composed pages with ReportLab. Drawing only: every position, size and colour
was decided by the compose stage; this module converts millimetres (top-left origin,
y down) into PDF points (bottom-left origin, y up) and emits operators.

All colour goes through DeviceCMYK and the canvas enforces it, so a stray RGB colour
is an error, not a silent conversion.
"""
from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Callable, Mapping

from reportlab import rl_config

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.colors import CMYKColor, CMYKColorSep, toColor
from reportlab.pdfgen.canvas import Canvas

from ..page_model import CMYK, Circle, Document, Image, Link, Page, Path, QRCode, Rect, Stroke, TextLine, colours
from ..units import PT_PER_MM
from ..compose.overprint import overprints

rl_config.useA85 = 0  # binary streams: ASCII85 only makes files 25% bigger and slower to write
# Flate level for page, form and font streams: level 1 takes a third of the time of
# zlib's default (6) for files about 10 % bigger (the brochure: 13 ms instead of 38 ms,
# 347 KB instead of 317 KB), which no printer or e-mail notices.
ZLIB_LEVEL = 1


def _flate(self, text: str | bytes) -> bytes:
    return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, ZLIB_LEVEL)


pdfdoc.PDFStreamFilterZCompress.encode = _flate  # type: ignore[method-assign]
SOLID_BLACK = CMYK(0, 0, 0, 100, "Black")
_CAPS = {"butt": 0, "round": 1, "square": 2}
# (fill, stroke, even-odd) -> the painting operator
_PAINT = {(1, 0, False): "f", (1, 0, True): "f*", (0, 1, False): "S", (0, 1, True): "S",
          (1, 1, False): "B", (1, 1, True): "B*", (0, 0, False): "n", (0, 0, True): "n"}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


@dataclass(frozen=True)
class FontFile:
    ps_name: str
    path: str


def font_files(prepared: Mapping) -> dict[str, FontFile]:
    """role -> FontFile of a layout's prepared fonts (``fonts.prepare``)."""
    return {role: FontFile(p.ps_name, str(p.ttf_path)) for role, p in prepared.items()}


def register_fonts(fonts: Mapping[str, FontFile]) -> dict[str, str]:
    """Register each role's TrueType file once per process; returns role -> PostScript name."""
    names = {}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for role, f in fonts.items():
        if f.ps_name not in registered:
            pdfmetrics.registerFont(TTFont(f.ps_name, f.path))
            registered.add(f.ps_name)
        names[role] = f.ps_name
    return names


@dataclass(frozen=True)
class Frame:
    """Where the trim box sits on the sheet: ``offset`` mm from the media box's edges."""

    offset: float  # bleed + slug, mm
    media_w: float  # mm
    media_h: float  # mm

    def x(self, x_mm: float) -> float:
        return (self.offset + x_mm) * PT_PER_MM

    def y(self, y_mm: float) -> float:
        return (self.media_h - self.offset - y_mm) * PT_PER_MM


class PageRenderer:
    def __init__(self, canvas: Canvas, fonts: Mapping[str, str], colour: str = "cmyk", live: bool = False):
        self.c = canvas
        self.fonts = fonts
        self.rgb = colour == "rgb"  # screens: RGB converted from the CMYK values, live links
        self.live = live and not self.rgb  # see-through layers painted with their opacity (PDF/X-4)
        self.forms: dict[tuple, str] = {}  # printer's marks drawn once per sheet size
        self.layers: list = []  # bounds of the see-through layers drawn on the current page
        self.now_live = False  # the item being drawn is a live see-through layer
        self.drawers = {TextLine: self.text, Path: self.path, Rect: self.rect, Circle: self.circle,
                        QRCode: self.qr, Link: self.link, Image: self.image}

    # colour -----------------------------------------------------------------
    def _paint_of(self, col: CMYK, live: bool) -> tuple[CMYK, float]:
        """What is painted for ``col`` and at which opacity: a see-through layer's own
        colour at its alpha where it stays live, else the flattened colour."""
        if live and col.source is not None and col.alpha < 1.0:
            return col.source, col.alpha
        return col, 1.0

    def _colour(self, col: CMYK, stroke: bool) -> None:
        c = self.c
        if self.rgb:
            (c.setStrokeColorRGB if stroke else c.setFillColorRGB)(*col.to_rgb())
            return
        col, alpha = self._paint_of(col, self.now_live)
        if col.spot:  # a Separation plate of that name, its process alternate for proofs
            d = col.density if col.density > 0 else 1.0
            sep = CMYKColorSep(*(min(1.0, v / 100 / d) for v in col.channels), spotName=col.spot,
                               density=col.density)
            (c.setStrokeColor if stroke else c.setFillColor)(sep)
        else:
            (c.setStrokeColorCMYK if stroke else c.setFillColorCMYK)(col.c / 100, col.m / 100, col.y / 100,
                                                                     col.k / 100)
        if alpha < 1.0:  # drawn inside q/Q (``item``), so the opacity ends with the item
            (c.setStrokeAlpha if stroke else c.setFillAlpha)(alpha)
        if col.overprint:  # finishing plates: never knock out what lies beneath
            (c.setStrokeOverprint if stroke else c.setFillOverprint)(True)
            c.setOverprintMask(1)

    def _own_state(self, item, live: bool) -> bool:
        """Whether drawing ``item`` changes the graphics state beyond its colours
        (opacity, overprint), so it is drawn inside q/Q."""
        if self.rgb:
            return False
        for col in colours(item):
            paint, alpha = self._paint_of(col, live)
            if alpha < 1.0 or paint.overprint:
                return True
        return False

    def _fill(self, col: CMYK) -> None:
        self._colour(col, stroke=False)

    def _stroke(self, st: Stroke) -> None:
        self._colour(st.colour, stroke=True)
        self.c.setLineWidth(st.width_pt)
        self.c.setLineCap(_CAPS[st.cap])
        self.c.setLineJoin(_JOINS[st.join])
        self.c.setDash([d * PT_PER_MM for d in st.dash] if st.dash else [])

    def _paint(self, fill: CMYK | None, stroke: Stroke | None) -> tuple[int, int]:
        if fill is not None:
            self._fill(fill)
        if stroke is not None:
            self._stroke(stroke)
        return (1 if fill is not None else 0, 1 if stroke is not None else 0)

    # items ------------------------------------------------------------------
    def draw(self, page: Page, fr: Frame) -> None:
        self.layers = []  # bounds of the see-through layers drawn so far on this page
        for item in page.items:
            self.item(item, fr)
        if page.marks:
            self.marks(page.marks, fr)

    def _see_through(self, item) -> bool:
        """Whether ``item`` is painted as a live see-through layer: a motif's stroke or
        fill (its colour remembers the layer it was flattened from) that overlaps no layer
        drawn before it. Over the page beneath, it composites to exactly the flattened
        colour (a layer at 16 % over its ground); a layer over another layer is painted
        flattened and opaque, as PDF/X-1a prints it, so layers never build up — in every
        viewer and RIP, without relying on knockout groups, which some viewers ignore."""
        if not self.live or not any(c.source is not None for c in colours(item)):
            return False
        box = item.bounds()
        clear = not any(box.intersects(other) for other in self.layers)
        self.layers.append(box)
        return clear

    def marks(self, marks: list, fr: Frame) -> None:
        """Printer's marks as one form XObject per sheet size, drawn by each page: the
        page's own stream then never paints in registration colour, so the preflight
        can read it without following every path point."""
        key = (fr, tuple(marks))
        name = self.forms.get(key)
        if name is None:
            name = f"PrinterMarks{len(self.forms) + 1}"
            self.c.beginForm(name, 0, 0, fr.media_w * PT_PER_MM, fr.media_h * PT_PER_MM)
            for item in marks:
                self.item(item, fr)
            self.c.endForm()
            if any(c.spot for item in marks for c in colours(item)):  # registration on every plate (/All)
                form = self.c._doc.idToObject[pdfdoc.xObjectName(name)]
                form.Resources = _form_resources(form)
            self.forms[key] = name
        self.c.saveState()
        self.c.doForm(name)
        self.c.restoreState()

    def item(self, item, fr: Frame) -> None:
        drawer = self.drawers.get(type(item))
        if drawer is None:  # pragma: no cover - a new item type without a drawer is a programming error
            raise TypeError(f"no drawer for {type(item).__name__}")
        self.now_live = self._see_through(item)
        if self._own_state(item, self.now_live):
            self.c.saveState()
            drawer(item, fr)
            self.c.restoreState()
        else:
            drawer(item, fr)
        self.now_live = False

    def path(self, p: Path, fr: Frame) -> None:
        """Operators written straight into the page: motif paths have thousands of
        points, and ReportLab's path object formats each number separately."""
        fill, stroke = self._paint(p.fill, p.stroke)
        k, ox, oy = PT_PER_MM, fr.offset * PT_PER_MM, (fr.media_h - fr.offset) * PT_PER_MM
        out = ["n"]
        add = out.append
        for op in p.ops:
            o = op[0]
            if o == "C":
                add(f"{ox + op[1] * k:.2f} {oy - op[2] * k:.2f} {ox + op[3] * k:.2f} {oy - op[4] * k:.2f} "
                    f"{ox + op[5] * k:.2f} {oy - op[6] * k:.2f} c")
            elif o == "L":
                add(f"{ox + op[1] * k:.2f} {oy - op[2] * k:.2f} l")
            elif o == "M":
                add(f"{ox + op[1] * k:.2f} {oy - op[2] * k:.2f} m")
            elif o == "Z":
                add("h")
        add(_PAINT[(fill, stroke, p.even_odd)])
        self.c._code.append(" ".join(out))

    def rect(self, r: Rect, fr: Frame) -> None:
        fill, stroke = self._paint(r.fill, r.stroke)
        b = r.box
        x, y = fr.x(b.x), fr.y(b.bottom)
        w, h = b.w * PT_PER_MM, b.h * PT_PER_MM
        if r.radius > 0:
            self.c.roundRect(x, y, w, h, r.radius * PT_PER_MM, stroke=stroke, fill=fill)
        else:
            self.c.rect(x, y, w, h, stroke=stroke, fill=fill)

    def circle(self, ci: Circle, fr: Frame) -> None:
        fill, stroke = self._paint(ci.fill, ci.stroke)
        self.c.circle(fr.x(ci.cx), fr.y(ci.cy), ci.r * PT_PER_MM, stroke=stroke, fill=fill)

    def text(self, t: TextLine, fr: Frame) -> None:
        black = not self.rgb and overprints(t)
        small_black = black and not t.knockout
        if black:  # one plate and overprint: no misregistered fringes, no white halo
            self._fill(SOLID_BLACK)  # (knocking out where overprint would pass the ink limit)
        else:
            self._fill(t.colour)
        if small_black:
            self.c.setFillOverprint(True)
            self.c.setOverprintMask(1)
        x = t.x
        if t.align == "center":
            x -= t.width / 2
        elif t.align == "right":
            x -= t.width
        char_space = t.tracking / 1000.0 * t.size_pt
        self.c.setFont(self.fonts[t.font], t.size_pt)
        if t.adjust:
            self._positioned(t, fr.x(x), fr.y(t.y), char_space)
        else:
            self.c.drawString(fr.x(x), fr.y(t.y), t.text, charSpace=char_space)
        if small_black:
            self.c.setFillOverprint(False)

    def _positioned(self, t: TextLine, x: float, y: float, char_space: float) -> None:
        """A line whose characters carry their own spacing (compressed punctuation,
        justification): one text object with TJ arrays, so the text stays one string
        for search, copy and screen readers."""
        c = self.c
        font = pdfmetrics.getFont(self.fonts[t.font])
        size = t.size_pt
        out = [f"BT {x:.3f} {y:.3f} Td"]
        if char_space:
            out.append(f"{char_space:.4f} Tc")
        pos = 0
        for subset, chunk in font.splitString(t.text, c._doc):
            out.append(f"{font.getSubsetInternalName(subset, c._doc)} {size:.3f} Tf")
            parts = []
            run = bytearray()
            for k, code in enumerate(chunk):
                run.append(code)
                extra = t.adjust[pos + k] * PT_PER_MM
                if abs(extra) > 1e-4:  # TJ numbers move the next glyph left, in 1/1000 of the size
                    parts.append(f"({c._escape(bytes(run))}) {-extra / size * 1000:.2f}")
                    run = bytearray()
            if run:
                parts.append(f"({c._escape(bytes(run))})")
            out.append(f"[{' '.join(parts)}] TJ")
            pos += len(chunk)
        if char_space:
            out.append("0 Tc")
        out.append("ET")
        c._code.append(" ".join(out))

    def qr(self, q: QRCode, fr: Frame) -> None:
        """Light square with the quiet zone, then the dark modules as one path of runs."""
        b = q.box
        self._fill(q.light)
        self.c.rect(fr.x(b.x), fr.y(b.bottom), b.w * PT_PER_MM, b.h * PT_PER_MM, stroke=0, fill=1)
        m = q.module_mm
        k, ox, oy = PT_PER_MM, fr.offset * PT_PER_MM, (fr.media_h - fr.offset) * PT_PER_MM
        x0 = ox + (b.x + q.quiet * m) * k
        y0 = oy - (b.y + q.quiet * m) * k
        mk = m * k
        out = []
        for r, row in enumerate(q.modules):  # each run of dark modules in a row is one rectangle
            c, n = 0, len(row)
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    out.append(f"{x0 + start * mk:.3f} {y0 - (r + 1) * mk:.3f} {(c - start) * mk:.3f} {mk:.3f} re")
                else:
                    c += 1
        self._fill(q.dark)
        self.c._code.append("n " + " ".join(out) + " f")

    def link(self, ln: Link, fr: Frame) -> None:
        if not self.rgb:
            return  # print (PDF/X) allows no annotations on the page
        b = ln.box
        self.c.linkURL(ln.url, (fr.x(b.x), fr.y(b.bottom), fr.x(b.right), fr.y(b.y)), relative=0,
                       thickness=0)

    def image(self, im: Image, fr: Frame) -> None:
        from reportlab.lib.utils import ImageReader

        from .images import cmyk_jpeg

        b = im.box
        data = cmyk_jpeg(im.path, b.w, b.h, im.fit, "RGB" if self.rgb else "CMYK", 150 if self.rgb else 300,
                         im.focus)
        self.c.drawImage(ImageReader(io.BytesIO(data)), fr.x(b.x), fr.y(b.bottom), b.w * PT_PER_MM,
                         b.h * PT_PER_MM)


def _process_or_spot(colour):
    """The print canvas's colour rule: DeviceCMYK or a Separation, nothing else (a stray
    RGB colour is an error, not a silent conversion). ReportLab's own "sep_cmyk" rule
    reads C=M=Y=K=100 (registration) as a grey and turns it into plain black."""
    tc = toColor(colour)
    if isinstance(tc, CMYKColor):
        return tc
    raise ValueError(f"{colour!r} is not a CMYK or spot colour (print output is CMYK only)")


def _form_resources(form):
    """A form's resources with the colour spaces it paints in (ReportLab gives forms fonts
    and XObjects only: a Separation set in a form would name a space nobody defines)."""
    res = pdfdoc.PDFResourceDictionary()
    res.basicFonts()
    res.allProcs()
    if form.XObjects:
        res.XObject = form.XObjects
    if getattr(form, "ExtGState", None):
        res.ExtGState = form.ExtGState
    res.setColorSpace(getattr(form, "_colorsUsed", {}))
    return res


def render_document(doc: Document, out: str | BinaryIO, fonts: Mapping[str, FontFile],
                    colour: str = "cmyk", finish: Callable[[Canvas], None] | None = None,
                    live: bool = False) -> None:
    """Write ``doc`` as a PDF to ``out`` (a path or a binary file object).

    ``doc.slug_mm`` is room outside the bleed for the pages' printer's marks; ``colour``
    is "cmyk" for print (enforced: a stray RGB colour is an error) or "rgb" for screens.
    ``finish`` (the finish stage: document metadata) gets the canvas once every page is
    drawn, before it is saved. ``live``: see-through layers keep live transparency
    (PDF/X-4); otherwise they print flattened (PDF/X-1a).
    """
    slug = doc.slug_mm
    used = {item.font for page in doc.pages for item in page.items if isinstance(item, TextLine)} | {"regular"}
    names = register_fonts({role: f for role, f in fonts.items() if role in used})  # a font that draws nothing
    first = doc.pages[0]
    # the initial font is one of ours: ReportLab would otherwise reference unembedded Helvetica
    c = Canvas(out, pagesize=_media_pt(first, slug), invariant=1,
               enforceColorSpace=_process_or_spot if colour == "cmyk" else colour,
               lang=doc.lang, pageCompression=1, initialFontName=names.get("regular"))
    c.setTitle(doc.title)
    c.setAuthor(doc.author)
    c.setSubject(doc.subject)
    c.setKeywords(", ".join(doc.keywords))
    c.setCreator("poster-gen")
    pr = PageRenderer(c, names, colour, live)
    outline: list[tuple[str, str, int]] = []
    for n, page in enumerate(doc.pages):
        media = _media_pt(page, slug)
        c.setPageSize(media)
        off = page.bleed + slug
        fr = Frame(off, page.width + 2 * off, page.height + 2 * off)
        t = off * PT_PER_MM
        b = slug * PT_PER_MM
        c.setTrimBox((t, t, media[0] - t, media[1] - t))
        c.setBleedBox((b, b, media[0] - b, media[1] - b))
        c.setCropBox((0, 0, media[0], media[1]))
        pr.draw(page, fr)
        for i, bm in enumerate(page.bookmarks):
            key = f"p{n}-{i}"
            c.bookmarkPage(key, fit="Fit")
            outline.append((bm.title, key, bm.level))
        c.showPage()
    for title, key, level in outline:
        c.addOutlineEntry(title, key, level=level, closed=False)
    if outline:
        c.showOutline()
    if finish is not None:
        finish(c)
    c.save()


def _media_pt(page: Page, slug: float) -> tuple[float, float]:
    off = page.bleed + slug
    return ((page.width + 2 * off) * PT_PER_MM, (page.height + 2 * off) * PT_PER_MM)
