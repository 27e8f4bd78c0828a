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
    __describe_zh__ = "中文（zh）与英文（en）两种文字"
    # Either may be missing in the file: each edition checks that the languages it
    # prints are there (a bilingual build needs both), naming the field when not.
    zh: str = field(default="", metadata=meta(allow_empty=True, doc="Simplified Chinese", doc_zh="简体中文"))
    en: str = field(default="", metadata=meta(allow_empty=True, doc="English", doc_zh="英文"))

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __validate__(self):
        if not self.zh.strip() and not self.en.strip():
            yield (), "has neither 'zh' nor 'en' text"


@dataclass(frozen=True, kw_only=True)
class Unit:
    """A unit after a numeral; one language may leave it out (家 has no English word)."""

    __describe__ = "a mapping with 'zh' and/or 'en' unit"
    __describe_zh__ = "单位：中文（zh）和／或英文（en）"
    zh: str = field(default="", metadata=meta(allow_empty=True, max_len=8, doc="the unit in Chinese, e.g. 亿元",
                                              doc_zh="中文单位，如“亿元”"))
    en: str = field(default="", metadata=meta(allow_empty=True, max_len=16, doc="the unit in English, e.g. billion yuan",
                                              doc_zh="英文单位，如 billion yuan"))

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, kw_only=True)
class KeyFigure:
    """A big numeral with its unit and a short label: "200+ enterprises"."""

    __describe__ = "a key figure (value, unit, label)"
    __describe_zh__ = "关键数字（数值、单位、说明）"
    value: str | Text = field(metadata=meta(
        max_len=12, doc="the numeral as printed, e.g. \"200+\"; give zh/en when they differ "
        "(\"300–500\" 亿元 vs \"30–50\" billion yuan)",
        doc_zh="印在海报上的数字，如“200+”；中英文写法不同时分别填写（“300–500”亿元，英文为“30–50” billion yuan）"))
    unit: Unit | None = field(default=None, metadata=meta(doc="unit after the numeral, e.g. 亿元 / billion yuan",
                                                          doc_zh="数字后的单位，如“亿元”／billion yuan"))
    label: Text = field(metadata=meta(max_len=90, doc="what the figure counts", doc_zh="这个数字说明什么"))

    def value_in(self, lang: str) -> str:
        return self.value if isinstance(self.value, str) else self.value.get(lang)


@dataclass(frozen=True, kw_only=True)
class Plan:
    __describe__ = "a plan (name, year, measures)"
    __describe_zh__ = "行动计划（名称、年份、举措）"
    name: Text = field(metadata=meta(max_len=160, doc="the plan's title", doc_zh="计划名称"))
    year: int | None = field(default=None, metadata=meta(min=1990, max=2100, doc="year the plan was issued",
                                                         doc_zh="计划发布的年份"))
    status: Literal["issued", "forthcoming"] = field(default="issued", metadata=meta(
        doc="issued, or still to be issued", doc_zh="已发布，或即将发布",
        labels={"issued": {"zh": "已发布", "en": "issued"}, "forthcoming": {"zh": "即将发布", "en": "forthcoming"}}))
    measures: list[Text] = field(default_factory=list, metadata=meta(
        max_items=6, max_len=160, doc="the plan's measures; a poster shows three, one short line each",
        doc_zh="计划的举措；海报显示三条，每条一行"))


@dataclass(frozen=True, kw_only=True)
class Chain:
    """The industrial chain segments or the fields of strength."""

    __describe__ = "a titled list of chain segments"
    __describe_zh__ = "产业链环节（标题与列表）"
    title: Text = field(metadata=meta(max_len=40, doc="the list's heading", doc_zh="列表标题"))
    segments: list[Text] = field(metadata=meta(min_items=2, max_items=8, max_len=100,
                                               doc="chain segments or fields of strength; a poster shows four",
                                               doc_zh="产业链环节或优势领域；海报显示四项"))


@dataclass(frozen=True, kw_only=True)
class Institutions:
    __describe__ = "a titled list of institutions"
    __describe_zh__ = "高校与平台（标题与名单）"
    title: Text = field(metadata=meta(max_len=60, doc="the list's heading", doc_zh="名单标题"))
    names: list[Text] = field(metadata=meta(min_items=1, max_items=8, max_len=80,
                                            doc="universities and national platforms", doc_zh="高校与国家级平台"))


EXCERPT_ZH_MAX = 40  # characters: a pull quote is read at a metre


