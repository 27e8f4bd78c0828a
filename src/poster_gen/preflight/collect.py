"""One walk over every page, its forms, patterns and annotation appearances,
collecting the facts that the content checks (fonts, colour, ink, black text,
transparency, images) judge afterwards.

Walking once and judging many times keeps a 16-page brochure well under half a
second: parsing the content streams is the expensive part, so it is done once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pikepdf

from .colourspace import ColourSpace, ColourSpaces, cmyk_of, function_samples, ink, is_registration
from .geometry import Matrix, Rect, as_rect, bleed_box, inherited, overlaps
from .model import Findings, PreflightOptions, fmt, text
from .state import StreamState, GraphicsState, Visitor, Where
from .walker import FILL_PAINT, STROKE_PAINT, ContentWalker

EPS = 1e-4
_SPACE_OPS = frozenset({"cs", "CS", "sc", "scn", "SC", "SCN"})
BLEND_OK = ("/Normal", "/Compatible")


@dataclass(frozen=True)
class Placement:
    """One painting of an image: where, under which name, with which CTM."""

    where: Where
    name: str
    image: Any          # the image XObject stream, or an inline image's PdfInlineImage
    ctm: Matrix
    inline: bool
    space: ColourSpace | None


@dataclass(frozen=True)
class FontUse:
    """The first place a font was used to show text."""

    font: Any
    name: str
    where: Where


@dataclass
class Facts:
    """What the walk found, for the checks to judge."""

    colour: Findings = field(default_factory=Findings)
    content: Findings = field(default_factory=Findings)        # streams that could not be read
    ink: Findings = field(default_factory=Findings)            # vector colours over the limit
    ink_worst: tuple[float, str] = (0.0, "")
    registration_exempt: int = 0
    shadings_unmeasured: int = 0
    black_text: Findings = field(default_factory=Findings)
    black_text_runs: int = 0
    black_text_opm0: int = 0
    transparency: Findings = field(default_factory=Findings)
    fonts: dict[Any, FontUse] = field(default_factory=dict)
    font_problems: Findings = field(default_factory=Findings)
    placements: list[Placement] = field(default_factory=list)


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
        """Registration colour is the only paint whose extent is judged: a stream needs
        its paths followed when it starts in it or may set it (``k``/``K`` at 100 % of
        every ink; any colour-space operator, which might select /All)."""
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

    def paint(self, ctx: StreamState, op: str, boxes: list[Rect]) -> None:
        gs = ctx.gs
        used = ((op in FILL_PAINT and is_registration(gs.fill_cs, gs.fill))
                or (op in STROKE_PAINT and is_registration(gs.stroke_cs, gs.stroke)))
        if not used:
            return
        if self.bleed is None or any(overlaps(box, self.bleed) for box in boxes):
            self._ink(ctx.where, f"registration colour painted ({op}) inside the BleedBox", 400.0)
        else:
            self.facts.registration_exempt += 1

    def shading(self, ctx: StreamState, name: str, shading: Any) -> None:
        space = self.spaces.resolve(shading.get("/ColorSpace"), ctx.resources)
        if space.problem:
            self.facts.colour.add(f"{ctx.where}: shading {name} in {space.label} ({space.problem})")
            return
        kind = int(shading.get("/ShadingType", 0))
        samples = function_samples(shading.get("/Function")) if kind in (2, 3) else None
        if samples is None:
            self.facts.shadings_unmeasured += 1
            return
        for comps in samples:
            value = ink(space, comps)
            if value is not None:
                self._ink(ctx.where, f"shading {name} ({_colour_text(space, comps)})", value)

    # -- text ----------------------------------------------------------------------

    def text(self, ctx: StreamState, op: str, size: float) -> None:
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
        if fills and size < self.options.small_text_pt - EPS:
            self._black_text(ctx, op, size)

    def _black_text(self, ctx: StreamState, op: str, size: float) -> None:
        gs = ctx.gs
        cmyk = cmyk_of(gs.fill_cs, gs.fill)
        if cmyk is None:
            return
        c, m, y, k = cmyk
        if k < 0.8 - EPS or max(c, m, y) > 0.6 + EPS:
            return  # not near-black: a colour, judged by the ink check only
        self.facts.black_text_runs += 1
        missing = []
        if gs.fill_cs.family != "DeviceCMYK":
            missing.append("not DeviceCMYK 0 0 0 1")
        elif max(c, m, y) > EPS or k < 1 - EPS:
            missing.append("not pure K100")
        if not gs.fill_overprint:
            missing.append("fill overprint off")
        if missing:
            colour = _colour_text(gs.fill_cs, gs.fill)
            self.facts.black_text.add(f"{ctx.where}: {size:.1f} pt text ({op}, font {gs.font_name or '?'}) "
                                      f"in {colour}: {' and '.join(missing)}")
        elif gs.opm != 1:
            self.facts.black_text_opm0 += 1

    # -- images, forms, ExtGStates ---------------------------------------------------

    def image(self, ctx: StreamState, name: str, image: Any, inline: bool) -> None:
        d = image.obj if inline else image
        where = ctx.where
        space = None
        if not bool(d.get("/ImageMask", False)) and "/ColorSpace" in d:
            space = self.spaces.resolve(d.ColorSpace, ctx.resources)
            if space.problem:
                self.facts.colour.add(f"{where}: image {name} in {space.label} ({space.problem})")
        if "/SMask" in d:
            self.facts.transparency.add(f"{where}: image {name} has a soft mask (/SMask)")
        if int(d.get("/SMaskInData", 0) or 0):
            self.facts.transparency.add(f"{where}: image {name} has /SMaskInData")
        self.facts.placements.append(Placement(where, name, image, ctx.gs.ctm, inline, space))

    def form(self, ctx: StreamState, name: str, form: Any) -> None:
        group = form.get("/Group")
        if group is not None and text(group.get("/S", "")) == "/Transparency":
            self.facts.transparency.add(f"{ctx.where}: form {name} is a transparency group")

    def extgstate(self, ctx: StreamState, name: str, egs: Any) -> None:
        reasons = []
        for key in ("/CA", "/ca"):
            if key in egs and float(egs[key]) < 1 - EPS:
                reasons.append(f"{key[1:]} {fmt(float(egs[key]))}")
        if "/SMask" in egs and text(egs.SMask) != "/None":
            reasons.append("a soft mask (/SMask)")
        if "/BM" in egs:
            modes = list(egs.BM) if isinstance(egs.BM, pikepdf.Array) else [egs.BM]
            odd = [text(m) for m in modes if text(m) not in BLEND_OK]
            if odd:
                reasons.append(f"blend mode {odd[0]}")
        if reasons:
            self.facts.transparency.add(f"{ctx.where}: ExtGState {name} has {', '.join(reasons)}")

    def problem(self, ctx: StreamState, message: str) -> None:
        self.facts.content.add(f"{ctx.where}: {message}")


def collect(pdf: pikepdf.Pdf, options: PreflightOptions) -> Facts:
    """Walk every page and annotation appearance of ``pdf`` once."""
    spaces = ColourSpaces()
    collector = Collector(options, spaces)
    walker = ContentWalker(collector, spaces)
    for number, page in enumerate(pdf.pages, 1):
        obj = page.obj
        collector.bleed = bleed_box(obj)
        group = obj.get("/Group")
        if group is not None and text(group.get("/S", "")) == "/Transparency":
            collector.facts.transparency.add(f"page {number}: the page is a transparency group (/Group)")
        try:
            resources = inherited(obj, "/Resources")
            walker.walk_page(number, page, resources)
            for annot in obj.get("/Annots", None) or []:
                _walk_annotation(walker, number, annot, resources)
        except Exception as exc:  # a page too damaged to follow: the other pages are still judged
            collector.facts.content.add(f"page {number}: content cannot be read ({type(exc).__name__}: {exc})")
    return collector.facts


def _walk_annotation(walker: ContentWalker, number: int, annot: Any, resources: Any) -> None:
    """Walk the normal appearance an annotation prints with (its /AS state if it has several)."""
    if not isinstance(annot, pikepdf.Dictionary):
        return
    rect = as_rect(annot.get("/Rect"))
    ap = annot.get("/AP")
    normal = ap.get("/N") if isinstance(ap, pikepdf.Dictionary) else None
    if rect is None or normal is None:
        return
    label = f"{annot.get('/Subtype', '/Annot')} annotation"
    if isinstance(normal, pikepdf.Stream):
        streams = [normal]
    elif isinstance(normal, pikepdf.Dictionary):
        state = annot.get("/AS")
        streams = [normal[state]] if state is not None and state in normal else \
            [v for v in normal.values() if isinstance(v, pikepdf.Stream)]
    else:
        streams = []
    for stream in streams:
        walker.walk_appearance(number, label, stream, rect, resources)
