"""Total ink as the press prints it, overprint included.

An object painted with overprint on adds its ink to what lies beneath: in DeviceCMYK with
overprint mode 1 its components that are 0 leave their plates as they are; a Separation or
DeviceN colour leaves the process plates it does not name. So black text (K100, overprint,
OPM 1) on C50 M100 Y100 prints 350 %, although each object alone is within the limit.

Two measures, one interface (``paint``):

``PageBound`` (every page, on the lean walk): what an overprinting paint would give over
the darkest ink painted on the page before it, wherever that lies. It costs next to
nothing, and when it stays within the limit nothing beneath the paint can pass it.

``PageInk`` (a page where the bound passes the limit, walked again with geometry): the
regions painted so far, each a box in page space (per subpath of a path, per show
operator of text, the placed rectangle of an image, the clip of a shading) with the
process ink there. A paint that leaves some plates is combined with the worst region
beneath it; a later opaque rectangle (a knocked-out ``re`` fill or an image) hides what
it covers. Boxes over-estimate shapes, so paths are kept per subpath and text per show
operator; regions sit in a coarse grid, so a line of text is compared with what is near it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..units import PT_PER_MM
from .colourspace import ColourSpace, PlatePaint
from .geometry import Rect, inside, overlaps
from .rasters import image_ink, image_maxima

Plates = tuple[float, float, float, float]
GRID = 24  # cells along each side of the page
MAX_COLOURS = 512  # distinct colours a bound pairs an overprint with, one by one


def plates_text(plates: tuple[float | None, ...], every: bool = False) -> str:
    """"C50 M100 Y100 K0" (``every``), or only the plates a paint paints: "K100"."""
    return " ".join(f"{ch}{round(v * 100):g}" for ch, v in zip("CMYK", plates)
                    if v is not None and (every or v > 0)) or "no process ink"


class Raster:
    """The ink of an image lying beneath, measured only when something overprints it
    (once per image and set of plates: the image may be placed many times)."""

    __slots__ = ("image", "inline", "space", "name", "_cache", "_maxima")

    def __init__(self, image: object, inline: bool, space: ColourSpace, name: str) -> None:
        self.image, self.inline, self.space, self.name = image, inline, space, name
        self._cache: dict[tuple[int, ...], tuple[float, bool]] = {}
        self._maxima: Plates | None = None

    def ink_on(self, plates: tuple[int, ...], limit: float) -> float:
        """The largest per-pixel sum of ``plates`` in percent: exact above ``limit``, else
        possibly an upper bound; 0 when the image cannot be measured."""
        if self.space.family == "DeviceGray":  # K only, at most 100 % (not decoded)
            return 100.0 if 3 in plates else 0.0
        known = self._cache.get(plates)
        if known is not None and (known[1] or known[0] <= limit):
            return known[0]
        try:
            value = image_ink(self.image, self.inline, self.space, limit, plates) or 0.0
        except Exception:  # undecodable: the ink check says "not measured" for it already
            value = 0.0
        self._cache[plates] = (value, value > limit)
        return value

    def maxima(self) -> Plates:
        """Each plate's largest value (0..1): what an overprint on the image keeps of it."""
        if self._maxima is None:
            if self.space.family == "DeviceGray":
                self._maxima = (0.0, 0.0, 0.0, 1.0)
            else:
                try:
                    found = image_maxima(self.image, self.inline, self.space)
                except Exception:  # undecodable: the ink check says "not measured" for it already
                    found = None
                self._maxima = tuple(found) if found and len(found) == 4 else (0.0, 0.0, 0.0, 0.0)  # type: ignore
        return self._maxima


