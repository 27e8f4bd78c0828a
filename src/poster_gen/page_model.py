"""The composed page: plain data that the renderer draws and tests assert on.

Coordinates are millimetres from the top-left corner of the *trim* box, y grows
downwards (the way a designer measures a page). Anything may extend past the trim
into the bleed (negative coordinates or beyond the page size). Font sizes and
stroke widths are in points. Colours are CMYK percentages, the print values.

Nothing here imports ReportLab: composing a page is pure geometry.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, Union

from .colour import cmyk_to_rgb


@dataclass(frozen=True)
class CMYK:
    """A colour in percent (0-100 per channel): a process mix, or a spot ink.

    ``spot``: the name of a spot ink (a Separation plate, e.g. "PANTONE 7621 C"); C, M, Y
    and K are then its process alternate at this ``density`` (the tint of the spot,
    0-1), which screens, proofs and contrast checks use. ``overprint``: painted without
    knocking out what lies beneath (finishing plates: foil, varnish, die line).

    ``source`` and ``alpha`` say how a colour was made when it is a see-through layer
    flattened onto its ground (a motif at 16 % strength on a band): ``source`` at
    ``alpha`` over what lies beneath. PDF/X-1a prints the flattened values; an output
    that keeps live transparency (PDF/X-4) paints ``source`` at ``alpha``. They do not
    take part in equality: the flattened colour is the same colour either way.
    """

    c: float
    m: float
    y: float
    k: float
    name: str = ""
    spot: str = ""
    density: float = 1.0
    overprint: bool = False
    source: "CMYK | None" = field(default=None, compare=False, repr=False)
    alpha: float = field(default=1.0, compare=False, repr=False)

    @property
    def total(self) -> float:
        """Total area coverage in percent (of the process alternate, for a spot)."""
        return self.c + self.m + self.y + self.k

    def tint(self, factor: float, name: str = "") -> "CMYK":
        """The same ink at ``factor`` (0-1) of its strength: a screen tint (of a spot
        ink: the same plate at a lower density)."""
        f = max(0.0, min(1.0, factor))
        return CMYK(self.c * f, self.m * f, self.y * f, self.k * f, name or f"{self.name} {round(f * 100)}%",
                    self.spot, self.density * f if self.spot else 1.0, self.overprint)

    def mix(self, other: "CMYK", t: float) -> "CMYK":
        """Linear blend towards ``other`` (t=0 self, t=1 other): a process mix."""
        return CMYK(*(a + (b - a) * t for a, b in zip(self.channels, other.channels)))

    def layer(self, source: "CMYK", alpha: float) -> "CMYK":
        """This (flattened) colour, remembered as ``source`` at ``alpha`` over its ground."""
        return replace(self, source=source, alpha=max(0.0, min(1.0, alpha)))

    @property
    def channels(self) -> tuple[float, float, float, float]:
        return (self.c, self.m, self.y, self.k)

    def to_rgb(self) -> tuple[float, float, float]:
        """Approximate sRGB (0-1) of this ink mix on white coated paper (the ink model of
        ``poster_gen.colour``): for contrast checks and RGB output, not for separations."""
        return cmyk_to_rgb(self.c, self.m, self.y, self.k)

    def luminance(self) -> float:
        """WCAG relative luminance of ``to_rgb()``."""
        def lin(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b = self.to_rgb()
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)

    def contrast(self, other: "CMYK") -> float:
        """WCAG 2.x contrast ratio between two colours (1-21)."""
        a, b = sorted((self.luminance(), other.luminance()), reverse=True)
        return (a + 0.05) / (b + 0.05)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inset(self, dx: float, dy: float | None = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def intersects(self, other: "Box", tol: float = 0.0) -> bool:
        return (self.x < other.right - tol and other.x < self.right - tol
                and self.y < other.bottom - tol and other.y < self.bottom - tol)

    def contains(self, other: "Box", tol: float = 0.0) -> bool:
        return (other.x >= self.x - tol and other.y >= self.y - tol
                and other.right <= self.right + tol and other.bottom <= self.bottom + tol)

    def union(self, other: "Box") -> "Box":
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


@dataclass(frozen=True)
class Stroke:
    colour: CMYK
    width_pt: float
    cap: Literal["butt", "round", "square"] = "round"
    join: Literal["miter", "round", "bevel"] = "round"
    dash: tuple[float, ...] = ()  # in mm


# Path operators: ("M", x, y), ("L", x, y), ("C", x1, y1, x2, y2, x3, y3), ("Z",)
PathOp = tuple


@dataclass(frozen=True)
class Path:
    """A vector path. ``fill`` and/or ``stroke``; ``even_odd`` picks the fill rule."""

    ops: tuple[PathOp, ...]
    fill: CMYK | None = None
    stroke: Stroke | None = None
    even_odd: bool = False
    role: str = "motif"  # what it is, for lint and tests: motif, band, rule, qr, ...

    def bounds(self) -> Box:
        """The control-point box (computed once: motif paths have thousands of points)."""
        got = self.__dict__.get("_bounds")
        if got is None:
            xs: list[float] = []
            ys: list[float] = []
            for op in self.ops:
                coords = op[1:]
                xs.extend(coords[0::2])
                ys.extend(coords[1::2])
            got = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)) if xs else Box(0, 0, 0, 0)
            object.__setattr__(self, "_bounds", got)  # a cache, not a field: equality ignores it
        return got


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: CMYK | None = None
    stroke: Stroke | None = None
    radius: float = 0.0
    role: str = "band"

    def bounds(self) -> Box:
        return self.box


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: CMYK | None = None
    stroke: Stroke | None = None
    role: str = "motif"

    def bounds(self) -> Box:
        return Box(self.cx - self.r, self.cy - self.r, 2 * self.r, 2 * self.r)


@dataclass(frozen=True)
class TextLine:
    """One line of text set in one font and size. ``y`` is the baseline."""

    x: float
    y: float
    text: str
    font: str  # a font role: regular, bold, black
    size_pt: float
    colour: CMYK
    align: Literal["left", "center", "right"] = "left"
    width: float = 0.0  # measured advance width in mm
    tracking: float = 0.0  # extra space between characters, in em/1000
    role: str = "text"  # frame id it belongs to, for lint and tests
    ascent: float = 0.0  # mm above the baseline (cap/ideographic top)
    descent: float = 0.0  # mm below the baseline
    level: str = "body"  # display, body or caption: what the lint holds it to
    # Space (mm) added after each character, beyond its advance and the tracking: the
    # compression of adjacent punctuation, justification and a squeezed line end. Empty
    # when there is none; otherwise one value per character of ``text``.
    adjust: tuple[float, ...] = ()
    style: str = ""  # the layout style it is set in (one size per style across a series)
    para: int = 0  # the paragraph it belongs to: lines of one paragraph share the number
    lang: str = ""  # zh or en: which punctuation forms and breaking rules it follows
    measure: float = 0.0  # mm: the width a justified line fills (0: not justified)
    # Small black text prints from the K plate alone and overprints (``print_rules``);
    # True where overprinting would take the ink beneath it past the limit: it knocks out.
    knockout: bool = False

    def bounds(self) -> Box:
        if self.align == "left":
            x0 = self.x
        elif self.align == "center":
            x0 = self.x - self.width / 2
        else:
            x0 = self.x - self.width
        return Box(x0, self.y - self.ascent, self.width, self.ascent + self.descent)


@dataclass(frozen=True)
class QRCode:
    """A QR code drawn as vector modules; ``box`` includes the quiet zone."""

    box: Box
    modules: tuple[tuple[bool, ...], ...]  # the symbol without quiet zone
    quiet: int  # quiet zone in modules on each side
    dark: CMYK
    light: CMYK
    data: str
    role: str = "qr"

    @property
    def module_mm(self) -> float:
        return self.box.w / (len(self.modules) + 2 * self.quiet)

    def bounds(self) -> Box:
        return self.box


@dataclass(frozen=True)
class Image:
    """A raster image (a photo) filling ``box``; ``fit='cover'`` crops it to the box's shape."""

    box: Box
    path: str
    role: str = "image"
    fit: Literal["cover", "stretch"] = "cover"
    focus: tuple[float, float] = (0.5, 0.5)  # the point kept in view when cropped (x, y from the top-left)

    def bounds(self) -> Box:
        return self.box


