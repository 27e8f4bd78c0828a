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


def _copies(value: dict) -> str | None:
    bad = [k for k, n in value.items() if n is not None and n < 1]
    return f"{bad[0]}: a number of copies is 1 or more" if bad else None


def _squeeze(text: str) -> str:
    """Runs of whitespace as one space: a line break in the YAML is not a difference."""
    return " ".join(text.split())


#: the languages a text holds in the data files (Traditional Chinese is converted from zh)
TEXT_LANGS = ("zh", "en", "ja", "ko")


@dataclass(frozen=True, kw_only=True)
class Text:
    """A user-visible string: Simplified Chinese and English, written by the team, and
    Japanese and Korean where a translation agency's work was imported
    (``poster-gen translate import``). Traditional Chinese is converted from the
    Simplified (``load.editions``), so it has no key of its own."""

    __describe__ = "a mapping with 'zh' and 'en' text"
    __describe_zh__ = "中文（zh）与英文（en）两种文字"
    # Any may be missing in the file: each edition checks that the languages it
    # prints are there (a bilingual build needs both), naming the field when not.
    zh: str = field(default="", metadata=meta(allow_empty=True, doc="Simplified Chinese", doc_zh="简体中文"))
    en: str = field(default="", metadata=meta(allow_empty=True, doc="English", doc_zh="英文"))
    ja: str = field(default="", metadata=meta(allow_empty=True, doc="Japanese (from the translation round trip)",
                                              doc_zh="日文（由翻译往返导入）"))
    ko: str = field(default="", metadata=meta(allow_empty=True, doc="Korean (from the translation round trip)",
                                              doc_zh="韩文（由翻译往返导入）"))

    def get(self, lang: str) -> str:
        """The text in ``lang`` (zh, en, ja or ko; empty when not written)."""
        return getattr(self, lang, "") if lang in TEXT_LANGS else ""

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
    ja: str = field(default="", metadata=meta(allow_empty=True, max_len=8, doc="the unit in Japanese, e.g. 億元",
                                              doc_zh="日文单位，如“億元”"))
    ko: str = field(default="", metadata=meta(allow_empty=True, max_len=8, doc="the unit in Korean, e.g. 억 위안",
                                              doc_zh="韩文单位，如“억 위안”"))

    def get(self, lang: str) -> str:
        return getattr(self, lang, "") if lang in TEXT_LANGS else ""


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
    title: Text = field(metadata=meta(max_len=60, doc="the list's heading", doc_zh="列表标题"))
    items: list[Text] = field(metadata=meta(min_items=1, max_items=8, max_len=160, doc="the list's points, one line each",
                                            doc_zh="列表的各项，每项一行"))


@dataclass(frozen=True, kw_only=True)
class Policy:
    __describe__ = "the policy package"
    title: Text = field(metadata=meta(max_len=60, doc="the heading of the brochure's policy page",
                                      doc_zh="画册政策页的标题"))
    intro: Text = field(metadata=meta(max_len=400, doc="a short paragraph introducing the policies",
                                      doc_zh="介绍政策的一段短文"))
    areas: list[Text] = field(metadata=meta(min_items=1, max_items=8, max_len=60, doc="what the policies cover, "
                                            "a few words each", doc_zh="政策涉及的领域，每项几个字"))


@dataclass(frozen=True, kw_only=True)
class Contact:
    __describe__ = "contact details"
    organisation: Text = field(metadata=meta(max_len=80, doc="who to contact: the organisation",
                                             doc_zh="联系单位"))
    person: Text | None = field(default=None, metadata=meta(doc="a contact person, as printed",
                                                             doc_zh="联系人（按印刷内容填写）"))
    email: str | None = field(default=None, metadata=meta(doc="an e-mail address", doc_zh="电子邮箱"))
    phone: str | None = field(default=None, metadata=meta(doc="a telephone number", doc_zh="电话号码"))
    url: str = field(metadata=meta(check=_url, doc="the web address printed with the contact",
                                   doc_zh="随联系方式印出的网址"))


@dataclass(frozen=True, kw_only=True)
class BrochureText:
    __describe__ = "the brochure's own texts"
    title: Text = field(metadata=meta(max_len=40, doc="the title on the brochure's cover", doc_zh="画册封面标题"))
    subtitle: Text = field(metadata=meta(max_len=80, doc="the line under the cover's title",
                                         doc_zh="封面标题下的副标题"))
    intro: Text = field(metadata=meta(max_len=500, doc="the paragraph on the city page beside the development "
                                      "system", doc_zh="城市页上与产业发展体系并列的一段导语"))


