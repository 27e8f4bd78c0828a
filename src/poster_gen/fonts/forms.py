"""Which glyph each code point prints with, for the two variants of a weight.

ReportLab does no shaping: the glyph the cmap maps a code point to is the glyph that
prints. So the OpenType features a shaper would apply are baked into the cmap here,
and because Chinese and English want different forms of the same punctuation, each
weight is prepared twice from one set of drawn glyphs:

* the **Latin** variant (role ``regular``, ``bold``...; English runs): the
  proportional (``pwid``) form of every ``PUNCTUATION`` character that is full-width
  (>= 0.9 em) by default and has one;
* the **zh** variant (role ``regular:zh``...; Chinese runs, set to clreq): every
  ``PUNCTUATION`` character full-width, i.e. the default glyph where it is 1 em and
  the ``fwid`` form where it is not but has one.

Both get tabular (``tnum``) digits if the default digits are proportional.

Measured on Noto Sans CJK SC (face 2 of NotoSansCJK-VF.otf.ttc; GSUB of the face,
advances and drawn ink in a 1000-unit em at wght 400 / 700 / 900):

====== ============================ ==================================================
char   Latin variant                zh variant
====== ============================ ==================================================
‘ ’    pwid, 279 / 326 / 353        default, 1000 (ink at the em's right / left edge)
“ ”    pwid, 475 / 577 / 634        default, 1000
…      pwid, 1059 / 1101 / 1124     default, 1000 (dots centred on the ideographic
       (dots on the baseline)       axis, ink 101-899 at 400)
·  •   default, 1000 (no pwid)      default, 1000 (both are one centred-dot glyph)
—      default, 894 / 908 / 915     fwid (the U+2015 glyph), 1000, ink 72-928 at 400
–      default, 536 / 544 / 549     default, 536 / 544 / 549 (no pwid, no fwid)
====== ============================ ==================================================

Left as they are, because neither rule applies: U+00B7 and U+2022 have no ``pwid``
form (a 340-unit proportional dot exists only through the JAN/KOR ``locl``), so
the Latin variant keeps the 1-em centred dot; U+2013 is neither. And a cmap cannot
reproduce the face's ``ccmp`` ligature of two U+2015 glyphs (one 2-em rule with no
gap): "——" set with the zh variant shows a 0.14 em gap between the two dashes.
"""
from __future__ import annotations

from typing import Any

from fontTools.misc.roundTools import otRound
from fontTools.ttLib import TTFont

DIGITS = range(0x30, 0x3A)
#: Punctuation whose width depends on the script it is set in: quotes, middle dot,
#: bullet, ellipsis, em and en dash.
PUNCTUATION = (0x2018, 0x2019, 0x201C, 0x201D, 0x00B7, 0x2022, 0x2026, 0x2014, 0x2013)
#: An advance of at least this many em counts as full-width.
FULL_WIDTH = 0.9


def glyph_maps(font: TTFont, src_cmap: dict[int, str], chars: str, gs: Any) -> tuple[dict[int, str], dict[int, str]]:
    """(Latin cmap, zh cmap) of ``chars``: code point -> glyph name in ``font``."""
    cmap = {ord(c): src_cmap[ord(c)] for c in chars if ord(c) in src_cmap}
    cmap.update(_tabular_digits(font, cmap, gs))
    upem = font["head"].unitsPerEm
    width = {cp: otRound(gs[cmap[cp]].width) for cp in PUNCTUATION if cp in cmap}
    latin = {**cmap, **_forms(font, cmap, "pwid", [cp for cp, w in width.items() if w >= upem * FULL_WIDTH])}
    zh = {**cmap, **_forms(font, cmap, "fwid", [cp for cp, w in width.items() if w != upem])}
    return latin, zh


def _forms(font: TTFont, cmap: dict[int, str], feature: str, codes: list[int]) -> dict[int, str]:
    """Point ``codes`` at their ``feature`` forms, where the face has one."""
    if not codes:
        return {}
    subst = _substitutions(font, feature)
    return {cp: subst[cmap[cp]] for cp in codes if cmap[cp] in subst}


def _tabular_digits(font: TTFont, cmap: dict[int, str], gs: Any) -> dict[int, str]:
    """Point 0-9 at their ``tnum`` forms when the default digits are proportional
    (posters set figures in columns)."""
    digits = [cmap.get(cp) for cp in DIGITS]
    if None in digits or len({otRound(gs[g].width) for g in digits}) == 1:
        return {}
    subst = _substitutions(font, "tnum")
    return {cp: subst[g] for cp, g in zip(DIGITS, digits) if g in subst}  # type: ignore[index]


def _substitutions(font: TTFont, feature: str) -> dict[str, str]:
    """The single substitutions of one GSUB feature (all scripts and languages)."""
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    if not table.FeatureList or not table.LookupList:
        return {}
    mapping: dict[str, str] = {}
    for rec in table.FeatureList.FeatureRecord:
        if rec.FeatureTag != feature:
            continue
        for index in rec.Feature.LookupListIndex:
            for sub in table.LookupList.Lookup[index].SubTable:
                sub = getattr(sub, "ExtSubTable", sub)  # unwrap extension lookups
                if getattr(sub, "LookupType", None) == 1:
                    mapping.update(sub.mapping)
    return mapping
