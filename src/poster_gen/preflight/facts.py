"""What the content walk found, for the content checks to judge (``collect`` fills it).

Split from ``collect`` so the checks read the facts without the walk that gathers them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .colourspace import ColourSpace
from .geometry import Matrix
from .model import Findings
from .separations import Separations
from .state import Where
from .transparency import Transparency


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
class PageVerdicts:
    """One page's overprint verdicts, kept apart until the page is done: a page whose
    bound passes the limit is walked again with geometry, and that walk's verdicts
    replace these."""

    overprint: Findings = field(default_factory=Findings)  # measured combinations over the limit
    worst: tuple[float, str] = (0.0, "")                    # the most ink measured where paints combine
    bound: tuple[float, str] = (0.0, "")                    # the most a bound allowed (not measured)
    refused: Findings = field(default_factory=Findings)    # K100 knocking out where overprint is fine
    accepted: int = 0                                       # ... where overprint would pass the limit

    def commit(self, facts: Facts) -> None:
        facts.ink.extend(self.overprint)
        facts.knockouts_refused.extend(self.refused)
        facts.knockouts_accepted += self.accepted
        facts.overprint_worst = max(facts.overprint_worst, self.worst)
        facts.overprint_bound = max(facts.overprint_bound, self.bound)


@dataclass
class Facts:
    """What the walk found, for the checks to judge."""

    colour: Findings = field(default_factory=Findings)
    content: Findings = field(default_factory=Findings)        # streams that could not be read
    ink: Findings = field(default_factory=Findings)            # colours over the limit, overprint included
    ink_worst: tuple[float, str] = (0.0, "")
    overprint_worst: tuple[float, str] = (0.0, "")             # measured where paints combine
    overprint_bound: tuple[float, str] = (0.0, "")             # bounded where that sufficed
    registration_exempt: int = 0
    shadings_unmeasured: int = 0
    black_text: Findings = field(default_factory=Findings)
    black_text_runs: int = 0
    black_text_opm0: int = 0
    knockouts_refused: Findings = field(default_factory=Findings)
    knockouts_accepted: int = 0
    transparency: Transparency = field(default_factory=Transparency)
    separations: Separations = field(default_factory=Separations)
    fonts: dict[Any, FontUse] = field(default_factory=dict)
    font_problems: Findings = field(default_factory=Findings)
    placements: list[Placement] = field(default_factory=list)
