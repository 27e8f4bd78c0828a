"""Typed models of the data files: the campaign and the landmarks.

Every user-visible string is a ``Text`` with Simplified Chinese and English. The
models are plain frozen dataclasses; ``schema.convert`` fills them from YAML and
reports problems with their file, line and field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .model_reader import meta


def _url(value: str) -> str | None:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        return f"{value!r} is not a web address (expected http:// or https://...)"
    return None


def _not_blank(value: str) -> str | None:
    return None if value.strip() else "is empty"


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def _han_word(value: str) -> str | None:
    """A term for Chinese word segmentation: 2-12 Chinese characters, nothing else."""
    if not _HAN.fullmatch(value):
        return f"{value!r} is not a word of Chinese characters (no spaces, Latin letters, digits or punctuation)"
    if not 2 <= len(value) <= 12:
        return f"{value!r} has {len(value)} character(s); a word has 2 to 12"
    return None


def _squeeze(text: str) -> str:
    """Runs of whitespace as one space: a line break in the YAML is not a difference."""
    return " ".join(text.split())


@dataclass(frozen=True, kw_only=True)
class Text:
    """A user-visible string in both languages."""

    __describe__ = "a mapping with 'zh' and 'en' text"
    # Either may be missing in the file: each edition checks that the languages it
    # prints are there (a bilingual build needs both), naming the field when not.
    zh: str = field(default="", metadata=meta(allow_empty=True, doc="Simplified Chinese"))
    en: str = field(default="", metadata=meta(allow_empty=True, doc="English"))

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __validate__(self):
        if not self.zh.strip() and not self.en.strip():
            yield (), "has neither 'zh' nor 'en' text"


@dataclass(frozen=True, kw_only=True)
class Unit:
    """A unit after a numeral; one language may leave it out (家 has no English word)."""

    __describe__ = "a mapping with 'zh' and/or 'en' unit"
    zh: str = field(default="", metadata=meta(allow_empty=True, max_len=8))
    en: str = field(default="", metadata=meta(allow_empty=True, max_len=16))

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, kw_only=True)
class KeyFigure:
    """A big numeral with its unit and a short label: "200+ enterprises"."""

    __describe__ = "a key figure (value, unit, label)"
    value: str | Text = field(metadata=meta(
        max_len=12, doc="the numeral as printed, e.g. \"200+\"; give zh/en when they differ "
        "(\"300–500\" 亿元 vs \"30–50\" billion yuan)"))
    unit: Unit | None = field(default=None, metadata=meta(doc="unit after the numeral, e.g. 亿元 / billion yuan"))
    label: Text = field(metadata=meta(max_len=90, doc="what the figure counts"))

    def value_in(self, lang: str) -> str:
        return self.value if isinstance(self.value, str) else self.value.get(lang)


@dataclass(frozen=True, kw_only=True)
class Plan:
    __describe__ = "a plan (name, year, measures)"
    name: Text = field(metadata=meta(max_len=160))
    year: int | None = field(default=None, metadata=meta(min=1990, max=2100, doc="year the plan was issued"))
    status: Literal["issued", "forthcoming"] = "issued"
    measures: list[Text] = field(default_factory=list, metadata=meta(max_items=6, max_len=160))


@dataclass(frozen=True, kw_only=True)
class Chain:
    """The industrial chain segments or the fields of strength."""

    __describe__ = "a titled list of chain segments"
    title: Text = field(metadata=meta(max_len=40))
    segments: list[Text] = field(metadata=meta(min_items=2, max_items=8, max_len=100))


@dataclass(frozen=True, kw_only=True)
class Institutions:
    __describe__ = "a titled list of institutions"
    title: Text = field(metadata=meta(max_len=60))
    names: list[Text] = field(metadata=meta(min_items=1, max_items=8, max_len=80))


EXCERPT_ZH_MAX = 40  # characters: a pull quote is read at a metre


@dataclass(frozen=True, kw_only=True)
class Quote:
    __describe__ = "a quote (text, excerpt, speaker, title, organisation, about)"
    text: Text = field(metadata=meta(
        max_len=400, doc="en: the source's words verbatim, with its own punctuation, without the enclosing "
        "quotation marks; zh: a faithful translation of the whole quotation"))
    excerpt: Text | None = field(default=None, metadata=meta(
        max_len=140, doc="a verbatim fragment of the quotation for a poster's pull quote: en is a whole "
        "sentence or clause of text.en (about 60-120 characters), zh its translation "
        f"(at most {EXCERPT_ZH_MAX} characters)"))
    speaker: Text = field(metadata=meta(max_len=40))
    title: Text = field(metadata=meta(max_len=60, doc="the speaker's position"))
    organisation: Text = field(metadata=meta(max_len=60))
    about: Text | None = field(default=None, metadata=meta(
        max_len=120, doc="one line on the organisation; a description, not a quotation, but it keeps the "
        "source's claim"))

    def __validate__(self):
        if self.excerpt is None:
            return
        if self.excerpt.en.strip() and _squeeze(self.excerpt.en) not in _squeeze(self.text.en):
            yield ("excerpt", "en"), "is not a verbatim part of text.en (a pull quote quotes; it does not reword)"
        if len(self.excerpt.zh) > EXCERPT_ZH_MAX:
            yield ("excerpt", "zh"), (f"is {len(self.excerpt.zh)} characters long; at most {EXCERPT_ZH_MAX} "
                                      "fit a pull quote")


@dataclass(frozen=True, kw_only=True)
class MotifChoice:
    __describe__ = "the landmark's motifs"
    technology: str = field(metadata=meta(doc="the industry's technology motif, e.g. circuit-traces"))
    hero: str | None = field(default=None, metadata=meta(
        doc="the hero drawing, Nanjing and the industry in one, e.g. hero-wall-chip"))
    nanjing: list[str] = field(metadata=meta(min_items=1, max_items=4, doc="Nanjing motifs, first is the lead"))
    params: dict[str, dict[str, float | str | bool]] = field(default_factory=dict, metadata=meta(
        doc="motif name -> parameters for this landmark, e.g. circuit-traces: {follow: battlements}"))


@dataclass(frozen=True, kw_only=True)
class Landmark:
    """One industrial landmark: ``data/landmarks/<slug>.yaml``."""

    __describe__ = "a landmark"
    order: int = field(metadata=meta(min=1, max=99, doc="position in the series"))
    name: Text = field(metadata=meta(max_len=40))
    ambition: Text = field(metadata=meta(max_len=120, doc="the one-line ambition"))
    summary: Text = field(metadata=meta(max_len=500, doc="a short paragraph for the brochure"))
    theme: str = field(metadata=meta(doc="a theme in layouts/themes/"))
    motifs: MotifChoice
    plan: Plan
    key_figures: list[KeyFigure] = field(metadata=meta(min_items=3, max_items=4))
    chain: Chain | None = None
    institutions: Institutions | None = None
    highlights: list[Text] = field(default_factory=list, metadata=meta(max_items=6, max_len=160))
    quote: Quote | None = None
    qr_url: str | None = field(default=None, metadata=meta(check=_url, doc="overrides the campaign URL"))
    hero_image: str | None = field(default=None, metadata=meta(
        doc="a photo or illustration for the hero area, e.g. assets/images/ic.jpg (JPEG, PNG or TIFF)",
        verbatim=True))
    slug: str = field(default="", metadata=meta(doc="set from the file name", internal=True))


@dataclass(frozen=True, kw_only=True)
class Titled:
    __describe__ = "a titled list"
    title: Text = field(metadata=meta(max_len=60))
    items: list[Text] = field(metadata=meta(min_items=1, max_items=8, max_len=160))


@dataclass(frozen=True, kw_only=True)
class Policy:
    __describe__ = "the policy package"
    title: Text = field(metadata=meta(max_len=60))
    intro: Text = field(metadata=meta(max_len=400))
    areas: list[Text] = field(metadata=meta(min_items=1, max_items=8, max_len=60))


@dataclass(frozen=True, kw_only=True)
class Contact:
    __describe__ = "contact details"
    organisation: Text = field(metadata=meta(max_len=80))
    person: Text | None = None
    email: str | None = None
    phone: str | None = None
    url: str = field(metadata=meta(check=_url))


@dataclass(frozen=True, kw_only=True)
class BrochureText:
    __describe__ = "the brochure's own texts"
    title: Text = field(metadata=meta(max_len=40))
    subtitle: Text = field(metadata=meta(max_len=80))
    intro: Text = field(metadata=meta(max_len=500))


@dataclass(frozen=True, kw_only=True)
class Campaign:
    """What all landmarks share: ``data/campaign.yaml``."""

    __describe__ = "the campaign"
    year: int = field(metadata=meta(min=1990, max=2100))
    city: Text
    series: Text = field(metadata=meta(max_len=40, doc="the series name"))
    launch: Text = field(metadata=meta(max_len=300))
    vision: Text = field(metadata=meta(max_len=60))
    development_system: Titled
    city_facts: list[KeyFigure] = field(metadata=meta(min_items=1, max_items=4))
    growth: Text = field(metadata=meta(max_len=200))
    advantages: Titled
    goal: Text = field(metadata=meta(max_len=120))
    goal_figures: list[KeyFigure] = field(metadata=meta(min_items=1, max_items=4))
    outlook: Titled
    policy: Policy
    brochure: BrochureText
    contact: Contact
    qr_url: str = field(metadata=meta(check=_url, doc="what the QR codes carry unless a landmark overrides it"))
    labels: dict[str, Text] = field(default_factory=dict, metadata=meta(doc="captions the layouts use"))
    words: list[str] = field(default_factory=list, metadata=meta(
        max_len=12, doc="terms a line must never break inside, for display type: landmark names' parts "
        "and other fixed terms (2-12 Chinese characters each); a user dictionary for word segmentation"))

    def __validate__(self):
        seen: set[str] = set()
        for i, word in enumerate(self.words):
            msg = _han_word(word)
            if msg:
                yield ("words", i), msg
            elif word in seen:
                yield ("words", i), f"{word!r} is listed twice"
            seen.add(word)
