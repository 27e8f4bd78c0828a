"""The state the content-stream walker keeps, and the visitor interface it reports to.

Split from ``walker`` so checks can type against ``StreamState``/``Visitor`` without the
interpreter itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pikepdf

from .colourspace import GRAY, ColourSpace
from .geometry import IDENTITY, Matrix, Rect


@dataclass(frozen=True)
class Where:
    """Where an operator sits: the 1-based page and the chain of forms/patterns."""

    page: int
    trail: tuple[str, ...] = ()

    def inside(self, step: str) -> "Where":
        return Where(self.page, self.trail + (step,))

    def __str__(self) -> str:
        return ", ".join((f"page {self.page}", *self.trail))


class GraphicsState:
    """The parts of the PDF graphics state that preflight reads (saved by q, restored by Q)."""

    __slots__ = ("ctm", "fill_cs", "fill", "stroke_cs", "stroke", "fill_overprint",
                 "stroke_overprint", "opm", "line_width", "font", "font_name", "font_size",
                 "leading", "rise", "hscale", "render_mode", "char_spacing", "word_spacing", "clip")

    def __init__(self, ctm: Matrix = IDENTITY) -> None:
        self.ctm = ctm
        self.fill_cs: ColourSpace = GRAY
        self.fill: tuple[float, ...] = (0.0,)
        self.stroke_cs: ColourSpace = GRAY
        self.stroke: tuple[float, ...] = (0.0,)
        self.fill_overprint = False
        self.stroke_overprint = False
        self.opm = 0
        self.line_width = 1.0
        self.font: Any = None
        self.font_name = ""
        self.font_size = 0.0
        self.leading = 0.0
        self.rise = 0.0
        self.hscale = 100.0
        self.render_mode = 0
        self.char_spacing = 0.0
        self.word_spacing = 0.0
        self.clip: Rect | None = None  # bounding box of the clipping path, page space (None: the page)

    def copy(self) -> "GraphicsState":
        new = GraphicsState.__new__(GraphicsState)
        for name in GraphicsState.__slots__:
            setattr(new, name, getattr(self, name))
        return new


class StreamState:
    """One content stream being interpreted: its resources, state stack and text matrices."""

    __slots__ = ("where", "resources", "gs", "saved", "tm", "tlm", "base", "path", "stack", "clipping", "tile")

    def __init__(self, where: Where, resources: Any, gs: GraphicsState, stack: tuple,
                 tile: bool = False) -> None:
        self.where = where
        self.resources = resources
        self.gs = gs
        self.saved: list[GraphicsState] = []
        self.tm: Matrix = IDENTITY
        self.tlm: Matrix = IDENTITY
        self.base = gs.ctm            # the CTM at the start of the stream (pattern space)
        self.path: list[list[tuple[float, float]]] | None | bool = None  # subpaths; False: untracked
        self.stack = stack            # object ids of the forms/patterns being walked (cycle guard)
        self.clipping = False         # W or W* seen: the path being built clips when painted
        self.tile = tile              # inside a tiling pattern's cell (pattern space, not the page)

    def resource(self, category: str, key: Any) -> Any:
        """A named resource; ``key`` is the operand itself (a Name), so names that are
        not valid UTF-8 are still found."""
        table = self.resources.get(category) if self.resources is not None else None
        return table.get(key) if isinstance(table, pikepdf.Dictionary) else None


class Visitor:
    """What the walker reports. Every method is optional (the default does nothing)."""

    def colour(self, ctx: StreamState, op: str, operands: list, stroke: bool) -> None:
        """A colour or colour space was set (g G k K rg RG cs CS sc scn SC SCN); state updated."""

    def text(self, ctx: StreamState, op: str, size: float, box: Rect | None) -> None:
        """Text shown (Tj TJ ' "), ``size`` being the effective size in points on the page;
        ``box`` its extent in page space when the walk measures geometry (else None)."""

    def image(self, ctx: StreamState, name: str, image: Any, inline: bool) -> None:
        """An image painted at ``ctx.gs.ctm``: an XObject stream, or (inline) a PdfInlineImage."""

    def form(self, ctx: StreamState, name: str, form: Any) -> None:
        """A form XObject (or appearance stream) about to be walked."""

    def extgstate(self, ctx: StreamState, name: str, egs: Any) -> None:
        """An ExtGState applied by ``gs`` (or carried by a shading pattern)."""

    def shading(self, ctx: StreamState, name: str, shading: Any, sh: bool) -> None:
        """A shading painted by ``sh`` (``sh`` True: over the current clip) or through a
        shading pattern (reported where the pattern is selected as a colour)."""

    def wants_path(self, gs: GraphicsState) -> bool:
        """Whether the bounding box of the path starting now is wanted by ``paint``."""
        return False

    def paths_needed(self, gs: GraphicsState, instructions: list) -> bool:
        """Whether a stream entered in ``gs`` whose instructions (path construction left
        out) are ``instructions`` may paint a path ``wants_path`` wants. When not, the
        walker skips its path points. The default is to follow every path."""
        return True

    def paint(self, ctx: StreamState, op: str, boxes: list[Rect] | None, exact: bool) -> None:
        """A path painted (every painting operator but ``n``): the bounding box of each
        subpath, in page space, stroke width included (crop marks are often one path of
        eight subpaths); None when the path was not tracked (the lean walk). ``exact``:
        the path is one upright rectangle, which its box is exactly."""

    def problem(self, ctx: StreamState, message: str) -> None:
        """A content stream (or one operator) that could not be interpreted."""
