"""One walk over every page, its forms, patterns and annotation appearances,
collecting the facts that the content checks (fonts, colour, ink, separations, black
text, transparency, images) judge afterwards.

Walking once and judging many times keeps a 16-page brochure well under half a
second: parsing the content streams is the expensive part, so it is done once. Ink
where paints overprint is bounded on that walk (``overprint.PageBound``); a page whose
bound passes the limit is walked a second time with geometry (``overprint.PageInk``),
which says where and over what.
"""
from __future__ import annotations

from typing import Any, Callable

import pikepdf

from .colourspace import (ColourSpace, ColourSpaces, PlatePaint, cmyk_of, function_samples, ink, is_registration,
                          paint_plates)
from .facts import Facts, FontUse, PageVerdicts, Placement
from .geometry import Rect, as_rect, bleed_box, inherited, inside, overlaps, transform_rect, upright, x_scale, y_scale
from .model import PreflightOptions, fmt, text
from ..print_rules import near_black
from .overprint import Combined, PageBound, PageInk, Raster, clipped, plates_text
from .state import StreamState, GraphicsState, Visitor, Where
from .walker import FILL_PAINT, STROKE_PAINT, ContentWalker

__all__ = ["Collector", "Facts", "FontUse", "Placement", "collect"]

EPS = 1e-4
_SPACE_OPS = frozenset({"cs", "CS", "sc", "scn", "SC", "SCN"})
K100: tuple[None, None, None, float] = (None, None, None, 1.0)  # K100 overprinting (OPM 1)
DEVICE_FAMILIES = frozenset({"DeviceCMYK", "DeviceGray"})
SPOT_CARRIERS = frozenset({"Separation", "DeviceN", "Indexed", "Pattern"})  # spaces that may name a spot plate


def _operands(operands: list) -> str:
    parts = []
    for v in operands:
        parts.append(text(v) if isinstance(v, pikepdf.Object) else fmt(float(v)))
    return " ".join(parts)


def _colour_text(space: ColourSpace, comps: tuple[float, ...]) -> str:
    if space.family == "DeviceCMYK" and len(comps) >= 4:
        return " ".join(f"{ch}{round(v * 100):g}" for ch, v in zip("CMYK", comps))
    if space.family == "DeviceGray" and comps:
        return f"gray {fmt(comps[0])}"
    return f"{space.label} {' '.join(fmt(c) for c in comps)}"


