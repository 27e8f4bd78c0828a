"""What every lint module reads from one composed page: its regions' items, the ink of
its lines (computed once), its paragraphs, and one way to word and file a finding."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ...load.layout_models import Region, Template
from .. import clreq
from ..page_context import PageContext
from ...page_model import CMYK, Box, Item, Page, TextLine
from ...units import MM_PER_PT
from ..ink import ink_box, union


@dataclass(frozen=True)
class ContrastCause:
    """The colours of a text that reads too faintly, and the theme the page is set in:
    what ``lint_contrast.theme_blame`` needs to tell a theme's colour from a layout's choice."""

    fg: CMYK  # the text's colour
    bg: CMYK  # the colour printed behind it
    ratio: float
    need: float
    theme: str  # the theme of the page (a campaign page may also show landmarks' colours)
    style: str = ""  # the layout style the text is set in


@dataclass(frozen=True)
class LintIssue:
    severity: str  # "error" stops the build; "warning" is printed
    template: str
    index: int  # the region's index in the template
    region: str
    message: str
    cause: ContrastCause | None = None  # set for contrast: the theme's colour may be to blame


@dataclass(frozen=True)
class Paragraph:
    """The lines of one paragraph of a region, in reading order."""

    region: int
    para: int
    lines: tuple[TextLine, ...]

    @property
    def lang(self) -> str:
        return self.lines[0].lang

    @property
    def style(self) -> str:
        return self.lines[0].style

    def text(self) -> str:
        """The paragraph as one string: lines joined as the breaker split them (a space
        where a Latin line ended at one, nothing after a hyphen or next to Chinese)."""
        return join_lines([t.text for t in self.lines])[0]


def join_lines(texts: list[str]) -> tuple[str, list[int]]:
    """Lines joined into their paragraph, and the position of each break in it."""
    out = texts[0] if texts else ""
    breaks = []
    for t in texts[1:]:
        if out and t and not (clreq.is_cjk(out[-1]) or clreq.is_cjk(t[0]) or out[-1] == "-"):
            out += " "
        breaks.append(len(out))
        out += t
    return out, breaks


def excerpt(text: str, n: int = 16) -> str:
    return repr(text if len(text) <= n else text[:n] + "…")


@dataclass
class PageLint:
    page: Page
    ctx: PageContext
    template: Template
    name: str
    by_region: dict[int, list[Item]]
    issues: list[LintIssue] = field(default_factory=list)
    _ink: dict[int, Box | None] = field(default_factory=dict, repr=False)

    def issue(self, i: int, message: str, severity: str = "error", cause: ContrastCause | None = None) -> None:
        self.issues.append(LintIssue(severity, self.name, i, self.template.regions[i].id, message, cause))

    def region(self, i: int) -> Region:
        return self.template.regions[i]

    @cached_property
    def texts(self) -> list[tuple[int, TextLine]]:
        """Every line of the page with its region's index, in composition order."""
        return [(i, it) for i, items in self.by_region.items() for it in items if isinstance(it, TextLine)]

    def ink(self, line: TextLine) -> Box | None:
        key = id(line)
        if key not in self._ink:
            self._ink[key] = ink_box(line, self.ctx.fonts)
        return self._ink[key]

    def ink_of(self, lines) -> Box | None:
        return union([b for b in (self.ink(t) for t in lines) if b is not None])

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Lines grouped by paragraph number (lines with ``para`` 0 stand alone and are
        not paragraphs here), in each region's order."""
        groups: dict[tuple[int, int], list[TextLine]] = {}
        for i, t in self.texts:
            if t.para:
                groups.setdefault((i, t.para), []).append(t)
        return [Paragraph(i, p, tuple(lines)) for (i, p), lines in sorted(groups.items())]

    def gap(self, size_pt: float) -> float:
        """The least distance (mm) between the ink of text at ``size_pt`` and anything else."""
        return self.ctx.layout.lint.ink_gap * size_pt * MM_PER_PT

    def at(self, box: Box) -> str:
        """Where on the page: "near x 120, y 340 mm" (and the page of a brochure)."""
        where = f"near x {box.cx:.0f}, y {box.cy:.0f} mm"
        return f"{where} on p{self.ctx.page_number}" if self.ctx.page_number else where
