"""No fact twice on a spread: the brochure's document-level lint.

Pages face each other as spreads (2-3, 4-5, ...; the first and the last page stand
alone). On a spread, per language, a number (its digits, thousands commas removed:
"5,000" is "5000") appears in one region only, and no two regions share a Chinese
phrase of ``PHRASE`` or more consecutive Han characters. Captions and labels (lines in
a region's ``caption`` style), folios, series headers, the contents and the landmark
index repeat by design and are not read. A repeat is reported at its second
occurrence, in reading order.
"""
from __future__ import annotations

import re
from typing import Sequence

from ...load.layout_models import Template
from .. import clreq
from ...page_model import Page, TextLine
from .kit import LintIssue, join_lines

PHRASE = 8  # Han characters
SKIP_KINDS = frozenset({"folio", "series-header", "contents", "landmark-index"})
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
_HAN_RUN = re.compile(f"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]{{{PHRASE},}}")

Where = tuple[int, int]  # (page index, region index)


def spreads(n: int) -> list[list[int]]:
    """Page indexes (0-based) that face each other: the first and last pages alone."""
    if n <= 2:
        return [[k] for k in range(n)]
    inner = list(range(1, n - 1))
    return [[0], *[inner[k:k + 2] for k in range(0, len(inner), 2)], [n - 1]]


def region_texts(page: Page, template: Template) -> dict[int, dict[str, list[str]]]:
    """Region index -> language -> its paragraphs' texts (what the spread lint reads)."""
    index = {r.id: k for k, r in enumerate(template.regions)}
    paras: dict[tuple[int, str, int], list[TextLine]] = {}
    for n, t in enumerate(it for it in page.items if isinstance(it, TextLine)):
        k = index.get(t.role)
        if k is None:
            continue
        region = template.regions[k]
        if region.kind in SKIP_KINDS or (t.style and t.style == region.styles.get("caption")):
            continue
        lang = t.lang or ("zh" if clreq.has_han(t.text) else "en")
        paras.setdefault((k, lang, t.para or -n - 1), []).append(t)
    out: dict[int, dict[str, list[str]]] = {}
    for (k, lang, _), lines in paras.items():
        out.setdefault(k, {}).setdefault(lang, []).append(join_lines([t.text for t in lines])[0])
    return out


def numbers(text: str) -> set[str]:
    return {m.group().replace(",", "") for m in _NUMBER.finditer(text)}


def phrases(text: str) -> dict[str, str]:
    """Every stretch of ``PHRASE`` consecutive Han characters -> the run it is part of."""
    out: dict[str, str] = {}
    for m in _HAN_RUN.finditer(text):
        run = m.group()
        for k in range(len(run) - PHRASE + 1):
            out.setdefault(run[k:k + PHRASE], run)
    return out


def spread_lint(pages: Sequence[Page], templates: Sequence[tuple[str, Template]],
                names: Sequence[str] = ()) -> list[tuple[int, LintIssue]]:
    """The repeats on each spread, as (page index, issue at the second occurrence).
    ``names`` (the landmarks' Chinese names) may recur: a plan is named after its
    landmark, and a name is not a fact told twice."""
    found: list[tuple[int, LintIssue]] = []
    for spread in spreads(len(pages)):
        first_num: dict[tuple[str, str], Where] = {}
        first_phrase: dict[str, tuple[Where, str]] = {}
        repeats: dict[tuple[Where, Where], list[str]] = {}
        for p in spread:
            for k, langs in sorted(region_texts(pages[p], templates[p][1]).items()):
                here = (p, k)
                for lang, texts in langs.items():
                    for text in texts:
                        for num in sorted(numbers(text), key=lambda v: (len(v), v)):
                            there = first_num.setdefault((lang, num), here)
                            if there != here:
                                _add(repeats, there, here, f"the number {num} ({lang})")
                        if lang != "zh":
                            continue
                        for gram, run in phrases(text).items():
                            if any(gram in name for name in names):
                                continue
                            there, first_run = first_phrase.setdefault(gram, (here, run))
                            if there != here:
                                _add(repeats, there, here, f"the phrase {_common(run, first_run, gram)!r}")
        for (there, (p, k)), what in repeats.items():
            name, template = templates[p]
            other = templates[there[0]][1].regions[there[1]].id
            page = "this page" if there[0] == p else f"p{there[0] + 1}"
            found.append((p, LintIssue("error", name, k, template.regions[k].id,
                                       f"repeats {', '.join(what)} from region '{other}' on {page} (p{p + 1}): a "
                                       "spread says each fact once; cut the repeat here or there")))
    return found


def _add(repeats: dict, there: Where, here: Where, what: str) -> None:
    seen = repeats.setdefault((there, here), [])
    if what not in seen and not any(what[12:-1] in s for s in seen if s.startswith("the phrase")):
        seen.append(what)


def _common(a: str, b: str, gram: str) -> str:
    """The longest stretch around ``gram`` that ``a`` and ``b`` share."""
    i, j = a.index(gram), b.index(gram)
    s, e = 0, len(gram)
    while i - s > 0 and j - s > 0 and a[i - s - 1] == b[j - s - 1]:
        s += 1
    while i + e < len(a) and j + e < len(b) and a[i + e] == b[j + e]:
        e += 1
    return a[i - s:i + e]
