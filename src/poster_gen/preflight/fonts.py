"""The fonts check: every font that shows text is embedded and subset.

Fonts are judged where they are used (collected by the walk when a text operator
shows text), not merely listed in a resource dictionary: ReportLab, for one, selects
Helvetica in every page prologue without ever drawing a glyph with it, and a font
that draws nothing needs no embedding.
"""
from __future__ import annotations

import re
from typing import Any

import pikepdf

from .facts import Facts
from .model import CheckResult, Findings, plural, result, text

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _name(font: Any) -> str:
    return text(font.get("/BaseFont", "(no BaseFont)")).lstrip("/")


def font_problems(font: Any) -> tuple[str, list[str]]:
    """(the font's display name, what is wrong with it) for one font dictionary."""
    subtype = text(font.get("/Subtype", "")).lstrip("/")
    if subtype == "Type3":
        return f"{_name(font)} (Type3)", ["is a Type3 font (glyphs drawn by content streams)"]
    target, kind = font, subtype
    if subtype == "Type0":
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or len(descendants) == 0:
            return f"{_name(font)} (Type0)", ["has no descendant font"]
        target = descendants[0]
        kind = f"Type0/{text(target.get('/Subtype', '?')).lstrip('/')}"
    name = _name(target)
    problems = []
    descriptor = target.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary) or not any(k in descriptor for k in FONT_FILES):
        problems.append("is not embedded")
    if not SUBSET_PREFIX.match(name):
        problems.append("is not subset (no ABCDEF+ prefix)")
    return f"{name} ({kind})", problems


def check_fonts(file: str, facts: Facts) -> CheckResult:
    findings = Findings()
    findings.extend(facts.font_problems)
    for use in facts.fonts.values():
        label, problems = font_problems(use.font)
        if problems:
            findings.add(f"{use.where}: font {use.name} {label} {' and '.join(problems)}")
    n = len(facts.fonts)
    return result(file, "fonts", findings,
                  f"{plural(n, 'font')}, all embedded and subset" if n else "no text")
