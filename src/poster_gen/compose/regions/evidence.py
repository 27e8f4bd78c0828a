"""Region composers for the poster's argument: key figures, the plan, the chain and
the voice (a quote, or the institutions or highlights when a landmark has none).
"""
from __future__ import annotations

from dataclasses import replace

from ...load.layout_models import Region
from ...load.models import Chain, Institutions, KeyFigure, Plan, Quote, Text
from .. import clreq, overflow
from .shared import bilingual, composer, set_paras
from ..page_context import PageContext
from ...page_model import Box, Circle, Item, Path, Rect, Stroke, TextLine
from ...units import MM_PER_PT
from ..text import FitError, Para, first_lines, line_bottom, line_top, single_line, text_width


def figure_caption_en(fig: KeyFigure) -> str:
    """The English line under a figure. When the numeral or unit reads differently in
    English ("300–500 亿元" is "30–50 billion yuan"), the English figure leads the caption."""
    value_en = fig.value_in("en")
    unit_en = fig.unit.en if fig.unit else ""
    if value_en != fig.value_in("zh") or unit_en:
        return " ".join(p for p in (value_en, unit_en, fig.label.en) if p)
    return fig.label.en


def grid_slots(ctx: PageContext, box: Box, n: int) -> list[tuple[float, float]]:
    """``n`` equal slots (x, width) across ``box`` on the layout's column grid: a row of
    three figures takes four columns each, a row of four three each. Where the box's
    columns do not divide by ``n``, the slots divide the box evenly."""
    cols = [c for c in range(1, ctx.layout.grid.columns + 1)
            if box.x - 0.01 <= ctx.column_x(c, 1)[0] and sum(ctx.column_x(c, 1)) <= box.right + 0.01]
    if n and cols and len(cols) % n == 0:
        per = len(cols) // n
        return [ctx.column_x(cols[i * per], per) for i in range(n)]
    gut = ctx.mm(ctx.layout.grid.gutter)
    w = (box.w - gut * (n - 1)) / max(1, n)
    return [(box.x + i * (w + gut), w) for i in range(n)]


