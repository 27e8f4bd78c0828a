"""Figure parity: a translation cannot change a figure.

Every edition of a fact (the zh, en, ja and ko of one ``Text``) must carry the same
figures: numbers written in digits (with a decimal point, thousands separators, a
range such as 300–500, a percentage), dates (2019, 2020-06-15, 2020年6月15日,
15 June 2020), web addresses and e-mail addresses. A figure written in one edition
and missing from, or different in, another is a problem, because the reader of each
edition must be told the same fact; a translation that turns "300–500" into
"300–600" is wrong however good its prose.

What counts as the same figure (so that true equivalents pass):

- digits are compared as numbers: full-width digits are ASCII digits, thousands
  separators are dropped, "5.0" is 5; a range's dash may be a hyphen, an en or em
  dash or a wave dash ("30-50", "30–50", "30～50" are one range), and each end of a
  range counts as a number (so a range written "300 to 500" in words still matches);
- a scale word right after the digits multiplies them, in the language that writes
  it: 万 (10⁴), 亿/億 (10⁸), 万亿 and 兆 (ja, 10¹²), 만/억/조/천 (ko), thousand,
  million, billion, trillion (en). So "50亿" and "5 billion" are the same figure
  (5 × 10⁹), "300–500亿" is "30–50 billion", and "50亿" against "50 billion" is a
  changed figure, which is exactly the mistake a translator makes. A key figure is
  compared with its unit (``value`` + ``unit``: "≥50" 亿元 against "≥5" billion
  yuan), since its scale is in the unit;
- a percentage is its number and a per cent sign ("60%", "60 ％", "60 percent");
- a date is compared whole (year, month, day): ISO dates, Chinese and Japanese
  年月日, Korean 년월일, and English "15 June 2020" or "June 15, 2020"; a year alone
  ("2019", "2019年") is a number;
- web and e-mail addresses are compared as written, ignoring letter case.

What is not compared, on purpose: numbers written in words or Chinese numerals
(五大, 第一, five, first), whose wording a translation may rightly change; a sign or
qualifier around a number (+, ≥, about, 以上), which languages say in words as often
as in symbols; how often a figure is repeated (a fact names its figures, it does not
count them).

Editions are compared with the English, the source every translation is made from
(the first edition given when there is no English): comparing with one source keeps
the messages saying which edition strays. Pure functions: ``parity`` for one fact's
texts, ``parity_problems`` over a project, located like the build's
``missing_translations``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator, Mapping

from ..errors import Problem
from .yamlsrc import PathKey

#: scale words that multiply the digits before them, as powers of ten, by language
SCALES: dict[str, dict[str, int]] = {
    "zh": {"万": 4, "萬": 4, "亿": 8, "億": 8},
    "ja": {"千": 3, "万": 4, "萬": 4, "億": 8, "兆": 12},
    "ko": {"천": 3, "만": 4, "억": 8, "조": 12},
    "en": {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9},
}
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), 1)}

_FULL_WIDTH = {**{0xFF10 + d: str(d) for d in range(10)}, 0xFF05: "%", 0xFF0E: ".", 0xFF0C: ",",
               0xFF5E: "~", 0x301C: "~", 0x2013: "-", 0x2014: "-", 0x2012: "-", 0x2212: "-", 0xFE63: "-"}
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]+"
_ADDRESS = re.compile(rf"(?i)(?<![A-Za-z0-9])(?:https?://|www\.){_URL_CHARS}"
                      r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_MONTH = "|".join(MONTHS)
_DATES = [  # (pattern, the groups of year, month, day)
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), (1, 2, 3)),
    (re.compile(r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일])?"), (1, 2, 3)),
    (re.compile(rf"(?i)(?<!\d)(\d{{1,2}})\s+({_MONTH})\s*,?\s+(\d{{4}})(?!\d)"), (3, 2, 1)),
    (re.compile(rf"(?i)\b({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)"), (3, 1, 2)),
    (re.compile(rf"(?i)\b({_MONTH})\s+(\d{{4}})(?!\d)"), (2, 1, 0)),
]
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_FIGURE = re.compile(rf"(?<![0-9A-Za-z])(?<![0-9][.,])({_NUMBER})(?:\s*[~-]\s*({_NUMBER}))?")
_PERCENT = re.compile(r"(?i)\s*(?:%|per\s?cent\b)")
_ORDINAL = re.compile(r"(?i)\d+(?:st|nd|rd|th)")  # an order written with digits: 1st, 4th
_SUFFIX = re.compile(r"(?i)(?:st|nd|rd|th)\b")


@dataclass(frozen=True)
class Figure:
    """One figure of a text: ``key`` compares, ``shown`` is how the text wrote it."""

    key: str
    shown: str


def _normalise(text: str) -> str:
    """Full-width digits and signs as ASCII, dashes as a hyphen: one character for one,
    so an offset in the result is an offset in ``text`` (what a message shows)."""
    return text.translate(_FULL_WIDTH)


def _scale(rest: str, lang: str) -> tuple[int, int]:
    """The power of ten the scale words at the start of ``rest`` make (万亿 is 10¹²,
    천만 10⁷), and how many characters they take."""
    words = SCALES.get(lang, SCALES["en"])
    power, at = 0, 0
    while True:
        m = re.match(r"\s*", rest[at:])
        gap = m.end() if m else 0
        word = next((w for w in sorted(words, key=len, reverse=True) if rest[at + gap:].lower().startswith(w)
                     and not (w.isascii() and rest[at + gap + len(w):at + gap + len(w) + 1].isalpha())), None)
        if word is None:
            return power, at
        power += words[word]
        at += gap + len(word)


def _number(digits: str, power: int) -> str:
    try:
        value = Decimal(digits.replace(",", "")).scaleb(power)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return digits
    return format(value.normalize(), "f")


def figures(text: str, lang: str) -> list[Figure]:
    """The figures ``text`` (in ``lang``) writes, in order: addresses, dates, then numbers."""
    written, text = text, _normalise(text)
    found: list[Figure] = []

    def cut(m: re.Match) -> str:
        return " " * (m.end() - m.start())  # keep offsets; a blank never joins two numbers

    for m in _ADDRESS.finditer(text):
        address = m.group().rstrip(".,;:!?)")  # a sentence's stop is not the address's
        found.append(Figure("@" + address.lower(), written[m.start():m.start() + len(address)]))
    text = _ADDRESS.sub(cut, text)
    for pattern, (y, mo, d) in _DATES:
        for m in pattern.finditer(text):
            month = m.group(mo)
            month = str(MONTHS[month.lower()]) if month.lower() in MONTHS else month
            day = m.group(d) if d and m.group(d) else ""
            key = f"{int(m.group(y)):04d}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
            found.append(Figure("date:" + key, written[m.start():m.end()].strip()))
        text = pattern.sub(cut, text)
    for m in _FIGURE.finditer(text):
        first, second = m.group(1), m.group(2)
        power, used = _scale(text[m.end():], lang)
        end = m.end() + used
        percent = _PERCENT.match(text, end)
        sign = "%" if percent else ""
        shown = written[m.start():percent.end() if percent else end].strip()
        suffix = _SUFFIX.match(text, m.end()) if second is None and not percent else None
        if suffix:  # an order written with digits keeps its suffix: "1st" (mismatches read it so)
            shown = written[m.start():suffix.end()].strip()
        own, _ = _scale(text[m.end(1):], lang) if second is not None else (power, 0)
        found.append(Figure(_number(first, own if own else power) + sign, shown))
        if second is not None:
            found.append(Figure(_number(second, power) + sign, shown))
    return found


def reference(texts: Mapping[str, str]) -> str | None:
    """The edition the others are compared with: English, else the first written."""
    written = [lang for lang, text in texts.items() if text.strip()]
    return "en" if "en" in written else (written[0] if written else None)


@dataclass(frozen=True)
class Mismatch:
    """The figures of edition ``lang`` that differ from those of ``other`` (the reference)."""

    lang: str
    other: str
    extra: tuple[str, ...]  # as ``lang`` writes them: not in ``other``
    missing: tuple[str, ...]  # as ``other`` writes them: not in ``lang``

    @property
    def message(self) -> str:
        extra, missing = (", ".join(f"'{s}'" for s in shown) for shown in (self.extra, self.missing))
        why = "a translation cannot change a figure"
        if self.extra and self.missing:
            return f"the {self.lang} text has {extra} where the {self.other} text has {missing}; {why}"
        if self.extra:
            return f"the {self.lang} text has {extra}, which the {self.other} text does not; {why}"
        return f"the {self.lang} text lacks {missing} of the {self.other} text; {why}"


def mismatches(texts: Mapping[str, str]) -> list[Mismatch]:
    """How each written edition of one fact differs from the reference (``reference``)."""
    ref = reference(texts)
    if ref is None:
        return []
    mine = _keyed(figures(texts[ref], ref))
    found = []
    for lang, text in texts.items():
        if lang == ref or not text.strip():
            continue
        theirs = _keyed(figures(text, lang))
        extra = tuple(dict.fromkeys(theirs[k] for k in theirs if k not in mine))
        missing = tuple(dict.fromkeys(mine[k] for k in mine if k not in theirs))
        if not theirs and all(_ORDINAL.fullmatch(v) for v in missing):
            missing = ()  # "1st" where the edition writes the order in words (首个, 初, 최초): no figure changed
        if extra or missing:
            found.append(Mismatch(lang, ref, extra, missing))
    return found


def _keyed(found: list[Figure]) -> dict[str, str]:
    """Each figure once, as first written."""
    out: dict[str, str] = {}
    for f in found:
        out.setdefault(f.key, f.shown)
    return out


def parity(texts: Mapping[str, str]) -> list[str]:
    """The problems of one fact written in several languages (``{"zh": ..., "en": ...}``):
    each edition's figures against the English's; empty when they agree."""
    return [m.message for m in mismatches(texts)]


def facts(obj: Any, langs: tuple[str, ...]) -> Iterator[tuple[PathKey, dict[str, str], dict[str, PathKey]]]:
    """Each fact of a landmark or the campaign: its path, its text by language (only
    ``langs``) and, by language, the field a problem is located at. A key figure is one
    fact, its value with its unit (the scale is in the unit); its label is another."""
    from .models import KeyFigure, Text
    from .walk import find

    values: set[PathKey] = set()
    for path, kf in find(obj, KeyFigure):
        texts = {lang: _with_unit(kf.value_in(lang), kf.unit.get(lang) if kf.unit else "") for lang in langs}
        at = path + (("value",) if isinstance(kf.value, Text) else ("unit",))
        values.add(path + ("value",))
        yield path, texts, {lang: at + (lang,) for lang in langs}
    for path, text in find(obj, Text):
        if path not in values:
            yield path, {lang: text.get(lang) for lang in langs}, {lang: path + (lang,) for lang in langs}


def _with_unit(value: str, unit: str) -> str:
    """A key figure as printed: "≥5 billion yuan", "≥50亿元" (no space before a CJK unit);
    nothing when the value is not written in that language (the edition is missing, not
    different: the build says so)."""
    if not value.strip() or not unit:
        return value
    return f"{value}{' ' if unit[:1].isascii() else ''}{unit}"


def parity_problems(project: Any, langs: tuple[str, ...]) -> dict[str | None, list[Problem]]:
    """Facts whose editions in ``langs`` disagree on a figure, per landmark slug (None:
    the campaign), located at the straying edition's field (as ``build.checks.missing_translations``)."""
    found: dict[str | None, list[Problem]] = {}
    sources = [(None, project.sources.get("data/campaign.yaml"), project.campaign)]
    sources += [(lm.slug, project.source_of(lm.slug), lm) for lm in project.landmarks]
    for slug, src, obj in sources:
        for _, texts, at in facts(obj, langs):
            for m in mismatches(texts):
                found.setdefault(slug, []).append(src.problem(at[m.lang], m.message))
    return found
