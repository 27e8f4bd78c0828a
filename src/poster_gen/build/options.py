"""The command line's print settings and edition, in a module light enough for the
no-op path (a plain class: importing dataclasses alone costs that path 15 ms)."""
from __future__ import annotations

LANGUAGES = {"zh": "Chinese", "en": "English"}
EDITIONS = ("zh-en", "zh", "en")


class PrintOptions:
    """How the files are made for the press, and in which languages."""

    __slots__ = ("size", "bleed", "marks", "draft", "lang", "fmt", "standard")

    def __init__(self, size: str | None = None, bleed: float | None = None, marks: bool = True,
                 draft: bool = False, lang: str = "zh-en", fmt: str = "print", standard: str | None = None):
        self.size = size  # a poster sheet size (A0-A4); None: the layout's own
        self.bleed = bleed  # mm; None: the layout's
        self.marks = marks  # crop (and registration) marks in a slug
        self.draft = draft  # low-resolution images warn instead of failing
        self.lang = lang  # the edition: zh-en (bilingual), zh or en
        self.fmt = fmt  # print, screen, social or all
        self.standard = standard  # a PDF/X standard (pdfx_standards); None: each layout's print.standard

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self.lang.split("-"))

    @property
    def edition(self) -> str:
        """What output names carry: nothing for the bilingual edition, else ".zh"/".en"."""
        return "" if self.lang == "zh-en" else f".{self.lang}"

    def key(self) -> str:
        """The options as recorded in the build manifest."""
        key = f"size={self.size};bleed={self.bleed};marks={self.marks};draft={self.draft};lang={self.lang}"
        return key + (f";standard={self.standard}" if self.standard else "")