class Collector(Visitor):
    """The walker's visitor: records findings and measurements into ``facts``."""

    def __init__(self, options: PreflightOptions, spaces: ColourSpaces) -> None:
        self.options = options
        self.spaces = spaces
        self.facts = Facts()
        self.bleed: Rect | None = None
        self.page_box: Rect | None = None
        self.measure: PageBound | PageInk = PageBound(options.max_ink)  # the page's ink so far
        self.verdicts = PageVerdicts()
        self.rewalk = False  # the bound passed the limit: walk the page again with geometry
        self.rasters: dict[Any, Raster] = {}
        self._plates: dict[tuple, PlatePaint] = {}  # device colours seen: what they paint on each plate

    def start_page(self, page: Any, geometry: bool) -> None:
        self.bleed = bleed_box(page)
        self.page_box = as_rect(inherited(page, "/MediaBox"))
        trim = as_rect(page.get("/TrimBox")) or as_rect(inherited(page, "/CropBox")) or self.page_box
        limit = self.options.max_ink
        self.measure = PageInk(self.page_box, trim, limit) if geometry else PageBound(limit)
        self.verdicts, self.rewalk = PageVerdicts(), False

    # -- colour and ink ------------------------------------------------------------

    def _ink(self, where: Where, what: str | Callable[[], str], value: float) -> None:
        """Record one colour's ink; ``what`` may be a function, called only when the
        text is needed (formatting every operator would cost more than judging it)."""
        facts = self.facts
        over = value > self.options.max_ink + 0.05
        if value > facts.ink_worst[0] or over:
            label = what() if callable(what) else what
            if value > facts.ink_worst[0]:
                facts.ink_worst = (value, f"{where}: {label}")
            if over:
                facts.ink.add(f"{where}: {label} = {value:.0f}% (max {self.options.max_ink:g}%)")

    def _combined(self, where: Where, combined: Combined, what: Callable[[], str]) -> None:
        """A paint that overprints ink beneath it, measured (or bounded) together."""
        page, limit = self.verdicts, self.options.max_ink
        over = combined.total > limit + 0.05
        if combined.at_mm is None:  # a bound: within the limit it is the verdict, else measure
            if over:
                self.rewalk = True
            elif combined.total > page.bound[0]:
                page.bound = (combined.total, f"{combined.where(where.page)}: {what()} over {combined.beneath}")
            return
        if combined.total > page.worst[0] or over:
            label = f"{combined.where(where.page)}: {what()} overprinting {combined.beneath}"
            if combined.total > page.worst[0]:
                page.worst = (combined.total, label)
            if over:
                page.overprint.add(f"{label} = {combined.total:.0f}% (max {limit:g}%)")

    def colour(self, ctx: StreamState, op: str, operands: list, stroke: bool) -> None:
        gs = ctx.gs
        space, comps = (gs.stroke_cs, gs.stroke) if stroke else (gs.fill_cs, gs.fill)
        if space.problem:
            self.facts.colour.add(f"{ctx.where}: {op} {_operands(operands)} ({space.problem})")
            return
        if op in ("cs", "CS") or is_registration(space, comps):
            return  # a space alone paints nothing; registration is judged where it paints
        value = ink(space, comps)
        if value is not None:
            self._ink(ctx.where, lambda: f"{op} {_operands(operands)}", value)

    def wants_path(self, gs: GraphicsState) -> bool:
        return is_registration(gs.fill_cs, gs.fill) or is_registration(gs.stroke_cs, gs.stroke)

    def paths_needed(self, gs: GraphicsState, instructions: list) -> bool:
        """Registration colour is the only paint whose extent is judged on a page where
        nothing overprints: a stream needs its paths followed when it starts in it or may
        set it (``k``/``K`` at 100 % of every ink; any colour-space operator, which might
        select /All)."""
        if self.wants_path(gs):
            return True
        for instr in instructions:
            op = str(instr.operator)
            if op in _SPACE_OPS:
                return True
            if op in ("k", "K"):
                try:
                    values = [float(v) for v in instr.operands[:4]]
                except (TypeError, ValueError):
                    return True  # unreadable operands: follow the paths to be safe
                if len(values) == 4 and all(v >= 0.999 for v in values):
                    return True
        return False

    def _painted(self, ctx: StreamState, boxes: list[Rect], stroke: bool, exact: bool,
                 what: Callable[[str], str]) -> None:
        """One paint in the current fill (or stroke) colour: the spot plates it uses, and
        its ink on the page with what lies beneath (``boxes`` empty on the lean walk)."""
        gs = ctx.gs
        if stroke:
            space, comps, over = gs.stroke_cs, gs.stroke, gs.stroke_overprint
        else:
            space, comps, over = gs.fill_cs, gs.fill, gs.fill_overprint
        family = space.family
        if family in SPOT_CARRIERS:
            self.facts.separations.use(ctx.where, space, comps, over, "stroke" if stroke else "fill", self.options)
        if ctx.tile:
            return  # a tiling pattern's cell: where it repeats is not followed
        key = (family, comps, over, gs.opm)
        plates = self._plates.get(key) if family in DEVICE_FAMILIES else None
        if plates is None:
            plates = paint_plates(space, comps, over, gs.opm)
            if plates is None:
                return
            if family in DEVICE_FAMILIES:
                self._plates[key] = plates
        cover = False
        if boxes:
            cover = exact and (gs.clip is None or all(inside(b, gs.clip) for b in boxes))
            boxes = clipped(boxes, gs.clip)
        combined = self.measure.paint(boxes, plates, cover)
        if combined is not None:
            self._combined(ctx.where, combined, lambda: what(plates_text(plates)))  # type: ignore[arg-type]

    def paint(self, ctx: StreamState, op: str, boxes: list[Rect] | None, exact: bool) -> None:
        gs = ctx.gs
        fills, strokes = op in FILL_PAINT, op in STROKE_PAINT
        if (fills and is_registration(gs.fill_cs, gs.fill)) or (strokes and is_registration(gs.stroke_cs, gs.stroke)):
            if boxes is None or self.bleed is None or any(overlaps(box, self.bleed) for box in boxes):
                self._ink(ctx.where, f"registration colour painted ({op}) inside the BleedBox", 400.0)
            else:
                self.facts.registration_exempt += 1
            return
        if fills:
            self._painted(ctx, boxes or [], False, exact and not strokes, lambda p: f"fill {p}")
        if strokes:
            width = gs.line_width * max(x_scale(gs.ctm), y_scale(gs.ctm))
            self._painted(ctx, boxes or [], True, False, lambda p: f"{width:.1f} pt stroke {p}")

    def shading(self, ctx: StreamState, name: str, shading: Any, sh: bool) -> None:
        gs = ctx.gs
        space = self.spaces.resolve(shading.get("/ColorSpace"), ctx.resources)
        if space.problem:
            self.facts.colour.add(f"{ctx.where}: shading {name} in {space.label} ({space.problem})")
            return
        kind = int(shading.get("/ShadingType", 0))
        samples = function_samples(shading.get("/Function")) if kind in (2, 3) else None
        tints = tuple(max(s[i] for s in samples) for i in range(min(map(len, samples)))) if samples else None
        self.facts.separations.use(ctx.where, space, tints, gs.fill_overprint, "fill", self.options)
        if samples is None:
            self.facts.shadings_unmeasured += 1
            return
        for comps in samples:
            value = ink(space, comps)
            if value is not None:
                self._ink(ctx.where, f"shading {name} ({_colour_text(space, comps)})", value)
        if sh and not ctx.tile:
            area = gs.clip or self.page_box
            each = [paint_plates(space, comps, gs.fill_overprint, gs.opm, direct=False) for comps in samples]
            if area is None or any(p is None for p in each):
                return
            most = tuple(None if all(p[i] is None for p in each) else max(p[i] or 0.0 for p in each)  # type: ignore
                         for i in range(4))
            combined = self.measure.paint([area], most)  # type: ignore[arg-type]
            if combined is not None:
                self._combined(ctx.where, combined, lambda: f"shading {name} {plates_text(most)}")

    # -- text ----------------------------------------------------------------------

    def text(self, ctx: StreamState, op: str, size: float, box: Rect | None) -> None:
        gs = ctx.gs
        facts = self.facts
        if gs.font is None:
            facts.font_problems.add(f"{ctx.where}: {op} shows text with no font selected")
        else:
            key = gs.font.objgen if gs.font.is_indirect else (ctx.where.page, gs.font_name)
            if key not in facts.fonts:
                facts.fonts[key] = FontUse(gs.font, gs.font_name, ctx.where)
        mode = gs.render_mode
        fills, strokes = mode in (0, 2, 4, 6), mode in (1, 2, 5, 6)
        if (fills and is_registration(gs.fill_cs, gs.fill)) or (strokes and is_registration(gs.stroke_cs, gs.stroke)):
            self._ink(ctx.where, f"text ({op}) in registration colour", 400.0)
            return
        if fills and size < self.options.small_text_pt - EPS:
            self._black_text(ctx, op, size, box)
        boxes = [box] if box is not None else []
        if fills:
            self._painted(ctx, boxes, False, False, lambda p: f"{size:.1f} pt text {p}")
        if strokes:
            self._painted(ctx, boxes, True, False, lambda p: f"{size:.1f} pt outlined text {p}")

    def _black_text(self, ctx: StreamState, op: str, size: float, box: Rect | None) -> None:
        gs = ctx.gs
        cmyk = cmyk_of(gs.fill_cs, gs.fill)
        if cmyk is None:
            return
        c, m, y, k = cmyk
        if not near_black(c * 100, m * 100, y * 100, k * 100, tol=EPS * 100):
            return  # not near-black: a colour, judged by the ink check only
        self.facts.black_text_runs += 1
        missing = []
        if gs.fill_cs.family != "DeviceCMYK":
            missing.append("not DeviceCMYK 0 0 0 1")
        elif max(c, m, y) > EPS or k < 1 - EPS:
            missing.append("not pure K100")
        if not gs.fill_overprint:
            missing.append("fill overprint off")
        def message() -> str:
            return (f"{ctx.where}: {size:.1f} pt text ({op}, font {gs.font_name or '?'}) "
                    f"in {_colour_text(gs.fill_cs, gs.fill)}: {' and '.join(missing)}")
        if missing == ["fill overprint off"]:  # K100 knocking out: right where overprint would pass the limit
            boxes = clipped([box], gs.clip) if box is not None else []
            combined = self.measure.paint(boxes, K100, record=False)
            too_much = combined is not None and combined.total > self.options.max_ink + 0.05
            if too_much and combined.at_mm is None:  # type: ignore[union-attr]
                self.rewalk = True  # a bound: measure where it lies
            elif too_much:
                self.verdicts.accepted += 1
            else:
                self.verdicts.refused.add(message())
        elif missing:
            self.facts.black_text.add(message())
        elif gs.opm != 1:
            self.facts.black_text_opm0 += 1

    # -- images, forms, ExtGStates ---------------------------------------------------

    def image(self, ctx: StreamState, name: str, image: Any, inline: bool) -> None:
        d = image.obj if inline else image
        where, gs = ctx.where, ctx.gs
        space = None
        mask = bool(d.get("/ImageMask", False))
        if not mask and "/ColorSpace" in d:
            space = self.spaces.resolve(d.ColorSpace, ctx.resources)
            if space.problem:
                self.facts.colour.add(f"{where}: image {name} in {space.label} ({space.problem})")
        self.facts.transparency.image(where, name, d)
        self.facts.placements.append(Placement(where, name, image, gs.ctm, inline, space))
        box = transform_rect(gs.ctm, (0.0, 0.0, 1.0, 1.0))
        if mask:  # a stencil paints the fill colour
            self._painted(ctx, [box], False, False, lambda p: f"image mask {name} {p}")
            return
        if space is not None:
            self.facts.separations.use(where, space, None, gs.fill_overprint, "fill", self.options)
        if ctx.tile:
            return
        if space is not None and not space.problem:
            self._image_region(ctx, name, image, inline, space, box, d)

    def _image_region(self, ctx: StreamState, name: str, image: Any, inline: bool, space: ColourSpace,
                      box: Rect, d: Any) -> None:
        gs = ctx.gs
        opaque = upright(gs.ctm) and "/SMask" not in d and "/Mask" not in d
        cover = opaque and (gs.clip is None or inside(box, gs.clip))
        boxes = clipped([box], gs.clip)
        if space.family in ("Separation", "DeviceN"):  # a spot image: its process colorants at most
            plates = paint_plates(space, (1.0,) * space.n, gs.fill_overprint, gs.opm, direct=False)
            if plates is not None:
                self.measure.paint(boxes, plates, cover)
            return
        raster = None if inline else self.rasters.get(image.objgen)  # an inline image has no identity
        if raster is None:
            raster = Raster(image, inline, space, name)
            if not inline:
                self.rasters[image.objgen] = raster
        self.measure.paint(boxes, (0.0, 0.0, 0.0, 0.0), cover, raster)

    def form(self, ctx: StreamState, name: str, form: Any) -> None:
        self.facts.transparency.group(ctx.where, f"form {name}", form, self.spaces,
                                      form.get("/Resources", ctx.resources))

    def extgstate(self, ctx: StreamState, name: str, egs: Any) -> None:
        self.facts.transparency.extgstate(ctx.where, name, egs)

    def problem(self, ctx: StreamState, message: str) -> None:
        self.facts.content.add(f"{ctx.where}: {message}")


