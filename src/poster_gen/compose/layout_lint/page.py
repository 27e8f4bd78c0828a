"""Layout lint: the designer's rules, checked on every composed page of every build.

- no two regions' content overlaps, unless a region is declared layered (behind);
- every text meets WCAG 2.x contrast against the colour printed behind it (4.5:1, or
  3:1 for large text), computed from the CMYK values; a failure carries its colours, so
  the build can blame the theme colour that caused it (``contrast``);
- body text and captions are at least the medium's minimum sizes (scaled with --size);
- every region sits on the grid: its edges on column edges (or the trim, for a field
  that bleeds) and its top on the baseline grid, within the tolerance;
- ink keeps its distance from ink (``ink``), lines keep clreq (``clreq``),
  sizes keep the type scale and pinned regions their place (``type_scale``), and space
  groups, balances and is not left empty (``space``). The brochure's spreads say
  each fact once (``spread``, run on the whole document).

Pure geometry on the composed page: nothing is drawn.
"""
from __future__ import annotations

from ...load.layout_models import Template
from . import clreq, ink, space, type_scale
from ..page_context import PageContext
from ...page_model import Box, Image, Item, Page, TextLine
from ..overprint import behind, fill_of
from .kit import ContrastCause, LintIssue, PageLint

__all__ = ["LintIssue", "lint_page"]

BOLD_LARGE = 18.66  # pt: WCAG counts bold text from 14 px-equivalent points as large


def lint_page(page: Page, ctx: PageContext, template: Template, name: str,
              by_region: dict[int, list[Item]]) -> list[LintIssue]:
    pl = PageLint(page, ctx, template, name, by_region)
    content = {i: items for i, items in by_region.items() if items and not template.regions[i].layered}
    issue = pl.issue
    _overlaps(content, template, page, issue)
    _contrast(page, content, ctx, issue, _theme_name(ctx, template))
    _sizes(content, ctx, issue)
    _grid(page, content, template, ctx, issue)
    for module in (ink, clreq, type_scale, space):
        module.check(pl)
    return pl.issues


def _bounds(items: list[Item]) -> Box:
    boxes = [i.bounds() for i in items]
    b = boxes[0]
    for o in boxes[1:]:
        b = b.union(o)
    return b


def _overlaps(content, template: Template, page: Page, issue) -> None:
    keys = sorted(content)
    unions = {i: _bounds(content[i]) for i in keys}
    for a_pos, a in enumerate(keys):
        for b in keys[a_pos + 1:]:
            if not unions[a].intersects(unions[b], tol=0.2):
                continue
            hit = next(((x, y) for x in content[a] for y in content[b]
                        if x.bounds().intersects(y.bounds(), tol=0.2)), None)
            if hit:
                box = hit[0].bounds()
                issue(b, f"overlaps region '{template.regions[a].id}' on {page.label or 'the page'} "
                      f"(near x {box.cx:.0f} mm, y {box.cy:.0f} mm); move one, or declare one layered")


def _theme_name(ctx: PageContext, template: Template) -> str:
    """The theme the page is set in: its landmark's, or the layout's campaign theme."""
    landmark = ctx.data.get("landmark")
    theme = getattr(landmark, "theme", None) if template.theme == "landmark" else None
    return theme or ctx.layout.campaign_theme


def _contrast(page: Page, content, ctx: PageContext, issue, theme: str) -> None:
    spec = ctx.layout.lint
    region_of = {id(it): i for i, items in content.items() for it in items}
    painted: list[Item] = []  # filled shapes and images, in drawing order
    for item in page.items:
        if isinstance(item, TextLine) and id(item) in region_of:
            bg = behind(item, painted)
            if isinstance(bg, Image):
                issue(region_of[id(item)], f"the text {item.text[:20]!r} sits on a photo; its contrast is not "
                      "measured: check it by eye", "warning")
                continue
            if bg is None:
                continue
            ratio = item.colour.contrast(bg.fill)
            large = item.size_pt >= spec.large or (item.font != "regular" and item.size_pt >= BOLD_LARGE)
            need = spec.contrast_large if large else spec.contrast
            if ratio + 1e-6 < need:
                issue(region_of[id(item)], f"the text {item.text[:20]!r} ({item.size_pt:.1f} pt, "
                      f"{item.colour.name or 'its colour'}) on {bg.fill.name or 'its ground'} has a contrast of "
                      f"{ratio:.2f}:1; it needs {need:g}:1",
                      cause=ContrastCause(item.colour, bg.fill, ratio, need, theme, item.style))
        elif isinstance(item, Image) or fill_of(item) is not None:
            painted.append(item)


def _sizes(content, ctx: PageContext, issue) -> None:
    spec = ctx.layout.lint
    for i, items in content.items():
        for t in items:
            if not isinstance(t, TextLine) or t.level == "display":
                continue
            need = (spec.min_body if t.level == "body" else spec.min_caption) * ctx.scale
            if t.size_pt + 0.01 < need:
                issue(i, f"the {t.level} text {t.text[:20]!r} is {t.size_pt:.1f} pt; {t.level} text needs at "
                      f"least {need:.1f} pt here")
                break


def _grid(page: Page, content, template: Template, ctx: PageContext, issue) -> None:
    lay, s = ctx.layout, ctx.scale
    tol = lay.lint.grid_tolerance
    lefts, rights = {0.0, page.width}, {0.0, page.width}
    for col in range(1, lay.grid.columns + 1):
        x, w = ctx.column_x(col, 1)
        lefts.add(x)
        rights.add(x + w)
    step, top0 = lay.grid.baseline * s, lay.margins.top * s
    for i in content:
        region = template.regions[i]
        box = page.frames.get(region.id)
        if box is None or region.kind == "motif":
            continue
        if min(abs(box.x - x) for x in lefts) > tol or min(abs(box.right - x) for x in rights) > tol:
            issue(i, f"its edges ({box.x:.1f}-{box.right:.1f} mm) are not on the {lay.grid.columns}-column grid; "
                  "place it with col/span")
        r = (box.y - top0) % step
        if min(r, step - r) > tol:
            issue(i, f"its top ({box.y:.1f} mm) is off the {step:g} mm baseline grid counted from the top margin")
