"""Compose one page template with one set of data into a ``Page`` of geometry."""
from __future__ import annotations

from ..errors import StageError
from ..load.layout_models import Template
from . import overflow
from .overprint import knockouts
from .regions import REGISTRY
from .regions.landmark_index import IndexFull
from .page_context import PageContext
from functools import reduce

from ..page_model import Box, Link, Page, QRCode, Rect, TextLine
from .segment import jieba_identity


class SafeZoneError(StageError):
    """A layout region that cannot work as drawn: it puts text or a QR code where the
    trimming knife may cut it, or it cannot hold what the data gives it. ``path``
    locates the region in its layout file."""

    def __init__(self, template: str, index: int, region: str, message: str):
        self.template, self.index, self.region = template, index, region
        super().__init__(message, ("templates", template, "regions", index))

    def __reduce__(self):
        return (type(self), (self.template, self.index, self.region, self.message))


def row_room(template: Template, ctx: PageContext) -> dict[int, Box]:
    """Columns of a row (regions sharing ``row``) whose data is absent give their room
    to the column before them: a landmark with no chain to show has a wider plan, not
    a hole. Returns the widened boxes."""
    out: dict[int, Box] = {}
    rows: dict[str, list[int]] = {}
    for i, region in enumerate(template.regions):
        if region.row:
            rows.setdefault(region.row, []).append(i)
    for members in rows.values():
        keep = None
        for i in members:
            region = template.regions[i]
            if region.field and ctx.value(region)[0] in (None, [], ""):
                if keep is not None:
                    box = ctx.box(region.box)
                    out[keep] = Box(out[keep].x, out[keep].y, box.right - out[keep].x, out[keep].h)
                continue
            keep = i
            out[i] = ctx.box(region.box)
    return out


def compose_page(template: Template, ctx: PageContext, label: str = "", name: str = "", lint: bool = True) -> Page:
    """A composed (and linted) page. Composing is a pure function of the template and
    what the page context holds, so a page is kept on disk under a key of all of it and
    read back when nothing it depends on changed (a warm or forced build then composes
    and lints only what an edit touched)."""
    key = ("page", _repr(template), label, name, lint, _ctx_key(ctx), jieba_identity())
    page, paras = overflow.memoised("pages", key,  # a draft's page has a key of its own
                                    lambda: (_compose_page(template, ctx, label, name, lint), ctx._paras))
    ctx._paras = paras  # the paragraph numbers continue on the next page of this context
    return page


_REPRS: dict[int, tuple[object, str]] = {}


def _repr(obj: object) -> str:
    """``repr`` for the page key, each frozen model (a layout, a landmark) written out
    once per process rather than once per page; lists and dicts by their members."""
    if isinstance(obj, (list, tuple)):
        return "[" + ",".join(_repr(v) for v in obj) + "]"
    if isinstance(obj, dict):
        return "{" + ",".join(f"{k!r}:{_repr(v)}" for k, v in sorted(obj.items(), key=lambda kv: repr(kv[0]))) + "}"
    params = getattr(type(obj), "__dataclass_params__", None)
    if params is None or not params.frozen:
        return repr(obj)
    got = _REPRS.get(id(obj))
    if got is None or got[0] is not obj:
        if len(_REPRS) > 512:  # a long-running studio or watch: keep the memo small
            _REPRS.clear()
        got = _REPRS[id(obj)] = (obj, repr(obj))
    return got[1]


def _ctx_key(ctx: PageContext) -> tuple:
    fonts = sorted((role, getattr(m, "ps_name", None) or type(m).__name__) for role, m in ctx.fonts.items())
    data, extras = _repr(ctx.data), _repr(ctx.extras)
    return (_repr(ctx.layout), sorted(ctx.palette.items()), fonts, data, ctx.scale, str(ctx.root), ctx.langs,
            ctx.page_number, extras, ctx.sheet, ctx.step, ctx._paras, repr(ctx.used), repr(ctx.drawn),
            repr(ctx._values))


def _compose_page(template: Template, ctx: PageContext, label: str, name: str, lint: bool) -> Page:
    """Compose every region in the template's order (a region that flows ``after``
    others comes below them in the file), then stack them: layered regions (colour
    fields, motifs) behind the rest. ``lint=False`` skips the layout lint (a fit probe)."""
    page = Page(ctx.width, ctx.height, ctx.bleed, label=label, template=name)
    ctx.capacity = page.capacity  # the text regions record how much each field could hold
    e = ctx.bleed
    page.add(Rect(Box(-e, -e, ctx.width + 2 * e, ctx.height + 2 * e),
                  fill=ctx.palette[template.background], role="background"))
    safe = page.trim.inset(ctx.layout.safe)
    by_region: dict[int, list] = {}
    room = row_room(template, ctx)
    on_top = []  # a draft's overflows, marked: the first (which may leave the next no room) uppermost
    for i, region in enumerate(template.regions):
        box = room.get(i) or ctx.box(region.box)
        page.frames[region.id] = box
        seen = overflow.count()
        try:
            items = REGISTRY[region.kind](region, box, ctx)
        except IndexFull as full:  # the region's capacity: a fact of the layout
            raise SafeZoneError(name, i, region.id, str(full)) from None
        over = overflow.count() > seen  # a draft set text past its frame: marked, not a layout error
        by_region[i], lifted = overflow.lift(items)
        on_top[:0] = lifted
        for item in items:
            if isinstance(item, (TextLine, QRCode)) and not over and not safe.contains(item.bounds(), tol=0.01):
                what = "a QR code" if isinstance(item, QRCode) else f"the text {item.text[:24]!r}"
                b = item.bounds()
                gap = min(b.x, b.y, page.width - b.right, page.height - b.bottom)
                raise SafeZoneError(name, i, region.id, f"region '{region.id}' puts {what} {gap:.1f} mm from "
                                    f"the trim; the safe zone is {ctx.layout.safe:g} mm")
        ctx.used[region.id] = max((i.bounds().bottom for i in items), default=box.y)
        if over:  # what flows below it keeps its place: the overflow shows where it happens
            ctx.used[region.id] = min(ctx.used[region.id], box.bottom)
        shown = [i.bounds() for i in items if not isinstance(i, Link)]
        if shown:
            ctx.drawn[region.id] = reduce(Box.union, shown)
    for layered in (True, False):
        for i, region in enumerate(template.regions):
            if region.layered == layered:
                page.extend(by_region[i])
    page.extend(on_top)
    if lint:
        from .layout_lint.page import lint_page  # only when a page is composed: a memoised one carries its lint

        page.lint = lint_page(page, ctx, template, name, by_region)
    page.items = knockouts(page.items)  # after the lint, which knows items by identity
    return page
