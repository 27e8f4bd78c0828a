"""The command line's print settings and edition, in a module light enough for the
no-op path (a plain class: importing dataclasses alone costs that path 15 ms)."""
from __future__ import annotations

LANGUAGES = {"zh": "Chinese", "en": "English", "zh-Hant": "Traditional Chinese", "ja": "Japanese", "ko": "Korean"}
#: every edition: one script alone, English alone, or a script with English under it
EDITIONS = ("zh-en", "zh", "en", "zh-Hant-en", "zh-Hant", "ja-en", "ja", "ko-en", "ko")


class PrintOptions:
    """How the files are made for the press, and in which languages."""

    __slots__ = ("size", "bleed", "marks", "draft", "lang", "fmt", "standard")

    def __init__(self, size: str | None = None, bleed: float | None = None, marks: bool = True,
                 draft: bool = False, lang: str = "zh-en", fmt: str = "print", standard: str | None = None):
        self.size = size  # a poster sheet size (A0-A4); None: the layout's own
        self.bleed = bleed  # mm; None: the layout's
        self.marks = marks  # crop (and registration) marks in a slug
        self.draft = draft  # low-resolution images warn instead of failing
        self.lang = lang  # the edition: zh-en (bilingual), zh, en, or another script (EDITIONS)
        self.fmt = fmt  # print, screen, social or all
        self.standard = standard  # a PDF/X standard (pdfx_standards); None: each layout's print.standard

    @property
    def printed(self) -> tuple[str, ...]:
        """The languages the edition prints, in order: ("zh-Hant", "en"), ("ja",) ..."""
        if self.lang == "en":
            return ("en",)
        script = self.lang[:-3] if self.lang.endswith("-en") else self.lang
        return (script, "en") if self.lang.endswith("-en") else (script,)

    @property
    def script(self) -> str:
        """The script set in the Chinese slot (zh, zh-Hant, ja, ko); zh for English alone."""
        return next((lang for lang in self.printed if lang != "en"), "zh")

    @property
    def langs(self) -> tuple[str, ...]:
        """The slots the layouts compose: "zh" (whatever script fills it) and/or "en"."""
        return tuple("en" if lang == "en" else "zh" for lang in self.printed)

    @property
    def edition(self) -> str:
        """What output names carry: nothing for the bilingual edition, else ".zh", ".en",
        ".ja-en", ".zh-Hant" ..."""
        return "" if self.lang == "zh-en" else f".{self.lang}"

    def key(self) -> str:
        """The options as recorded in the build manifest."""
        key = f"size={self.size};bleed={self.bleed};marks={self.marks};draft={self.draft};lang={self.lang}"
        return key + (f";standard={self.standard}" if self.standard else "")
