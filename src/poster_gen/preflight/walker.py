"""A content-stream interpreter that tracks just enough graphics state for preflight.

It follows the PDF imaging model for what a print check needs: the CTM stack
(q/Q/cm, form /Matrix, pattern /Matrix, annotation appearance mapping), fill and
stroke colour space and colour, overprint from ExtGStates, the text state
(Tf/Tm/Td/TD/T*/TL/Tz/Ts/Tr), and path bounding boxes on demand. It descends into
form XObjects (with their own resources), tiling patterns and annotation
appearances, and reports what it meets to a ``Visitor``. It draws nothing and never
decodes glyphs. In its lean form (most pages) it neither follows path points nor
advances text: the checks need the text's size and colour, not its place. Where the
overprint check needs to know what lies beneath what (``geometry``), it measures every
subpath, each show operator's extent (``textbox``) and the clipping path's box.

Every check that reads content shares one walk: ``collect.Collector`` is the visitor.
"""
from __future__ import annotations

from functools import partial
from typing import Any, Callable

import pikepdf

from .colourspace import CMYK, GRAY, RGB, ColourSpace, ColourSpaces
from .geometry import (IDENTITY, Rect, as_matrix, as_rect, fit_matrix, intersect, mul, transform_rect,
                       upright_rectangle, x_scale, y_scale)
from .model import text
from .state import StreamState, GraphicsState, Visitor, Where
from .textbox import FontMetrics, show_box

MAX_DEPTH = 24
PAINT_OPS = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"})
STROKE_PAINT = frozenset({"S", "s", "B", "B*", "b", "b*"})
PATH_CONTINUATIONS = frozenset({"l", "c", "v", "y", "h"})
PATH_CONSTRUCTION = frozenset({"m", "re"}) | PATH_CONTINUATIONS
FILL_PAINT = frozenset({"f", "F", "f*", "B", "B*", "b", "b*"})


def _floats(operands: list) -> tuple[float, ...]:
    return tuple(map(float, operands))


