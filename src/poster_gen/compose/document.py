"""Assemble documents: one poster per landmark, and the brochure from its page sequence.

The brochure's sequence is expanded first (which template, which landmark, which page
number), so the contents page knows every page number before anything is composed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from ..load import fields as F
from ..load.editions import LANG_CODE
from ..load.layout_models import Layout
from ..load.models import Landmark, Text
from ..load.project import Project
from . import overflow
from .page_context import PageContext, palette_of
from ..page_model import Bookmark, Document
from .page import SafeZoneError, compose_page
from .text import FitError, Metrics


class ComposeError(Exception):
    """A landmark's content does not fit its layout (``fit``), or the layout breaks a
    print rule (``layout``); names the output and what to change."""

    def __init__(self, output: str, slug: str | None, err: FitError | SafeZoneError, layout: str = ""):
        self.output, self.slug = output, slug
        self.fit = err if isinstance(err, FitError) else None
        self.layout_error = err if isinstance(err, SafeZoneError) else None
        self.layout = layout
        super().__init__(f"{output}: {err}")


@dataclass(frozen=True)
class PlannedPage:
    number: int  # 1-based
    template: str
    landmark: Landmark | None
    bookmark: Text | None  # set on the first page of a step that has one
    level: int = 0
    in_contents: bool = True
    bookmark_field: tuple[str | int, ...] = ()  # where the bookmark's text comes from, for messages


@dataclass(frozen=True)
class ContentsEntry:
    title: Text
    page: int
    landmark: Landmark | None
    field: tuple[str | int, ...]  # where the title comes from, e.g. ("landmarks", 2, "name")


def _data(project: Project, landmark: Landmark | None) -> dict[str, Any]:
    c = project.campaign
    return {"landmark": landmark, "campaign": c, "labels": c.labels}


def plan_pages(project: Project, layout: Layout) -> list[PlannedPage]:
    pages: list[PlannedPage] = []
    for step in layout.sequence:
        if step.template:
            bm = F.resolve(step.bookmark, _data(project, None)) if step.bookmark else None
            pages.append(PlannedPage(len(pages) + 1, step.template, None, bm, 0, step.contents,
                                     F.path_of(step.bookmark) if step.bookmark else ()))
            continue
        for lm in project.landmarks:
            for j, tname in enumerate(step.templates):
                bm = F.resolve(step.bookmark, _data(project, lm)) if step.bookmark and j == 0 else None
                where = F.path_of(step.bookmark) if step.bookmark else ()
                if where[:1] == ("landmark",):  # the brochure's pages name the landmark by place
                    where = ("landmarks", project.landmarks.index(lm), *where[1:])
                pages.append(PlannedPage(len(pages) + 1, tname, lm, bm, 0, step.contents, where))
    if layout.page_multiple > 1 and layout.filler:
        while len(pages) % layout.page_multiple:
            at = max(0, len(pages) - layout.filler_before)
            pages.insert(at, PlannedPage(0, layout.filler, None, None, 0, False))
        pages = [replace(p, number=i + 1) for i, p in enumerate(pages)]
    return pages


def series_position(project: Project, landmark: Landmark) -> tuple[int, int]:
    """"03 / 05": the landmark's order when the orders number the series 1..n (so a
    broken file elsewhere does not renumber the good posters), else its rank."""
    count = len(project.landmarks) + len(project.failed)
    if all(1 <= lm.order <= count for lm in project.landmarks):
        return landmark.order, count
    return [lm.slug for lm in project.landmarks].index(landmark.slug) + 1, count


def _title(text: Text, langs: tuple[str, ...] = ("zh", "en"), sep: str = "  ") -> str:
    return sep.join(text.get(lang) for lang in langs)


def _lang_code(langs: tuple[str, ...], layout: Layout) -> str:
    """The document's language: what its Chinese slot holds in this edition (zh-CN,
    zh-TW, ja, ko; ``load.editions``), or English alone."""
    return LANG_CODE[layout.script] if langs[0] == "zh" else "en"


def compose_poster(project: Project, landmark: Landmark, fonts: Mapping[str, Metrics],
                   scale: float = 1.0, out: str = "", sheet: tuple[float, float] | None = None,
                   langs: tuple[str, ...] = ("zh", "en"), layout_name: str = "poster",
                   layout: Layout | None = None, step: int = 0, lint: bool = True) -> Document:
    """One landmark's poster; ``scale`` and ``sheet`` print it at another size (the A
    sizes are nearly, not exactly, the same shape: the trim is the exact sheet).
    ``step``: the series copyfit (``series.series_step``), the same for every poster."""
    layout = layout or project.layouts[layout_name]
    theme = project.themes[landmark.theme]
    index, count = series_position(project, landmark)
    ctx = PageContext(layout, palette_of(theme), fonts, _data(project, landmark), scale, project.root, langs,
              extras={"series_index": index, "series_count": count}, sheet=sheet, step=step)
    pages = []
    out = out or f"the {landmark.slug} poster"  # what messages call it (the build passes its file name)
    for seq in layout.sequence:
        names = [seq.template] if seq.template else seq.templates
        for name in names:
            try:
                pages.append(compose_page(layout.templates[name], ctx, f"poster:{landmark.slug}", name, lint))
            except (FitError, SafeZoneError) as err:
                raise ComposeError(out, landmark.slug, err, layout_name) from None
    c = project.campaign
    pages[0].bookmarks.append(Bookmark(_title(landmark.name, langs)))
    return Document(pages, title=f"{_title(landmark.name, langs, ' ')} · {_title(c.series, langs, ' ')}",
                    subject=_title(landmark.ambition, langs, " / "),
                    keywords=tuple(t.get(lang) for lang in langs for t in (c.city, c.series, landmark.name)),
                    author=c.contact.organisation.get(langs[-1]), lang=_lang_code(langs, layout), kind="poster",
                    slug=landmark.slug)


def compose_brochure(project: Project, fonts: Mapping[str, Metrics], scale: float = 1.0,
                     langs: tuple[str, ...] = ("zh", "en"), layout: Layout | None = None) -> Document:
    """The brochure, every page at one type scale: when a body text does not fit, the
    whole brochure steps its body styles down together (as far as the layout allows).
    A draft (``overflow.drafting``) steps as a build would, then sets the last step anyway."""
    layout = layout or project.layouts["brochure"]
    top = max((st.shrink for st in layout.styles.values()), default=0)
    for step in range(top + 1):
        try:
            with overflow.strict():
                return _brochure(project, fonts, scale, langs, layout, step)
        except ComposeError as err:
            if step == top or err.fit is None or not err.fit.shrinkable:
                if err.fit is not None and overflow.active():
                    return _brochure(project, fonts, scale, langs, layout, step)
                raise
    raise AssertionError("unreachable")


def _brochure(project: Project, fonts: Mapping[str, Metrics], scale: float, langs: tuple[str, ...],
              layout: Layout, step: int) -> Document:
    planned = plan_pages(project, layout)
    sections = [ContentsEntry(p.bookmark, p.number, p.landmark, p.bookmark_field) for p in planned if p.bookmark]
    contents = [entry for entry, p in zip(sections, [p for p in planned if p.bookmark]) if p.in_contents]
    campaign_palette = palette_of(project.themes[layout.campaign_theme])
    pages = []
    for p in planned:
        tpl = layout.templates[p.template]
        lm = p.landmark
        palette = palette_of(project.themes[lm.theme]) if lm is not None and tpl.theme == "landmark" \
            else campaign_palette
        index, count = series_position(project, lm) if lm else (0, len(project.landmarks))
        extras = {"contents": contents, "sections": sections, "landmarks": project.landmarks,
                  "themes": project.themes, "series_index": index, "series_count": count}
        ctx = PageContext(layout, palette, fonts, _data(project, lm), scale, project.root, langs, p.number, extras,
                  step=step)
        try:
            page = compose_page(tpl, ctx, f"brochure:p{p.number}", p.template)
        except (FitError, SafeZoneError) as err:
            raise ComposeError(f"brochure.pdf (page {p.number})", lm.slug if lm else None, err,
                               "brochure") from None
        if p.bookmark is not None:
            page.bookmarks.append(Bookmark(_title(p.bookmark, langs), p.level))
        pages.append(page)
    from .layout_lint.spread import spread_lint  # the brochure's own check: posters never load it

    for at, issue in spread_lint(pages, [(p.template, layout.templates[p.template]) for p in planned],
                                 [lm.name.zh for lm in project.landmarks]):
        pages[at].lint.append(issue)  # no fact twice on a spread: reported like the page's own lint
    c = project.campaign
    b = c.brochure
    return Document(pages, title=" · ".join(f"{b.title.get(lang)} {b.subtitle.get(lang)}" for lang in langs),
                    subject=_title(b.subtitle, langs, " / "),
                    keywords=tuple(t.get(lang) for lang in langs for t in (c.city, c.series,
                                                                           *[lm.name for lm in project.landmarks])),
                    author=c.contact.organisation.get(langs[-1]), lang=_lang_code(langs, layout), kind="brochure",
                    slug="brochure")