@dataclass(frozen=True, kw_only=True)
class Traditional:
    """How the Traditional Chinese editions are converted from the Simplified text."""

    __describe__ = "Traditional Chinese settings"
    __describe_zh__ = "繁体中文设置"
    standard: Literal["tw", "hk"] = field(default="tw", metadata=meta(
        doc="the standard: tw (Taiwan) or hk (Hong Kong)", doc_zh="标准：tw（台湾）或 hk（香港）",
        labels={"tw": {"en": "Taiwan", "zh": "台湾"}, "hk": {"en": "Hong Kong", "zh": "香港"}}))
    phrases: bool = field(default=True, metadata=meta(
        doc="also convert phrases to the region's words (软件 → 軟體; Taiwan only)",
        doc_zh="同时转换为当地用语（软件 → 軟體；仅台湾标准）"))
    overrides: dict[str, str] = field(default_factory=dict, metadata=meta(
        doc="Simplified term -> how the Traditional editions write it, where the conversion is wrong for a "
            "name (e.g. 集成电路: 集成電路)",
        doc_zh="简体词 → 繁体版的写法，用于转换不适合的名称（如 集成电路: 集成電路）"))

    def __validate__(self):
        for term in self.overrides:  # (an empty value is refused as any empty text is)
            if not term.strip():
                yield ("overrides",), "an override needs the Simplified term it replaces (the key is empty)"


@dataclass(frozen=True, kw_only=True)
class Campaign:
    """What all landmarks share: ``data/campaign.yaml``."""

    __describe__ = "the campaign"
    year: int = field(metadata=meta(min=1990, max=2100, doc="the year of the campaign", doc_zh="宣传活动的年份"))
    city: Text = field(metadata=meta(doc="the city's name", doc_zh="城市名称"))
    series: Text = field(metadata=meta(max_len=40, doc="the series name, printed on every poster and the brochure",
                                       doc_zh="系列名称，印在每张海报和画册上"))
    launch: Text = field(metadata=meta(max_len=300, doc="how the campaign was launched: printed on the contents page",
                                       doc_zh="活动发布的经过，印在画册目录页"))
    vision: Text = field(metadata=meta(max_len=60, doc="the city's vision in a few words, printed on every poster",
                                       doc_zh="城市愿景，寥寥数字，印在每张海报上"))
    development_system: Titled = field(metadata=meta(doc="the industries the city develops: the brochure's city page",
                                                     doc_zh="城市的产业发展体系，印在画册城市页"))
    city_facts: list[KeyFigure] = field(metadata=meta(min_items=1, max_items=4, doc="the city's figures, under growth "
                                                      "on the city page", doc_zh="城市数据，印在城市页“经济增长”之下"))
    growth: Text = field(metadata=meta(max_len=200, doc="the sentence that leads into the city's figures",
                                       doc_zh="引出城市数据的一句话"))
    advantages: Titled = field(metadata=meta(doc="why invest in the city: the city page", doc_zh="城市优势，印在城市页"))
    goal: Text = field(metadata=meta(max_len=120, doc="the goal for every landmark: the goal page",
                                     doc_zh="每个产业地标的发展目标，印在目标页"))
    goal_figures: list[KeyFigure] = field(metadata=meta(min_items=1, max_items=4, doc="the goal's figures: its scale "
                                                        "and time frame", doc_zh="目标数据：规模与时限"))
    outlook: Titled = field(metadata=meta(doc="what the city will do next: the goal page",
                                          doc_zh="城市下一步的举措，印在目标页"))
    policy: Policy = field(metadata=meta(doc="the policies for investors: the brochure's policy page",
                                         doc_zh="面向投资者的政策，印在画册政策页"))
    brochure: BrochureText = field(metadata=meta(doc="the brochure's title, subtitle and introduction",
                                                 doc_zh="画册的标题、副标题与导语"))
    contact: Contact = field(metadata=meta(doc="who to contact: on the posters and the brochure's back page",
                                           doc_zh="联系方式：印在海报和画册封底"))
    qr_url: str = field(metadata=meta(check=_url, doc="what the QR codes carry unless a landmark overrides it",
                                      doc_zh="二维码的内容（地标另有网址时除外）"))
    labels: dict[str, Text] = field(default_factory=dict, metadata=meta(
        doc="captions the layouts use (a layout names them labels.<name>)",
        doc_zh="版式使用的标签文字（版式中写作 labels.<名称>）"))
    traditional: Traditional = field(default_factory=Traditional, metadata=meta(
        doc="how the Traditional Chinese editions (--lang zh-Hant, zh-Hant-en) are converted",
        doc_zh="繁体中文版（--lang zh-Hant、zh-Hant-en）的转换方式", printed=False))
    quantities: dict[str, int] = field(default_factory=dict, metadata=meta(
        check=_copies, doc="copies to print, for a release's job ticket: a landmark's slug for its "
        "poster, brochure for the brochure, e.g. {brochure: 2000, new-energy-vehicles: 300}",
        doc_zh="印刷数量，写入发布的印刷工单：地标的 slug 对应其海报，brochure 对应画册，"
        "如 {brochure: 2000, new-energy-vehicles: 300}"))
    words: list[str] = field(default_factory=list, metadata=meta(
        max_len=12, doc="terms a line must never break inside, for display type: landmark names' parts "
        "and other fixed terms (2-12 Chinese characters each); a user dictionary for word segmentation",
        doc_zh="标题排版时不可在中间断行的词语：地标名称的组成部分及其他固定用语（每个 2–12 个汉字），即分词用户词典"))

    def __validate__(self):
        seen: set[str] = set()
        for i, word in enumerate(self.words):
            msg = _han_word(word)
            if msg:
                yield ("words", i), msg
            elif word in seen:
                yield ("words", i), f"{word!r} is listed twice"
            seen.add(word)