class ContentWalker:
    """Walks pages and annotation appearances, reporting to one visitor."""

    def __init__(self, visitor: Visitor, spaces: ColourSpaces | None = None) -> None:
        self.visitor = visitor
        self.spaces = spaces or ColourSpaces()
        self.geometry = False  # measure every path and text run (set per page by the caller)
        self._fonts: dict[Any, FontMetrics] = {}
        self._parsed: dict[tuple[tuple[int, int], bool], list] = {}
        self._patterns_done: set[tuple] = set()
        self._ops: dict[str, Callable[[StreamState, list], None]] = {
            "q": self._q, "Q": self._Q, "cm": self._cm, "gs": self._gs, "w": self._w,
            "g": partial(self._device, op="g", space=GRAY, stroke=False),
            "G": partial(self._device, op="G", space=GRAY, stroke=True),
            "k": partial(self._device, op="k", space=CMYK, stroke=False),
            "K": partial(self._device, op="K", space=CMYK, stroke=True),
            "rg": partial(self._device, op="rg", space=RGB, stroke=False),
            "RG": partial(self._device, op="RG", space=RGB, stroke=True),
            "cs": partial(self._space, op="cs", stroke=False), "CS": partial(self._space, op="CS", stroke=True),
            "sc": partial(self._values, stroke=False), "scn": partial(self._values, stroke=False),
            "SC": partial(self._values, stroke=True), "SCN": partial(self._values, stroke=True), "BT": self._BT, "Tf": self._Tf, "Tm": self._Tm, "Td": self._Td,
            "TD": self._TD, "T*": self._Tstar, "TL": self._TL, "Ts": self._Ts, "Tz": self._Tz,
            "Tr": self._Tr, "Tc": self._Tc, "Tw": self._Tw, "W": self._W, "W*": self._W,
            "Tj": self._show, "TJ": self._show, "'": self._quote,
            '"': self._dquote, "Do": self._Do, "sh": self._sh, "INLINE IMAGE": self._inline,
            "m": partial(self._point, start=True), "l": self._point, "c": self._points, "v": self._points,
            "y": self._points, "re": self._re,
        }
        for op in PAINT_OPS:
            self._ops[op] = partial(self._paint, op=op)
        # what a stream that paints no wanted path is parsed for: no path points (most of a
        # motif-heavy page's operators), but the painting operators (what paints in a spot
        # plate, and whether it overprints); "BI ID EI" keeps inline images
        lean = [op for op in self._ops if op not in PATH_CONSTRUCTION and op != "INLINE IMAGE"]
        self._lean_ops = " ".join(lean + ["BI", "ID", "EI"])

    # -- entry points -------------------------------------------------------------

    def walk_page(self, page_no: int, page: pikepdf.Page, resources: Any) -> None:
        ctx = StreamState(Where(page_no), resources, GraphicsState(), ())
        ops = self._parse(page, ctx, cache=False)
        if ops is not None:
            self._run(ops, ctx)

    def walk_appearance(self, page_no: int, label: str, stream: Any, rect: Rect,
                        resources: Any) -> None:
        """An annotation's appearance stream, mapped onto its /Rect (PDF 12.5.5)."""
        fit = fit_matrix(as_matrix(stream.get("/Matrix")), as_rect(stream.get("/BBox")) or rect, rect)
        ctx = StreamState(Where(page_no), resources, GraphicsState(fit), ())
        self._form(ctx, label, stream, step=label)

    # -- the interpreter loop -----------------------------------------------------

    def _parse(self, source: Any, ctx: StreamState, cache: bool = True) -> list | None:
        """The instructions of a page's or a form's content, entered in ``ctx``: first
        parsed lean (without path construction); in full only when the visitor may want
        the points of a path painted in it, or at once when measuring geometry."""
        if self.geometry:
            return self._parse_as(source, ctx, False, cache)
        lean = self._parse_as(source, ctx, True, cache)
        if lean is None or not self.visitor.paths_needed(ctx.gs, lean):
            return lean
        return self._parse_as(source, ctx, False, cache)

    def _parse_as(self, source: Any, ctx: StreamState, lean: bool, cache: bool) -> list | None:
        key = (source.objgen, lean) if cache and source.objgen != (0, 0) else None
        if key is not None and key in self._parsed:
            return self._parsed[key]
        try:
            ops = pikepdf.parse_content_stream(source, self._lean_ops if lean else "")
        except Exception as exc:  # a damaged stream: say so, keep judging the rest
            self.visitor.problem(ctx, f"content stream cannot be parsed ({exc})")
            return None
        if key is not None:
            self._parsed[key] = ops
        return ops

    def _run(self, ops: list, ctx: StreamState) -> None:
        table = self._ops
        for instr in ops:
            try:
                op = str(instr.operator)
            except UnicodeDecodeError:  # not an operator of any PDF version: ignored, as readers do
                continue
            if ctx.path is False and op in PATH_CONTINUATIONS:
                continue  # an untracked path: its points are not needed (most operators are these)
            fn = table.get(op)
            if fn is None:
                continue
            try:
                fn(ctx, instr.operands)
            except Exception as exc:  # malformed operands: report, continue with the next operator
                self.visitor.problem(ctx, f"operator {op} cannot be read ({type(exc).__name__}: {exc})")

    def _form(self, ctx: StreamState, name: str, form: Any, step: str | None = None, tile: bool = False) -> None:
        """Walk a form XObject in a copy of the current state (as Do does); ``step``
        is how the trail names it (default "form /Name"); ``tile``: a tiling pattern's cell."""
        key = form.objgen
        if key in ctx.stack or len(ctx.stack) >= MAX_DEPTH:
            return
        self.visitor.form(ctx, name, form)
        gs = ctx.gs.copy()
        gs.ctm = mul(as_matrix(form.get("/Matrix")), gs.ctm)
        if self.geometry:  # a form paints inside its /BBox
            bbox = as_rect(form.get("/BBox"))
            if bbox is not None:
                gs.clip = intersect(gs.clip, transform_rect(gs.ctm, bbox))
        resources = form.get("/Resources", ctx.resources)
        inner = StreamState(ctx.where.inside(step or f"form {name}"), resources, gs, ctx.stack + (key,),
                            ctx.tile or tile)
        ops = self._parse(form, inner)
        if ops is not None:
            self._run(ops, inner)

    # -- graphics state -----------------------------------------------------------

    def _q(self, ctx: StreamState, o: list) -> None:
        ctx.saved.append(ctx.gs.copy())

    def _Q(self, ctx: StreamState, o: list) -> None:
        if ctx.saved:
            ctx.gs = ctx.saved.pop()

    def _cm(self, ctx: StreamState, o: list) -> None:
        ctx.gs.ctm = mul(_floats(o), ctx.gs.ctm)  # type: ignore[arg-type]

    def _w(self, ctx: StreamState, o: list) -> None:
        ctx.gs.line_width = float(o[0])

    def _gs(self, ctx: StreamState, o: list) -> None:
        name = text(o[0])
        egs = ctx.resource("/ExtGState", o[0])
        if egs is None:
            self.visitor.problem(ctx, f"gs {name}: no such ExtGState")
            return
        self.visitor.extgstate(ctx, name, egs)
        gs = ctx.gs
        if "/OP" in egs:
            gs.stroke_overprint = bool(egs.OP)
            if "/op" not in egs:
                gs.fill_overprint = gs.stroke_overprint
        if "/op" in egs:
            gs.fill_overprint = bool(egs.op)
        if "/OPM" in egs:
            gs.opm = int(egs.OPM)
        if "/LW" in egs:
            gs.line_width = float(egs.LW)
        if "/Font" in egs and len(egs.Font) == 2:
            gs.font, gs.font_size, gs.font_name = egs.Font[0], float(egs.Font[1]), name

    # -- colour -------------------------------------------------------------------

    def _set(self, ctx: StreamState, op: str, o: list, stroke: bool, space: ColourSpace,
             comps: tuple[float, ...]) -> None:
        if stroke:
            ctx.gs.stroke_cs, ctx.gs.stroke = space, comps
        else:
            ctx.gs.fill_cs, ctx.gs.fill = space, comps
        self.visitor.colour(ctx, op, o, stroke)

    def _device(self, ctx: StreamState, o: list, op: str, space: ColourSpace, stroke: bool) -> None:
        """g G k K rg RG: a device space and its components in one operator."""
        self._set(ctx, op, o, stroke, space, _floats(o))

    def _space(self, ctx: StreamState, o: list, op: str, stroke: bool) -> None:
        """cs CS: a named space, with its initial colour."""
        space = self.spaces.by_name(o[0], ctx.resources)
        self._set(ctx, op, o, stroke, space, space.initial())

    def _values(self, ctx: StreamState, o: list, stroke: bool) -> None:
        """sc scn SC SCN: components in the current space (and a pattern name: scn, SCN)."""
        named = bool(o) and isinstance(o[-1], pikepdf.Name)
        op = ("SCN" if named else "SC") if stroke else ("scn" if named else "sc")
        self._colour_values(ctx, op, o, stroke)

    def _colour_values(self, ctx: StreamState, op: str, o: list, stroke: bool) -> None:
        space = ctx.gs.stroke_cs if stroke else ctx.gs.fill_cs
        numbers = [v for v in o if not isinstance(v, pikepdf.Object)]
        self._set(ctx, op, o, stroke, space, _floats(numbers))
        if o and isinstance(o[-1], pikepdf.Name):
            self._pattern(ctx, o[-1])

    def _pattern(self, ctx: StreamState, key: Any) -> None:
        name = text(key)
        pattern = ctx.resource("/Pattern", key)
        if pattern is None:
            self.visitor.problem(ctx, f"pattern {name} is not in the resources")
            return
        if pattern.is_indirect:  # a direct (shading) pattern has no identity: judge it every time
            done = (pattern.objgen, ctx.base)
            if done in self._patterns_done:
                return
            self._patterns_done.add(done)
        kind = int(pattern.get("/PatternType", 0))
        if kind == 2:
            if "/ExtGState" in pattern:
                self.visitor.extgstate(ctx, f"pattern {name}", pattern.ExtGState)
            if "/Shading" in pattern:
                self.visitor.shading(ctx, f"pattern {name}", pattern.Shading, False)
        elif kind == 1 and isinstance(pattern, pikepdf.Stream):
            holder = ctx.gs.copy()
            holder.ctm = ctx.base
            holder.clip = None
            sub = StreamState(ctx.where, ctx.resources, holder, ctx.stack)
            self._form(sub, name, pattern, step=f"pattern {name}", tile=True)

    # -- text ---------------------------------------------------------------------

    def _BT(self, ctx: StreamState, o: list) -> None:
        ctx.tm = ctx.tlm = IDENTITY

    def _Tf(self, ctx: StreamState, o: list) -> None:
        name = text(o[0])
        ctx.gs.font_name, ctx.gs.font = name, ctx.resource("/Font", o[0])
        ctx.gs.font_size = float(o[1])

    def _Tm(self, ctx: StreamState, o: list) -> None:
        ctx.tm = ctx.tlm = _floats(o)  # type: ignore[assignment]

    def _move(self, ctx: StreamState, tx: float, ty: float) -> None:
        ctx.tm = ctx.tlm = mul((1.0, 0.0, 0.0, 1.0, tx, ty), ctx.tlm)

    def _Td(self, ctx: StreamState, o: list) -> None:
        self._move(ctx, float(o[0]), float(o[1]))

    def _TD(self, ctx: StreamState, o: list) -> None:
        ctx.gs.leading = -float(o[1])
        self._move(ctx, float(o[0]), float(o[1]))

    def _Tstar(self, ctx: StreamState, o: list) -> None:
        self._move(ctx, 0.0, -ctx.gs.leading)

    def _TL(self, ctx: StreamState, o: list) -> None:
        ctx.gs.leading = float(o[0])

    def _Ts(self, ctx: StreamState, o: list) -> None:
        ctx.gs.rise = float(o[0])

    def _Tz(self, ctx: StreamState, o: list) -> None:
        ctx.gs.hscale = float(o[0])

    def _Tr(self, ctx: StreamState, o: list) -> None:
        ctx.gs.render_mode = int(o[0])

    def _Tc(self, ctx: StreamState, o: list) -> None:
        ctx.gs.char_spacing = float(o[0])

    def _Tw(self, ctx: StreamState, o: list) -> None:
        ctx.gs.word_spacing = float(o[0])

    def _show(self, ctx: StreamState, o: list, op: str | None = None) -> None:
        size = abs(ctx.gs.font_size) * y_scale(mul(ctx.tm, ctx.gs.ctm))
        if op is None:
            op = "TJ" if o and isinstance(o[0], pikepdf.Array) else "Tj"
        box, advance = show_box(ctx.gs, ctx.tm, o, op, self._fonts) if self.geometry else (None, 0.0)
        self.visitor.text(ctx, op, size, box)
        if advance:
            ctx.tm = mul((1.0, 0.0, 0.0, 1.0, advance, 0.0), ctx.tm)  # past the glyphs (tlm stays)

    def _quote(self, ctx: StreamState, o: list) -> None:
        self._Tstar(ctx, o)
        self._show(ctx, o, "'")

    def _dquote(self, ctx: StreamState, o: list) -> None:
        ctx.gs.word_spacing, ctx.gs.char_spacing = float(o[0]), float(o[1])
        self._Tstar(ctx, o)
        self._show(ctx, o, '"')

    # -- XObjects, shadings, inline images ----------------------------------------

    def _Do(self, ctx: StreamState, o: list) -> None:
        name = text(o[0])
        xobj = ctx.resource("/XObject", o[0])
        if xobj is None:
            self.visitor.problem(ctx, f"Do {name}: no such XObject")
            return
        subtype = text(xobj.get("/Subtype", ""))
        if subtype == "/Image":
            self.visitor.image(ctx, name, xobj, False)
        elif subtype == "/Form":
            self._form(ctx, name, xobj)

    def _sh(self, ctx: StreamState, o: list) -> None:
        name = text(o[0])
        shading = ctx.resource("/Shading", o[0])
        if shading is None:
            self.visitor.problem(ctx, f"sh {name}: no such shading")
            return
        self.visitor.shading(ctx, name, shading, True)

    def _inline(self, ctx: StreamState, o: list) -> None:
        self.visitor.image(ctx, "(inline)", o[0], True)

    # -- paths (only measured when the visitor asks) -------------------------------

    # A subpath is kept as its x and y coordinates, as the parser gives them (int or
    # Decimal): only each subpath's extremes are converted to float, when it is painted.

    def _subpath(self, ctx: StreamState) -> None:
        """Begin a subpath (m, re); decide at the path's first one whether to track it."""
        if ctx.path is None:
            ctx.path = [] if self.geometry or self.visitor.wants_path(ctx.gs) else False
        if ctx.path is not False:
            ctx.path.append(([], []))  # type: ignore[union-attr]

    def _point(self, ctx: StreamState, o: list, start: bool = False) -> None:
        if start or ctx.path is None:
            self._subpath(ctx)
        if ctx.path:
            xs, ys = ctx.path[-1]  # type: ignore[index]
            xs.append(o[0])
            ys.append(o[1])

    def _points(self, ctx: StreamState, o: list) -> None:
        if ctx.path is None:
            self._subpath(ctx)
        if ctx.path:
            xs, ys = ctx.path[-1]  # type: ignore[index]
            v = list(o)
            xs.extend(v[0::2])
            ys.extend(v[1::2])

    def _re(self, ctx: StreamState, o: list) -> None:
        self._subpath(ctx)
        if ctx.path:
            x, y, w, h = _floats(o)
            xs, ys = ctx.path[-1]  # type: ignore[index]
            xs.extend((x, x + w))
            ys.extend((y, y + h))

    def _W(self, ctx: StreamState, o: list) -> None:
        ctx.clipping = True

    def _paint(self, ctx: StreamState, o: list, op: str) -> None:
        path, ctx.path = ctx.path, None
        clipping, ctx.clipping = ctx.clipping, False
        boxes, exact = None, False
        if isinstance(path, list):  # tracked (False: untracked, None: no path)
            ctm = ctx.gs.ctm
            exact = len(path) == 1 and upright_rectangle(path[0], ctm)
            boxes = []
            for xs, ys in path:  # type: ignore[union-attr]
                if xs and len(xs) == len(ys):
                    box = (float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)))
                    boxes.append(transform_rect(ctm, box))
            if clipping and boxes:  # the clip takes effect after this operator
                area = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                        max(b[2] for b in boxes), max(b[3] for b in boxes))
                ctx.gs.clip = intersect(ctx.gs.clip, area)
            if op in STROKE_PAINT:  # a stroke reaches half the line width beyond the path
                pad = ctx.gs.line_width / 2 * max(x_scale(ctm), y_scale(ctm))
                boxes = [(x0 - pad, y0 - pad, x1 + pad, y1 + pad) for x0, y0, x1, y1 in boxes]
        if op != "n":
            self.visitor.paint(ctx, op, boxes, exact)