class Region:
    """One paint's area: its box (``parts``: the boxes of its subpaths, when it has more
    than one), the process ink there (``plates``, or ``raster`` for an image), and whether
    it hides everything beneath its box (``cover``)."""

    __slots__ = ("box", "parts", "plates", "raster", "cover")

    def __init__(self, boxes: list[Rect], plates: Plates, raster: Raster | None, cover: bool) -> None:
        self.box = boxes[0] if len(boxes) == 1 else (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                                     max(b[2] for b in boxes), max(b[3] for b in boxes))
        self.parts = boxes if len(boxes) > 1 else None
        self.plates, self.raster, self.cover = plates, raster, cover

    def under(self, box: Rect) -> Rect | None:
        """The part of this region that ``box`` overlaps (None: none)."""
        if not overlaps(self.box, box):
            return None
        if self.parts is None:
            return self.box
        return next((part for part in self.parts if overlaps(part, box)), None)

    def ink_on(self, plates: tuple[int, ...], limit: float) -> float:
        if self.raster is not None:
            return self.raster.ink_on(plates, limit)
        return 100.0 * sum(self.plates[i] for i in plates)

    def keeps(self) -> Plates:
        return self.raster.maxima() if self.raster is not None else self.plates

    def label(self) -> str:
        return f"image {self.raster.name}" if self.raster is not None else plates_text(self.plates, every=True)


@dataclass(frozen=True)
class Combined:
    """A paint combined with what lies beneath it: the total process ink in percent and
    what lies beneath; ``at_mm`` where (mm from the TrimBox's top-left, y down), None for
    a bound (the darkest ink painted before it on the page, wherever that lies)."""

    total: float
    beneath: str
    at_mm: tuple[float, float] | None = None

    def where(self, page: int) -> str:
        if self.at_mm is None:
            return f"page {page}"
        return f"page {page} at {self.at_mm[0]:.1f}, {self.at_mm[1]:.1f} mm"


def _split(plates: PlatePaint) -> tuple[tuple[int, ...], float]:
    """(the plates a paint leaves, the ink it paints in percent)."""
    return tuple(i for i, v in enumerate(plates) if v is None), 100.0 * sum(v for v in plates if v is not None)


