"""Where a show operator puts its glyphs: the extent of one run of text on the page.

The overprint check needs to know what a line of text lies on, so the walker (on pages
where something overprints) measures each show operator: the advance of its glyphs from
the font's widths (``/Widths`` of a simple font, ``/W`` of a Type0 font's descendant:
ReportLab writes simple TrueType subsets, other tools CID fonts), with character and word
spacing, horizontal scaling and TJ adjustments (PDF 2.0, 9.4.4), and the height from the
font descriptor's ascent and descent (one em when it has none). The glyph outlines are
never read: the box is the run's advance by its ascent-to-descent height, which is what a
designer calls the line's extent.
"""
from __future__ import annotations

from array import array
from decimal import Decimal
from typing import Any

import pikepdf

from .geometry import Rect, mul, transform_rect
from .model import text
from .state import GraphicsState

#: ascent and descent (in em) when the font descriptor gives none: one em in all
FALLBACK_ASCENT, FALLBACK_DESCENT = 0.8, -0.2
#: the width (in em) of every glyph of a simple font without /Widths (the standard 14)
STANDARD_WIDTH = 0.6
ONE_BYTE = frozenset({"Type1", "TrueType", "MMType1", "Type3"})
_NUMBER = (int, float, Decimal)


class FontMetrics:
    """What a show operator needs of a font: code length, widths (in em) and height."""

    __slots__ = ("two_byte", "table", "cid_widths", "default", "ascent", "descent")

    def __init__(self) -> None:
        self.two_byte = False
        self.table: list[float] = [0.0] * 256     # one-byte codes
        self.cid_widths: dict[int, float] = {}    # two-byte codes (Identity CMaps: code = CID)
        self.default = 1.0                         # a two-byte code without a /W entry
        self.ascent, self.descent = FALLBACK_ASCENT, FALLBACK_DESCENT

    def width(self, data: bytes) -> tuple[float, int, int]:
        """(sum of the glyph widths in em, number of codes, number of single-byte spaces)."""
        if not self.two_byte:
            return sum(map(self.table.__getitem__, data)), len(data), data.count(32)
        if len(data) % 2:
            data = data + b"\0"
        codes = array("H", data)
        if codes.itemsize != 2:  # pragma: no cover - every platform Python runs on has 2-byte "H"
            return self.default * (len(data) // 2), len(data) // 2, 0
        codes.byteswap()  # PDF strings are big-endian
        get, default = self.cid_widths.get, self.default
        return sum(get(c, default) for c in codes), len(codes), 0


def _float(v: Any, default: float = 0.0) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def _height(m: FontMetrics, descriptor: Any, scale: float) -> None:
    if not isinstance(descriptor, pikepdf.Dictionary):
        return
    ascent = _float(descriptor.get("/Ascent", 0)) * scale
    descent = _float(descriptor.get("/Descent", 0)) * scale
    if ascent > 0 and ascent > descent:
        m.ascent, m.descent = ascent, min(descent, 0.0)


def _simple(m: FontMetrics, font: Any, subtype: str) -> None:
    scale = 0.001
    if subtype == "Type3":  # widths in glyph space, mapped by the FontMatrix
        matrix = font.get("/FontMatrix")
        scale = _float(matrix[0], 0.001) if isinstance(matrix, pikepdf.Array) and len(matrix) == 6 else 0.001
    descriptor = font.get("/FontDescriptor")
    widths = font.get("/Widths")
    if not isinstance(widths, pikepdf.Array):
        m.table = [STANDARD_WIDTH] * 256
    else:
        missing = _float(descriptor.get("/MissingWidth", 0)) * scale if isinstance(
            descriptor, pikepdf.Dictionary) else 0.0
        table = [missing] * 256
        first = int(_float(font.get("/FirstChar", 0)))
        for i, w in enumerate(widths):
            code = first + i
            if 0 <= code < 256:
                table[code] = _float(w) * scale
        m.table = table
    if subtype != "Type3":
        _height(m, descriptor, 0.001)


def _type0(m: FontMetrics, font: Any) -> None:
    m.two_byte = True
    descendants = font.get("/DescendantFonts")
    cid = descendants[0] if isinstance(descendants, pikepdf.Array) and len(descendants) else None
    if not isinstance(cid, pikepdf.Dictionary):
        return
    m.default = _float(cid.get("/DW", 1000), 1000.0) / 1000
    encoding = text(font.get("/Encoding", ""))
    if encoding.startswith("/Identity"):  # code = CID: the /W array applies
        w = cid.get("/W")
        items = list(w) if isinstance(w, pikepdf.Array) else []
        i = 0
        while i + 1 < len(items):
            first = int(_float(items[i]))
            if isinstance(items[i + 1], pikepdf.Array):
                for j, width in enumerate(items[i + 1]):
                    m.cid_widths[first + j] = _float(width) / 1000
                i += 2
            elif i + 2 < len(items):
                last, width = int(_float(items[i + 1])), _float(items[i + 2]) / 1000
                for code in range(first, min(last, first + 65535) + 1):
                    m.cid_widths[code] = width
                i += 3
            else:
                break
    _height(m, cid.get("/FontDescriptor"), 0.001)


def font_metrics(font: Any, cache: dict[Any, FontMetrics]) -> FontMetrics:
    """The metrics of a font dictionary, read once per font (a malformed font gives
    the fallback: 1-byte codes, every glyph 0.6 em, one em tall)."""
    key = font.objgen if isinstance(font, pikepdf.Object) and font.is_indirect else id(font)
    found = cache.get(key)
    if found is not None:
        return found
    m = FontMetrics()
    try:
        subtype = text(font.get("/Subtype", "")).lstrip("/") if isinstance(font, pikepdf.Dictionary) else ""
        if subtype == "Type0":
            _type0(m, font)
        elif subtype in ONE_BYTE:
            _simple(m, font, subtype)
        else:
            m.table = [STANDARD_WIDTH] * 256
    except Exception:  # a font too damaged to measure: the fallback metrics
        m = FontMetrics()
        m.table = [STANDARD_WIDTH] * 256
    cache[key] = m
    return m


def show_box(gs: GraphicsState, tm: Any, operands: list, op: str,
             cache: dict[Any, FontMetrics]) -> tuple[Rect | None, float]:
    """The page-space box of one show operator's glyphs and the advance (in text space)
    that moves the text matrix past them; (None, 0) when no font is selected or the
    operands are malformed (the walk reports those where it judges them)."""
    if gs.font is None:
        return None, 0.0
    try:
        return _show_box(gs, tm, operands, op, font_metrics(gs.font, cache))
    except (TypeError, ValueError, IndexError, ArithmeticError):
        return None, 0.0


def _show_box(gs: GraphicsState, tm: Any, operands: list, op: str, m: FontMetrics) -> tuple[Rect, float]:
    size, th = gs.font_size, gs.hscale / 100.0
    tc, tw = gs.char_spacing, gs.word_spacing
    items = operands[0] if op == "TJ" and operands and isinstance(operands[0], pikepdf.Array) else operands[-1:]
    x = lo = hi = 0.0
    for item in items:
        if isinstance(item, _NUMBER):
            x -= float(item) / 1000 * size * th
        else:
            try:
                data = bytes(item)
            except (TypeError, ValueError):
                continue
            widths, codes, spaces = m.width(data)
            x += (widths * size + codes * tc + spaces * tw) * th
        lo, hi = min(lo, x), max(hi, x)
    rise = gs.rise
    box = transform_rect(mul(tm, gs.ctm), (lo, rise + m.descent * size, hi, rise + m.ascent * size))
    return box, x