@composer("figures")
def figures(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    """The key figures in a row on the grid (three take four columns each, four three);
    with ``columns`` set, in rows of that many (a small card)."""
    figs: list[KeyFigure] = ctx.value(region)[0]
    path = ctx.value(region)[1] or ("key_figures",)
    per_row = region.columns if region.columns > 1 else len(figs)
    rows = -(-len(figs) // per_row)
    row_h = box.h / rows
    slots = grid_slots(ctx, box, per_row)
    gut = ctx.mm(ctx.layout.grid.gutter)
    vst, ust = ctx.region_style(region, "value"), ctx.region_style(region, "unit")
    fv, fu = ctx.fonts[vst.font], ctx.fonts[ust.font]
    unit_gap = ctx.mm(1.2)
    lang = ctx.langs[0]  # the numeral reads in the edition's first language
    # the numerals are display type: they never shrink; a numeral too wide for its slot
    # (with room to keep clear of its neighbour) is an input error (a draft sets it, marked)
    clear = max(0.0, ctx.layout.lint.ink_gap * vst.size * MM_PER_PT - gut)
    wide: dict[int, float] = {}  # a draft's numerals too wide: how wide their slots allow
    for i, fig in enumerate(figs):
        colw = slots[i % per_row][1]
        w = text_width(fig.value_in(lang), fv, vst.size, vst.tracking)
        unit = fig.unit.get(lang) if fig.unit else ""
        if unit:
            w += unit_gap + text_width(unit, fu, ust.size, ust.tracking)
        if w > colw - clear + 1e-6:
            per = text_width("0", fv, vst.size, vst.tracking)
            cut = max(1, round((w - colw + clear) / per))
            err = FitError((*path, i, "value"), region.id, f"{w - colw + clear:.0f} mm too wide; cut about "
                           f"{cut} characters", cut=cut)
            if not overflow.record(err):
                raise err
            wide[i] = colw - clear
    items: list[Item] = []
    divider = ctx.colour(region.colour, region.tint, "tint")
    for i, fig in enumerate(figs):
        r, c = divmod(i, per_row)
        x, colw = slots[c]
        top, bottom = box.y + r * row_h, box.y + (r + 1) * row_h
        base = top + line_top(fv, "0", vst.size)
        label_top = base + ctx.dist(region.between or 4)  # numeral to label
        label_h = bottom - label_top
        value = single_line(fig.value_in(lang), vst, ctx.fonts, x, base, "left", region.id, lang=lang)
        numeral = [value]
        unit = fig.unit.get(lang) if fig.unit else ""
        if unit:  # the unit sits on the numeral's baseline, right after it
            numeral.append(single_line(unit, ust, ctx.fonts, x + value.width + unit_gap, base, "left", region.id,
                                       lang=lang))
        if i in wide:
            numeral = overflow.mark_excess(numeral, Box(x, top, colw, bottom - top), x + wide[i], ctx.width)
        items.extend(numeral)
        # a short label broken over two lines is balanced and breaks between words
        paras = [Para(fig.label.get(lang), ctx.region_style(region, "zh"), 0.0, True, (*path, i, "label", lang),
                      lang=lang)]
        if len(ctx.langs) > 1:  # bilingual: the English line carries the English figure
            paras.append(Para(figure_caption_en(fig), ctx.region_style(region, "en"), ctx.dist(region.gap),
                              True, (*path, i, "label", "en"), lang="en"))
        lines, _ = set_paras(region, Box(x, label_top, colw, label_h), ctx, paras, height=label_h, align="left")
        items.extend(lines)
        if c:  # a hairline between the labels, in the gutter, clear of the numerals' ink
            rule_top = base + line_bottom(fv, vst.size) + ctx.layout.lint.ink_gap * vst.size * MM_PER_PT + ctx.mm(1.5)
            dx = x - gut / 2
            items.append(Path((("M", dx, max(rule_top, label_top - ctx.mm(1))), ("L", dx, bottom)),
                              stroke=Stroke(divider, 0.75 * ctx.scale, cap="butt"), role=f"{region.id}-rule"))
    return items


def caption_text(ctx: PageContext, label: Text | None, extra: str = "") -> str:
    """A caption line: the label in the edition's languages, then ``extra``."""
    if label is None:
        return extra
    return ctx.joined(label) + (f"  ·  {extra}" if extra else "")


def _marker(ctx: PageContext, region: Region, x: float, y: float, line: TextLine) -> Item:
    """A small square bullet centred on a line's x-height."""
    s = ctx.mm(1.6)
    mid = line.y - line.ascent * 0.45
    return Rect(Box(x, mid - s / 2, s, s), fill=ctx.colour(region.colour, 1.0, "accent"),
                role=f"{region.id}-bullet")


def run_on(entries: list[Text], limit: int) -> list[Text]:
    """A list longer than ``limit`` set as one run-on entry ("A、B、C" / "A, B and C"),
    so nothing is dropped; shorter lists as they are."""
    if not limit or len(entries) <= limit:
        return entries
    en = [e.en for e in entries]
    return [Text(zh="、".join(e.zh for e in entries), en=", ".join(en[:-1]) + f" and {en[-1]}")]


@composer("plan")
def plan(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    p: Plan = ctx.value(region)[0]
    path = ctx.value(region)[1] or ("plan",)
    labels = ctx.data["labels"]
    when = f"{p.year}" if p.status == "issued" and p.year else \
        ctx.joined(labels["forthcoming"], " ").upper() if "forthcoming" in labels else ""
    cap = ctx.region_style(region, "caption")
    paras = [Para(caption_text(ctx, ctx.label(region.label), when), cap, 0.0, False, ctx.label_path(region))]
    paras += [replace(q, space_before=q.space_before if i else ctx.dist(region.between or 4))
              for i, q in enumerate(bilingual(region, ctx, p.name, (*path, "name"), balance=True))]
    indent = ctx.mm(5)
    starts = []  # the paragraph each measure begins with: its bullet goes there
    for i, m in enumerate(run_on(p.measures, region.max_items)):
        starts.append(len(paras))
        paras += _entry(bilingual(region, ctx, m, (*path, "measures", i), zh_role="item_zh", en_role="item_en"),
                        indent, ctx.dist(region.between or 3))
    lines, block = set_paras(region, box, ctx, paras)
    items: list[Item] = list(lines)
    heads = first_lines(block, lines)
    for k in starts:
        head = heads[k] if k < len(heads) else None
        if head is not None:  # an entry that placed no line has no bullet
            items.append(_marker(ctx, region, box.x, 0, head))
    return items


def _entry(paras: list[Para], indent: float, before: float) -> list[Para]:
    """One list entry in the edition's languages: indented, spaced from the last one
    (the languages of one entry keep the region's pair gap)."""
    return [replace(q, indent=indent, space_before=before if j == 0 else q.space_before)
            for j, q in enumerate(paras)]


def node_list(region: Region, box: Box, ctx: PageContext, title: Text | None, entries: list[Text],
              path: tuple[str | int, ...], node_colour: str) -> list[Item]:
    """Entries strung on a line with a node each: a chain, a circuit, a timeline. With
    ``columns`` > 1 the entries run in that many columns under one caption."""
    entries = run_on(entries, region.max_items)
    cols = max(1, min(region.columns, len(entries)))
    if cols > 1:
        return _node_columns(region, box, ctx, title, entries, path, node_colour, cols)
    paras: list[Para] = []
    if title is not None:
        cap = ctx.region_style(region, "caption")
        paras.append(Para(caption_text(ctx, title), cap, 0.0, False, (*path, "title")))
    indent = ctx.mm(8)
    starts = []
    roles = ("item_zh", "item_en") if "item_zh" in region.styles else ("zh", "en")  # entries, not running text
    for i, e in enumerate(entries):
        starts.append(len(paras))
        paras += _entry(bilingual(region, ctx, e, (*path, i), zh_role=roles[0], en_role=roles[1]), indent,
                        ctx.dist(region.between or 3) if paras else 0.0)
    lines, block = set_paras(region, box, ctx, paras)
    heads = first_lines(block, lines)
    colour = ctx.colour(node_colour)
    r = ctx.mm(1.9)
    cx = box.x + ctx.mm(2.4)
    placed = [h for k in starts if k < len(heads) and (h := heads[k]) is not None]
    centres = [h.y - h.ascent * 0.45 for h in placed]
    items: list[Item] = []
    if len(centres) > 1:
        items.append(Path((("M", cx, centres[0]), ("L", cx, centres[-1])),
                          stroke=Stroke(colour, 1.2 * ctx.scale, cap="butt"), role=f"{region.id}-line"))
    for cy in centres:
        items.append(Circle(cx, cy, r, fill=ctx.palette["ground"],
                            stroke=Stroke(colour, 1.4 * ctx.scale), role=f"{region.id}-node"))
        items.append(Circle(cx, cy, r * 0.45, fill=colour, role=f"{region.id}-node"))
    return items + list(lines)


def _node_columns(region: Region, box: Box, ctx: PageContext, title: Text | None, entries: list[Text], path: tuple[str | int, ...],
                  node_colour: str, cols: int) -> list[Item]:
    """A caption across the box, then the entries in ``cols`` columns of the grid."""
    items: list[Item] = []
    top = box.y
    if title is not None:
        lines, block = set_paras(region, box, ctx, [Para(caption_text(ctx, title), ctx.region_style(region, "caption"),
                                                         0.0, False, (*path, "title"))])
        items += lines
        top = box.y + block.height + ctx.dist(region.between or 3)
    single = replace(region, columns=1, max_items=0)
    per = -(-len(entries) // cols)
    for c, (x, w) in enumerate(grid_slots(ctx, box, cols)):
        part = entries[c * per:(c + 1) * per]
        if part:
            items += node_list(single, Box(x, top, w, box.bottom - top), ctx, None, part, path, node_colour)
    return items


@composer("chain")
def chain(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    value, path = ctx.value(region)
    if isinstance(value, Chain):
        return node_list(region, box, ctx, value.title, value.segments, (*path, "segments"),
                         region.colour or "primary")
    if isinstance(value, list):
        return node_list(region, box, ctx, None, value, path or ("highlights",), region.colour or "primary")
    return []


@composer("voice")
def voice(region: Region, box: Box, ctx: PageContext) -> list[Item]:
    value, path = ctx.value(region)
    if isinstance(value, Quote):
        return _quote(region, box, ctx, value, path or ("quote",))
    if isinstance(value, Institutions):
        return node_list(region, box, ctx, value.title, value.names, (*path, "names"),
                         region.colour or "accent")
    if isinstance(value, list):  # highlights: a statement in the quote's type (no mark: nobody said it)
        return statement(region, box, ctx, value, path or ("highlights",))
    return []


def statement(region: Region, box: Box, ctx: PageContext, entries: list[Text], path: tuple[str | int, ...]) -> list[Item]:
    """Highlights standing in for a voice: set in the quote's type under an accent
    bar, each in the edition's languages."""
    paras: list[Para] = []
    roles = ("statement_zh", "statement_en") if "statement_zh" in region.styles else ("zh", "en")
    for i, e in enumerate(run_on(entries, region.max_items)):
        pair = bilingual(region, ctx, e, (*path, i), zh_role=roles[0], en_role=roles[1])
        if paras:
            pair[0] = replace(pair[0], space_before=ctx.dist(region.between or 4))
        paras += pair
    indent = ctx.mm(6)
    paras = [replace(q, indent=indent) for q in paras]
    lines, block = set_paras(region, box, ctx, paras)
    bar = Rect(Box(box.x, box.y, ctx.mm(1.2), block.height), fill=ctx.colour(region.colour, 1.0, "accent"),
               role=f"{region.id}-mark")
    return [bar, *lines]


def _quote(region: Region, box: Box, ctx: PageContext, q: Quote, path: tuple[str | int, ...]) -> list[Item]:
    """The quote and who said it. With ``excerpt`` (a poster's pull quote) the quote's
    excerpt stands for it, and the line about the organisation is left to the brochure."""
    mark_style = ctx.region_style(region, "mark")
    cap = ctx.region_style(region, "caption")
    items: list[Item] = []
    paras = [Para(caption_text(ctx, ctx.label(region.label)), cap, 0.0, False, ctx.label_path(region))]
    mark_h = mark_style.size * 11 / 90  # mm: the mark is as tall as the style's cap height
    excerpt = q.excerpt if region.excerpt else None
    said, field = (elided(q.text, excerpt), (*path, "excerpt")) if excerpt else (q.text, (*path, "text"))
    text = bilingual(region, ctx, said, field)
    paras += [replace(text[0], space_before=ctx.mm(4) + mark_h + ctx.mm(2.5)), *text[1:]]
    by = ctx.region_style(region, "by")
    for i, lang in enumerate(ctx.langs):
        line = clreq.ATTRIBUTION[ctx.layout.script].format(
            speaker=q.speaker.zh, organisation=q.organisation.zh, title=q.title.zh) if lang == "zh" else \
            f"{q.speaker.en}, {q.title.en}, {q.organisation.en}"
        paras.append(Para(line, by if i == 0 else replace(by, font="regular"),
                          ctx.dist(region.gap) if i else ctx.dist(region.between or 4), False,
                          (*path, "speaker", lang), lang=lang))
    if q.about and not excerpt:
        lang = ctx.langs[-1]
        paras.append(Para(q.about.get(lang), ctx.region_style(region, "en"), ctx.dist(region.between or 3), False,
                          (*path, "about", lang), lang=lang))
    lines, block = set_paras(region, box, ctx, paras)
    cap_line = lines[0]
    # a large opening quote mark drawn as two filled commas, in the accent colour
    top = cap_line.y + cap_line.descent + ctx.mm(4)
    items.extend(_quote_mark(box.x, top, mark_h, ctx.colour(region.colour, 1.0, "accent"), f"{region.id}-mark"))
    return items + list(lines)


def elided(whole: Text, part: Text) -> Text:
    """An excerpt marked where it leaves the quotation out: "… the talent resources"
    (the English decides; Chinese takes its two-em ellipsis)."""
    full, en = " ".join(whole.en.split()), " ".join(part.en.split())
    at = full.find(en)
    if at < 0:
        return part
    # a part that starts or ends a sentence leaves nothing out there
    head = at > 0 and full[:at].rstrip()[-1:] not in ".!?"
    tail = at + len(en) < len(full.rstrip(".!?”’\"")) and en.rstrip()[-1:] not in ".!?"
    return Text(zh=("……" if head else "") + part.zh + ("……" if tail else ""),
                en=("… " if head else "") + part.en + (" …" if tail else ""))


def _quote_mark(x: float, y: float, h: float, colour, role: str) -> list[Item]:
    """“ as geometry: two round dots with tails, so it looks the same in every font."""
    r = h * 0.32
    out: list[Item] = []
    for dx in (0.0, h * 0.9):
        cx, cy = x + dx + r, y + h - r
        k = 0.5523 * r
        tail = (("M", cx - r, cy), ("C", cx - r, cy - h * 0.55, cx + r * 0.2, cy - h * 0.78, cx + r * 1.1, cy - h * 0.8),
                ("L", cx + r * 1.1, cy - h * 0.62), ("C", cx + r * 0.3, cy - h * 0.56, cx - r * 0.1, cy - h * 0.4,
                                                         cx + 0.0, cy - r),
                ("C", cx + k, cy - r, cx + r, cy - k, cx + r, cy), ("C", cx + r, cy + k, cx + k, cy + r, cx, cy + r),
                ("C", cx - k, cy + r, cx - r, cy + k, cx - r, cy), ("Z",))
        out.append(Path(tail, fill=colour, role=role))
    return out