class PageBound:
    """Everything painted so far on a page, without where: the bound (module docstring)."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.colours: list[Plates] = []
        self._seen: set[Plates] = set()
        self.rasters: list[Raster] = []
        self._most: dict[tuple[int, ...], tuple[float, str, int, int]] = {}
        self._paired: dict[PlatePaint, int] = {}
        self._known: dict[PlatePaint, tuple[tuple[int, int], Combined | None]] = {}

    def _add(self, plates: Plates) -> None:
        if plates not in self._seen and any(plates):
            self._seen.add(plates)
            self.colours.append(plates)

    def most(self, left: tuple[int, ...], limit: float) -> tuple[float, str]:
        """The most ink on the ``left`` plates of anything painted so far, and its label."""
        value, label, colours, rasters = self._most.get(left, (0.0, "", 0, 0))
        for plates in self.colours[colours:]:
            ink = 100.0 * sum(plates[i] for i in left)
            if ink > value:
                value, label = ink, plates_text(plates, every=True)
        for raster in self.rasters[rasters:]:
            ink = raster.ink_on(left, limit)
            if ink > value:
                value, label = ink, f"image {raster.name}"
        self._most[left] = (value, label, len(self.colours), len(self.rasters))
        return value, label

    def paint(self, boxes: list[Rect], plates: PlatePaint, cover: bool = False, raster: Raster | None = None,
              record: bool = True) -> Combined | None:
        if raster is not None or None not in plates:  # knocking out (an image always does): nothing combines
            if record:
                if raster is not None:
                    if all(r is not raster for r in self.rasters):  # an image placed again
                        self.rasters.append(raster)
                else:
                    self._add(plates)  # type: ignore[arg-type]
            return None
        state = (len(self.colours), len(self.rasters))
        known = self._known.get(plates) if record else None
        if known is not None and known[0] == state:
            return known[1]  # the same paint over nothing new (a page of text in one colour)
        left, painted = _split(plates)
        if len(left) == 4:
            return None
        combined = None
        if left:
            under, label = self.most(left, self.limit - painted)
            if under > 0:
                combined = Combined(painted + under, f"at most {label}")
        if not record:
            return combined
        if self.rasters or len(self.colours) > MAX_COLOURS:  # too varied to pair with: each plate at its most
            most = [max([c[i] for c in self.colours] + [r.maxima()[i] for r in self.rasters]) for i in range(4)]
            self._add(tuple(most[i] if v is None else v for i, v in enumerate(plates)))  # type: ignore[misc]
        else:  # the paint over each colour it may lie on (each pair once)
            done = self._paired.get(plates, 0)
            self._paired[plates] = len(self.colours)
            for under in self.colours[done:len(self.colours)]:
                self._add(tuple(under[i] if v is None else v for i, v in enumerate(plates)))  # type: ignore[misc]
        self._known[plates] = ((len(self.colours), len(self.rasters)), combined)
        return combined


class PageInk:
    """The regions painted so far on one page, with where (module docstring)."""

    def __init__(self, media: Rect | None, trim: Rect | None, limit: float) -> None:
        self.limit = limit
        box = media or trim or (0.0, 0.0, 612.0, 792.0)
        self.origin = (box[0], box[1])
        self.cell = (max(1.0, (box[2] - box[0]) / GRID), max(1.0, (box[3] - box[1]) / GRID))
        self.trim = trim or box
        self.regions: list[Region] = []
        self.grid: dict[tuple[int, int], list[int]] = {}

    def _cells(self, box: Rect) -> list[tuple[int, int]]:
        (ox, oy), (cw, ch) = self.origin, self.cell
        i0 = min(GRID - 1, max(0, int((box[0] - ox) // cw)))
        i1 = min(GRID - 1, max(0, int((box[2] - ox) // cw)))
        j0 = min(GRID - 1, max(0, int((box[1] - oy) // ch)))
        j1 = min(GRID - 1, max(0, int((box[3] - oy) // ch)))
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]

    def _add(self, region: Region) -> None:
        index = len(self.regions)
        self.regions.append(region)
        grid = self.grid
        for cell in self._cells(region.box):
            grid.setdefault(cell, []).append(index)

    def _worst(self, box: Rect, left: tuple[int, ...], painted: float) -> tuple[float, Region, Rect] | None:
        """The region beneath ``box`` whose ink on the ``left`` plates is the most, and the
        part of it ``box`` lies on (from the top down, stopping at an opaque rectangle that
        covers the whole box)."""
        found: set[int] = set()
        for cell in self._cells(box):
            found.update(self.grid.get(cell, ()))
        best: tuple[float, Region, Rect] | None = None
        for index in sorted(found, reverse=True):
            region = self.regions[index]
            part = region.under(box)
            if part is None:
                continue
            under = region.ink_on(left, self.limit - painted)
            if under > 0 and (best is None or under > best[0]):
                best = (under, region, part)
            if region.cover and inside(box, region.box):
                break
        return best

    def _at(self, box: Rect, other: Rect) -> tuple[float, float]:
        x0, y1 = max(box[0], other[0]), min(box[3], other[3])
        return (round((x0 - self.trim[0]) / PT_PER_MM, 1), round((self.trim[3] - y1) / PT_PER_MM, 1))

    def paint(self, boxes: list[Rect], plates: PlatePaint, cover: bool = False, raster: Raster | None = None,
              record: bool = True) -> Combined | None:
        """Paint ``plates`` (None: the plate beneath stays) over ``boxes``; the worst
        combination with what lies beneath when the paint leaves some plates and paints
        others (None otherwise). ``record`` False: only ask what overprinting would give."""
        left, painted = _split(plates)
        if len(left) == 4 or not boxes:
            return None  # paints no process plate (a spot overprinting): the plates stay as they are
        worst: Combined | None = None
        values: Plates = tuple(v or 0.0 for v in plates)  # type: ignore[assignment]
        if left:
            beneath: Region | None = None
            for box in boxes:
                found = self._worst(box, left, painted)
                if found is not None and (worst is None or painted + found[0] > worst.total):
                    under, beneath, part = found
                    worst = Combined(painted + under, beneath.label(), self._at(box, part))
            if beneath is not None:  # what the paint leaves of the worst beneath it stays there
                kept = beneath.keeps()
                values = tuple(kept[i] if v is None else v for i, v in enumerate(plates))  # type: ignore[assignment]
        if record and (cover or raster is not None or any(values)):
            self._add(Region(boxes, values, raster, cover and not left and len(boxes) == 1))
        return worst


def clipped(boxes: list[Rect], clip: Rect | None) -> list[Rect]:
    """``boxes`` cut to the clipping path's box, those left outside dropped."""
    if clip is None:
        return boxes
    out = []
    for b in boxes:
        x0, y0, x1, y1 = max(b[0], clip[0]), max(b[1], clip[1]), min(b[2], clip[2]), min(b[3], clip[3])
        if x1 > x0 and y1 > y0:
            out.append((x0, y0, x1, y1))
    return out