def collect(pdf: pikepdf.Pdf, options: PreflightOptions) -> Facts:
    """Walk every page and annotation appearance of ``pdf`` once; a second time, with
    geometry, a page where something may overprint more ink than the limit."""
    spaces = ColourSpaces()
    collector = Collector(options, spaces)
    walker = ContentWalker(collector, spaces)
    facts = collector.facts
    for number, page in enumerate(pdf.pages, 1):
        obj = page.obj
        try:
            resources = inherited(obj, "/Resources")
            facts.transparency.group(Where(number), "the page", obj, spaces, resources)
            shown = _appearances(obj)
            _walk_page(walker, collector, number, page, resources, shown, False)
            verdicts = collector.verdicts
            if collector.rewalk:
                again = Collector(options, spaces)
                again.rasters = collector.rasters
                _walk_page(ContentWalker(again, spaces), again, number, page, resources, shown, True)
                verdicts = again.verdicts
            verdicts.commit(facts)
        except Exception as exc:  # a page too damaged to follow: the other pages are still judged
            facts.content.add(f"page {number}: content cannot be read ({type(exc).__name__}: {exc})")
    return facts


def _walk_page(walker: ContentWalker, collector: Collector, number: int, page: pikepdf.Page, resources: Any,
               shown: list[tuple[str, Any, Rect]], geometry: bool) -> None:
    collector.start_page(page.obj, geometry)
    walker.geometry = geometry
    walker.walk_page(number, page, resources)
    for label, stream, rect in shown:
        walker.walk_appearance(number, label, stream, rect, resources)


def _appearances(page: Any) -> list[tuple[str, Any, Rect]]:
    """The normal appearance each annotation prints with (its /AS state if it has
    several): (label, stream, /Rect)."""
    out = []
    for annot in page.get("/Annots", None) or []:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        rect = as_rect(annot.get("/Rect"))
        ap = annot.get("/AP")
        normal = ap.get("/N") if isinstance(ap, pikepdf.Dictionary) else None
        if rect is None or normal is None:
            continue
        label = f"{annot.get('/Subtype', '/Annot')} annotation"
        if isinstance(normal, pikepdf.Stream):
            streams = [normal]
        elif isinstance(normal, pikepdf.Dictionary):
            state = annot.get("/AS")
            streams = [normal[state]] if state is not None and state in normal else \
                [v for v in normal.values() if isinstance(v, pikepdf.Stream)]
        else:
            streams = []
        out.extend((label, stream, rect) for stream in streams)
    return out
