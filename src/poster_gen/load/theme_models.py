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


def _cmyk(value: list) -> str | None:
    if len(value) != 4:
        return f"has {len(value)} values; a CMYK colour has 4 (C, M, Y, K)"
    for ch, v in zip("CMYK", value):
        if v is None or not (0 <= v <= 100):
            return f"{ch} is {v:g}; each channel is 0-100 (percent ink)"
    if sum(value) > MAX_INK:
        return f"total ink is {sum(value):g}%; at most {MAX_INK:g}% prints cleanly"
    return None


@dataclass(frozen=True, kw_only=True)
class Colour:
    __describe__ = "a colour: {name, cmyk: [C, M, Y, K]} or [C, M, Y, K]"
    name: str = field(default="", metadata=meta(allow_empty=True, max_len=40, doc="the colour's name in English",
                                                doc_zh="颜色的英文名"))
    cmyk: list[float] = field(metadata=meta(check=_cmyk, doc="percent ink, 0-100 each",
                                            doc_zh="油墨百分比，每项 0–100"))
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
