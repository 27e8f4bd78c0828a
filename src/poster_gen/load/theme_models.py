"""Typed models of the colour themes: ``layouts/themes/<name>.yaml`` names a palette of
CMYK colours by token (``primary``, ``accent`` ...), each colour named in English and
in Chinese. Layouts refer to the tokens (``layout_models``), never to the values.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..print_rules import MAX_INK
from ..suggest import suggest
from .model_reader import meta
from .models import Text

TOKENS = ("primary", "secondary", "deep", "accent", "blossom", "ground", "tint", "paper", "ink")


def cmyk_check(value: list) -> str | None:
    if len(value) != 4:
        return f"has {len(value)} values; a CMYK colour has 4 (C, M, Y, K)"
    for ch, v in zip("CMYK", value):
        if v is None or not (0 <= v <= 100):
            return f"{ch} is {v:g}; each channel is 0-100 (percent ink)"
    if sum(value) > MAX_INK:
        return f"total ink is {sum(value):g}%; at most {MAX_INK:g}% prints cleanly"
    return None


#: plate names a spot ink cannot take: the process plates and PDF's special colorants
RESERVED_PLATES = ("Cyan", "Magenta", "Yellow", "Black", "All", "None")


def spot_name(value: str) -> str | None:
    """Why ``value`` cannot name a spot ink's plate, or None."""
    if not value.strip() or value != value.strip():
        return "is empty or starts or ends with a space; write the ink's name as the print shop knows it"
    if any(not ch.isprintable() for ch in value):
        return "has a character that is not printable"
    if value in RESERVED_PLATES:
        return f"{value!r} is a process or special plate (not {', '.join(RESERVED_PLATES)})"
    return None


@dataclass(frozen=True, kw_only=True)
class Colour:
    __describe__ = "a colour: {name, cmyk: [C, M, Y, K], spot} or [C, M, Y, K]"
    name: str = field(default="", metadata=meta(allow_empty=True, max_len=40, doc="the colour's name in English",
                                                doc_zh="颜色的英文名"))
    cmyk: list[float] = field(metadata=meta(check=cmyk_check, doc="percent ink, 0-100 each",
                                            doc_zh="油墨百分比，每项 0–100"))
    spot: str | None = field(default=None, metadata=meta(
        max_len=60, check=spot_name, verbatim=True, printed=False,
        doc="print it as this spot ink on its own plate (e.g. PANTONE 7621 C); cmyk is then the ink's "
            "process look-alike, used on screens, proofs and social images",
        doc_zh="以此专色油墨单独印版印刷（如 PANTONE 7621 C）；cmyk 则为其四色近似值，用于屏幕、样张和社交图片"))
    name_zh: str = field(default="", metadata=meta(internal=True, printed=False))  # the theme's colours_zh

    @staticmethod
    def __shorthand__(value):
        return {"cmyk": value} if isinstance(value, list) else value

    def name_in(self, lang: str) -> str:
        """The colour's name in ``lang`` ("zh" or "en"), else in the other language."""
        first, other = (self.name_zh, self.name) if lang == "zh" else (self.name, self.name_zh)
        return first or other


@dataclass(frozen=True, kw_only=True)
class Theme:
    """``layouts/themes/<name>.yaml``: a named palette in CMYK, its colours named in
    English (``colours``) and in Chinese (``colours_zh``, by token)."""

    __describe__ = "a theme"
    name: Text
    colours: dict[str, Colour]
    colours_zh: dict[str, str] = field(default_factory=dict, metadata=meta(
        doc="each colour's name in Chinese, by token, e.g. primary: 紫罗兰 (the studio shows it)",
        doc_zh="各颜色的中文名，按配色项填写，如 primary: 紫罗兰（工作室中显示）", printed=False))

    def __post_init__(self):  # each colour carries its Chinese name
        if self.colours and self.colours_zh:
            named = {t: c if c is None or t not in self.colours_zh else replace(c, name_zh=self.colours_zh[t])
                     for t, c in self.colours.items()}
            object.__setattr__(self, "colours", named)

    def __validate__(self):
        for token in TOKENS:
            if token not in self.colours:
                yield ("colours",), f"the token {token!r} is missing (a theme defines: {', '.join(TOKENS)})"
        for token in self.colours_zh:  # a missing token is reported above, once
            if token not in self.colours and token not in TOKENS:
                yield ("colours_zh", token), f"no colour {token!r} in colours{suggest(token, self.colours)}"
