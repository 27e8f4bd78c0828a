"""Editions in other scripts: the text and the face each one is set in.

An edition prints one or two languages: a CJK one in the layouts' Chinese slot (Simplified
Chinese, Traditional Chinese, Japanese or Korean) and/or English. The compose stage knows
two slots, "zh" (set by the Chinese typesetting rules: full-width punctuation, clreq
compression, kinsoku) and "en"; an edition in another script is composed from a *view*
of the project in which every text's Chinese slot holds that script's text and every
layout names that script's face of the same font family:

- ``zh-Hant``: converted from the Simplified text with OpenCC (Taiwan or Hong Kong
  standard, with the region's phrases for Taiwan), except the terms the campaign's
  ``traditional.overrides`` writes itself (a name the conversion would change);
- ``ja``, ``ko``: the ``ja``/``ko`` text the translation round trip imported.

Japanese body text breaks between any two characters the kinsoku rules allow; its display
type breaks between phrases, told by the change of script (``clreq.ja_phrase_breaks``: no
dictionary here). Korean breaks at the spaces between its words (Hangul is not broken
inside a word by the Chinese rules).
"""
from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from typing import Any, Callable

from .models import Campaign, Text, Traditional, Unit

#: where each script's text comes from: a key of ``Text`` (ja, ko) or converted from zh
SOURCE = {"zh": "zh", "zh-Hant": "zh", "ja": "ja", "ko": "ko"}


def data_keys(langs) -> tuple[str, ...]:
    """The ``Text`` keys an edition's languages are read from, each once (Traditional
    Chinese is converted from zh; English is en)."""
    return tuple(dict.fromkeys(SOURCE.get(lang, lang) for lang in langs))
#: the language of a document set in the script (PDF /Lang, HTML lang)
LANG_CODE = {"zh": "zh-CN", "zh-Hant": "zh-TW", "ja": "ja", "ko": "ko"}


def converter(spec: Traditional) -> Callable[[str], str]:
    """Simplified -> Traditional as the campaign asks, its overrides kept as written."""
    return _converter(spec.standard, spec.phrases, tuple(sorted(spec.overrides.items())))


@lru_cache(maxsize=8)
def _converter(standard: str, phrases: bool, overrides: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    import opencc

    config = {("tw", True): "s2twp", ("tw", False): "s2tw", ("hk", True): "s2hk", ("hk", False): "s2hk"}
    cc = opencc.OpenCC(config[(standard, phrases)])
    table = dict(overrides)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))) if table else None

    @lru_cache(maxsize=4096)
    def convert(text: str) -> str:
        if pattern is None:
            return cc.convert(text)
        out, at = [], 0
        for m in pattern.finditer(text):  # the overridden terms as written; the rest converted
            out += [cc.convert(text[at:m.start()]), table[m.group()]]
            at = m.end()
        out.append(cc.convert(text[at:]))
        return "".join(out)

    return convert


#: Traditional Chinese quotes with corner brackets (Taiwan's and Hong Kong's convention)
CORNER_QUOTES = str.maketrans({"\u201c": "\u300c", "\u201d": "\u300d", "\u2018": "\u300e", "\u2019": "\u300f"})


def script_text(text: Text | Unit, script: str, campaign: Campaign) -> str:
    """``text`` in ``script`` (empty when that language was not written)."""
    if script == "zh-Hant":
        return converter(campaign.traditional)(text.zh).translate(CORNER_QUOTES) if text.zh else ""
    return text.get(SOURCE[script])


def view(project: Any, script: str) -> Any:
    """``project`` as the edition in ``script`` sees it (a copy; ``zh``: itself)."""
    if script == "zh":
        return project
    campaign = project.campaign

    def swap(t: Text | Unit) -> Text | Unit:
        return replace(t, zh=script_text(t, script, campaign))

    out = replace(project, campaign=_map(campaign, swap), landmarks=[_map(lm, swap) for lm in project.landmarks],
                  layouts={name: in_script(layout, script, _region(script, campaign))
                           for name, layout in project.layouts.items()})
    return out


def _region(script: str, campaign: Campaign) -> str:
    return "zh-HK" if script == "zh-Hant" and campaign.traditional.standard == "hk" else ""


def in_script(layout: Any, script: str, region: str = "") -> Any:
    """A layout set in ``script``: its fonts' face for it (``zh-Hant`` in Hong Kong's
    forms where the layout names a ``zh-HK`` face and the campaign the hk standard); the
    script it records is what the compose stage sets by (line breaks read the text)."""
    face = layout.fonts.faces.get(region) or layout.fonts.faces.get(script)
    fonts = layout.fonts if face is None else replace(layout.fonts, face=face.face, family=face.family)
    return replace(layout, fonts=fonts, script=script)


def _map(obj: Any, fn: Callable[[Any], Any]) -> Any:
    """``obj`` with every ``Text`` and ``Unit`` inside it replaced by ``fn`` of it."""
    if isinstance(obj, (Text, Unit)):
        return fn(obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in fields(obj):
            if not f.init:
                continue
            old = getattr(obj, f.name)
            new = _map(old, fn)
            if new is not old:
                changes[f.name] = new
        return replace(obj, **changes) if changes else obj
    if isinstance(obj, list):
        new_list = [_map(v, fn) for v in obj]
        return new_list if any(a is not b for a, b in zip(new_list, obj)) else obj
    if isinstance(obj, tuple):
        new_tuple = tuple(_map(v, fn) for v in obj)
        return new_tuple if any(a is not b for a, b in zip(new_tuple, obj)) else obj
    if isinstance(obj, dict):
        new_dict = {k: _map(v, fn) for k, v in obj.items()}
        return new_dict if any(new_dict[k] is not obj[k] for k in obj) else obj
    return obj