@dataclass(frozen=True)
class Link:
    """A clickable area (URL) for screen use; invisible in print."""

    box: Box
    url: str
    role: str = "link"

    def bounds(self) -> Box:
        return self.box


Item = Union[Rect, Path, Circle, TextLine, QRCode, Image, Link]


def colours(item: Item) -> list[CMYK]:
    """Every colour an item paints with (its fill, its text, its stroke, a QR code's two)."""
    out = [getattr(item, "fill", None), getattr(item, "colour", None)]
    stroke = getattr(item, "stroke", None)
    if stroke is not None:
        out.append(stroke.colour)
    if isinstance(item, QRCode):
        out += [item.dark, item.light]
    return [c for c in out if c is not None]


@dataclass(frozen=True)
class Bookmark:
    title: str
    level: int = 0


@dataclass
class Page:
    width: float  # trim width, mm
    height: float  # trim height, mm
    bleed: float = 3.0
    items: list[Item] = field(default_factory=list)
    bookmarks: list[Bookmark] = field(default_factory=list)
    label: str = ""  # e.g. "poster:integrated-circuits" or "brochure p.4"
    frames: dict[str, Box] = field(default_factory=dict)  # region id -> box, for lint/tests
    marks: list[Item] = field(default_factory=list)  # printer's marks, in the slug outside the bleed
    lint: list = field(default_factory=list)  # the layout lint's findings (compose.layout_lint.kit.LintIssue)
    capacity: dict = field(default_factory=dict)  # data field ("ambition.en") -> about how many characters fit
    template: str = ""  # the layout template it was composed from

    @property
    def trim(self) -> Box:
        return Box(0, 0, self.width, self.height)

    def add(self, *items: Item) -> None:
        self.items.extend(items)

    def extend(self, items) -> None:
        self.items.extend(items)


@dataclass
class Document:
    pages: list[Page]
    title: str
    subject: str = ""
    keywords: tuple[str, ...] = ()
    author: str = ""
    lang: str = "zh-CN"
    kind: str = "poster"  # poster | brochure
    slug: str = ""
    slug_mm: float = 0.0  # room for printer's marks outside the bleed (0: no marks)
