"""The command line's print settings, in a module light enough for the no-op path."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintOptions:
    """How the files are made for the press."""

    size: str | None = None  # a poster sheet size (A0-A4); None: the layout's own
    bleed: float | None = None  # mm; None: the layout's
    marks: bool = True  # crop (and registration) marks in a slug
    draft: bool = False  # low-resolution images warn instead of failing

    def key(self) -> str:
        """The options as recorded in the build manifest."""
        return f"size={self.size};bleed={self.bleed};marks={self.marks};draft={self.draft}"