@dataclass(frozen=True, kw_only=True)
class Quote:
    __describe__ = "a quote (text, excerpt, speaker, title, organisation, about)"
    __describe_zh__ = "引语（原话、摘句、讲话人、职务、机构、机构简介）"
    text: Text = field(metadata=meta(
        max_len=400, doc="en: the source's words verbatim, with its own punctuation, without the enclosing "
        "quotation marks; zh: a faithful translation of the whole quotation",
        doc_zh="英文：来源原话，逐字照录，保留原标点，不加外层引号；中文：整段引语的忠实译文"))
    excerpt: Text | None = field(default=None, metadata=meta(
        max_len=140, doc="a verbatim fragment of the quotation for a poster's pull quote: en is a whole "
        "sentence or clause of text.en (about 60-120 characters), zh its translation "
        f"(at most {EXCERPT_ZH_MAX} characters)",
        doc_zh=f"海报引语摘句，须逐字取自原话：英文为原话中完整的一句或分句（约 60–120 个字符），"
        f"中文为其译文（不超过 {EXCERPT_ZH_MAX} 字）"))
    speaker: Text = field(metadata=meta(max_len=40, doc="who said it", doc_zh="讲话人"))
    title: Text = field(metadata=meta(max_len=60, doc="the speaker's position", doc_zh="讲话人的职务"))
    organisation: Text = field(metadata=meta(max_len=60, doc="the speaker's organisation", doc_zh="讲话人所在机构"))
    about: Text | None = field(default=None, metadata=meta(
        max_len=120, doc="one line on the organisation; a description, not a quotation, but it keeps the "
        "source's claim", doc_zh="一句话介绍该机构；是描述而非引语，但保留来源中的说法"))

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
    __describe_zh__ = "地标的图形元素"
    technology: str = field(metadata=meta(doc="the industry's technology motif, e.g. circuit-traces",
                                          doc_zh="产业的科技图形，如 circuit-traces（电路走线）"))
    hero: str | None = field(default=None, metadata=meta(
        doc="the hero drawing, Nanjing and the industry in one, e.g. hero-wall-chip",
        doc_zh="主视觉：南京元素与产业合为一图，如 hero-wall-chip（城墙芯片）"))
    nanjing: list[str] = field(metadata=meta(min_items=1, max_items=4, doc="Nanjing motifs, first is the lead",
                                             doc_zh="南京文化图形，第一个为主"))
    params: dict[str, dict[str, float | str | bool]] = field(default_factory=dict, metadata=meta(
        doc="motif name -> parameters for this landmark, e.g. circuit-traces: {follow: battlements}",
        doc_zh="图形名 → 本地标的参数，如 circuit-traces: {follow: battlements}"))


@dataclass(frozen=True, kw_only=True)
class Focus:
    """The point of a photo to keep in view when it is cropped to its frame."""

    __describe__ = "a focal point (x, y)"
    __describe_zh__ = "焦点（x, y）：裁切照片时保留在画面中的位置"
    x: float = field(default=0.5, metadata=meta(min=0, max=1, doc="from the left edge (0) to the right (1)",
                                                doc_zh="从左边缘（0）到右边缘（1）"))
    y: float = field(default=0.5, metadata=meta(min=0, max=1, doc="from the top edge (0) to the bottom (1)",
                                                doc_zh="从上边缘（0）到下边缘（1）"))


@dataclass(frozen=True, kw_only=True)
class Landmark:
    """One industrial landmark: ``data/landmarks/<slug>.yaml``."""

    __describe__ = "a landmark"
    __describe_zh__ = "一个产业地标"
    order: int = field(metadata=meta(min=1, max=99, doc="position in the series", doc_zh="在系列中的序号"))
    name: Text = field(metadata=meta(max_len=40, doc="the landmark's name: the largest thing on the poster",
                                     doc_zh="地标名称：海报上最大的文字"))
    ambition: Text = field(metadata=meta(max_len=120, doc="the one-line ambition", doc_zh="一句话目标"))
    summary: Text = field(metadata=meta(max_len=500, doc="a short paragraph for the brochure",
                                        doc_zh="画册中的一段简介"))
    theme: str = field(metadata=meta(doc="a theme in layouts/themes/", doc_zh="配色主题（layouts/themes/ 中的一个）"))
    motifs: MotifChoice
    plan: Plan
    key_figures: list[KeyFigure] = field(metadata=meta(min_items=3, max_items=4, doc="three or four big numerals",
                                                       doc_zh="三到四个关键数字"))
    chain: Chain | None = None
    institutions: Institutions | None = None
    highlights: list[Text] = field(default_factory=list, metadata=meta(
        max_items=6, max_len=160, doc="other facts, not a repeat of the summary", doc_zh="其他亮点（不重复简介）"))
    quote: Quote | None = None
    qr_url: str | None = field(default=None, metadata=meta(check=_url, doc="overrides the campaign URL",
                                                           doc_zh="替代活动网址（二维码内容）"))
    hero_image: str | None = field(default=None, metadata=meta(
        doc="a photo or illustration for the hero area, e.g. assets/images/ic.jpg (JPEG, PNG or TIFF)",
        doc_zh="主视觉区域的照片或插图，如 assets/images/ic.jpg（JPEG、PNG 或 TIFF）", verbatim=True))
    hero_focus: Focus | None = field(default=None, metadata=meta(
        doc="the point of the hero photo kept in view when it is cropped (default: its centre)",
        doc_zh="主视觉照片裁切时保留在画面中的点（默认居中）"))
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
