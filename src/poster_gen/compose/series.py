"""The series copyfit: one decision for every poster of a layout.

Every style keeps its size on the type scale. When a body text does not fit, the
layout may let its body styles (``shrink: 1``) step down the scale, but only for the
whole series at once: the five posters hang side by side, and one size per role
across them is the rule. So the step is the largest any landmark needs; a landmark's
need is memoised (keyed by everything its composition reads), so a warm build pays
nothing and an edit recomposes one landmark.
"""
from __future__ import annotations

from typing import Mapping, NamedTuple

from ..load.layout_models import Layout
from ..load.models import Landmark
from ..load.project import Project
from ..disk_cache import memoised, stored
from . import overflow
from .document import ComposeError, compose_poster, series_position
from .segment import jieba_identity
from .text import Metrics


class SeriesArgs(NamedTuple):
    """What a series' posters are composed with (one per layout and print or screen)."""

    fonts: Mapping[str, Metrics]
    layout_name: str
    layout: Layout
    langs: tuple[str, ...]
    scale: float
    sheet: tuple[float, float] | None


def max_step(layout: Layout) -> int:
    """How far the layout lets any style step down (0: the sizes never change)."""
    return max((st.shrink for st in layout.styles.values()), default=0)


def needed_step(project: Project, landmark: Landmark, fonts: Mapping[str, Metrics], layout_name: str,
                layout: Layout, langs: tuple[str, ...], scale: float,
                sheet: tuple[float, float] | None) -> int:
    """The fewest steps at which ``landmark``'s poster fits. A text that stepping down
    cannot help (display type) stops the search: its own build reports it."""
    top = max_step(layout)
    for step in range(top + 1):
        try:
            # linted, so the page the probe composes is the one the build then reads from the memo;
            # strict in a draft too: the step is the build's
            with overflow.strict():
                compose_poster(project, landmark, fonts, scale, sheet=sheet, langs=langs, layout_name=layout_name,
                               layout=layout, step=step)
            return step
        except ComposeError as err:
            if err.fit is None or not err.fit.shrinkable:
                return step
    return top


def series_step(project: Project, fonts: Mapping[str, Metrics], layout_name: str = "poster",
                layout: Layout | None = None, langs: tuple[str, ...] = ("zh", "en"), scale: float = 1.0,
                sheet: tuple[float, float] | None = None) -> int:
    """The step every poster of ``layout_name`` is set at: the most any landmark needs."""
    layout = layout or project.layouts[layout_name]
    if not max_step(layout) or not project.landmarks:
        return 0
    return max(landmark_step(project, lm, fonts, layout_name, layout, langs, scale, sheet)
               for lm in project.landmarks)


def unprobed(project: Project, fonts: Mapping[str, Metrics], layout_name: str = "poster",
             layout: Layout | None = None, langs: tuple[str, ...] = ("zh", "en"), scale: float = 1.0,
             sheet: tuple[float, float] | None = None) -> list[Landmark]:
    """The landmarks whose need :func:`series_step` would have to compose to learn."""
    layout = layout or project.layouts[layout_name]
    if not max_step(layout):
        return []
    return [lm for lm in project.landmarks
            if not stored("fit", _key(project, lm, fonts, layout, langs, scale, sheet))]


def landmark_step(project: Project, lm: Landmark, fonts: Mapping[str, Metrics], layout_name: str,
                  layout: Layout, langs: tuple[str, ...], scale: float, sheet: tuple[float, float] | None) -> int:
    """One landmark's need, memoised (a build's workers may have worked it out ahead)."""
    return memoised("fit", _key(project, lm, fonts, layout, langs, scale, sheet),
                    lambda: needed_step(project, lm, fonts, layout_name, layout, langs, scale, sheet))


def _key(project: Project, lm: Landmark, fonts: Mapping[str, Metrics], layout: Layout,
         langs: tuple[str, ...], scale: float, sheet: tuple[float, float] | None) -> tuple:
    names = sorted(getattr(m, "ps_name", None) or type(m).__name__ for m in fonts.values())
    return ("series-step", repr(lm), repr(project.campaign), repr(layout), names, langs, scale, sheet,
            series_position(project, lm), jieba_identity())
