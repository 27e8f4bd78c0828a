"""The data against its one source, the press release (tests/fixtures), and against the
rules for what a poster and a brochure spread may print.

- Quotations are the release's words verbatim; a pull quote (excerpt) is a part of them.
- Every number in the data is one the release gives in that landmark's section (or in
  the city's paragraphs, for the campaign), or an explicit, documented conversion.
- One spread of the brochure states a fact once: (a) a number appears in only one field
  of those the spread shows, (b) no two fields share a Chinese phrase of 8 or more
  characters, and a landmark's summary holds no digit at all.
- The poster's columns hold short evidence lines: at most 3 measures, 4 chain segments,
  4 voice entries, each a line in either language.

Real files, no mocks: the project as `load_project` reads it.
"""
from __future__ import annotations

import dataclasses
import re
from itertools import combinations
from pathlib import Path

import pytest

from poster_gen.load.models import Campaign, Landmark, Text, Unit
from poster_gen.load.project import load_project
from poster_gen.load.walk import texts

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "tests" / "fixtures" / "press-release-2020-06-19.txt").read_text(encoding="utf-8")
PROJECT = load_project(ROOT)
LANDMARKS: dict[str, Landmark] = {lm.slug: lm for lm in PROJECT.landmarks}
CAMPAIGN: Campaign = PROJECT.campaign
LANGS = ("zh", "en")


def squeeze(text: str) -> str:
    """Runs of whitespace as one space: the only difference a quotation may have."""
    return " ".join(text.split())


# -- the release, cut into the parts each data file draws on ----------------------------

# Each landmark's section starts at its heading and runs to the next one.
HEADINGS = {
    "artificial-intelligence": "Build the innovation highland of artificial intelligence industry",
    "new-medicine-life-health": "New medicine and life and health have become new engines",
    "integrated-circuits": "Build Nanjing into a benchmark city in the IC industry",
    "new-energy-vehicles": "To build a global pilot city for demonstration and application",
    "software-information-services": "To develop Nanjing into an internationally competitive software city",
}
CITY_AGAIN = "Nanjing’s GDP has been around 8%"  # after the landmarks, the release returns to the city


def sections() -> dict[str, str]:
    starts = sorted((SEED.index(h), slug) for slug, h in HEADINGS.items())
    ends = [s for s, _ in starts[1:]] + [SEED.index(CITY_AGAIN)]
    out = {slug: SEED[start:end] for (start, slug), end in zip(starts, ends)}
    out["campaign"] = SEED[:starts[0][0]] + SEED[SEED.index(CITY_AGAIN):]
    return out


SECTIONS = sections()


def test_the_release_is_cut_where_expected():
    assert len(SECTIONS) == 6
    assert "Liu Deyin" in SECTIONS["integrated-circuits"] and "Kim Jong-hyun" in SECTIONS["new-energy-vehicles"]
    assert "Hanlin" in SECTIONS["new-medicine-life-health"] and "3-5 years" in SECTIONS["campaign"]


# -- quotations ------------------------------------------------------------------------------

# What the release prints between “ and ”: its quotations, without the enclosing marks.
SEED_QUOTATIONS = [squeeze(q) for q in re.findall(r"“([^”]*)”", SEED)]
QUOTED = [lm for lm in PROJECT.landmarks if lm.quote]


def test_three_landmarks_quote_someone():
    assert {lm.slug for lm in QUOTED} == {"integrated-circuits", "new-energy-vehicles", "new-medicine-life-health"}


@pytest.mark.parametrize("lm", QUOTED, ids=lambda lm: lm.slug)
def test_a_quotation_is_the_release_verbatim(lm: Landmark):
    """The whole quotation, word for word and with the release's own punctuation (curly
    apostrophes and quotation marks included); only the enclosing “ ” are left off."""
    text = squeeze(lm.quote.text.en)
    assert text in SEED_QUOTATIONS, f"{lm.slug}: quote.text.en is not one of the release's quotations"
    assert squeeze(lm.quote.text.en) in squeeze(SECTIONS[lm.slug])
    assert lm.quote.text.zh.strip(), f"{lm.slug}: quote.text.zh (the translation) is missing"


@pytest.mark.parametrize("lm", QUOTED, ids=lambda lm: lm.slug)
def test_the_pull_quote_is_a_clause_of_the_quotation(lm: Landmark):
    excerpt = lm.quote.excerpt
    assert excerpt is not None, f"{lm.slug}: every quote has an excerpt for the poster's pull quote"
    part, whole = squeeze(excerpt.en), squeeze(lm.quote.text.en)
    assert part in squeeze(SEED)
    assert part in whole
    # a whole sentence or clause: it starts and ends where the quotation pauses
    start = whole.index(part)
    before, after = whole[:start], whole[start + len(part):]
    assert before == "" or before.endswith((". ", ", ", ", and ")), f"{lm.slug}: starts mid-clause: {part!r}"
    assert after == "" or after.startswith((".", ",", " and ")), f"{lm.slug}: ends mid-clause: {part!r}"
    assert 50 <= len(part) <= 130, f"{lm.slug}: {len(part)} characters; a pull quote is about 60-120"
    assert 0 < len(excerpt.zh) <= 40


def test_the_description_of_a_speaker_keeps_the_release_s_claim():
    """`about` is a description, not a quotation, but it must not soften the release's
    claim ("the world’s leading battery maker" is not "a world-leading" one): the
    English keeps the release's own words."""
    for lm in QUOTED:
        if lm.quote.about is not None:
            assert squeeze(lm.quote.about.en) in squeeze(SECTIONS[lm.slug]), lm.slug


# -- numbers -------------------------------------------------------------------------------

# A number as the data writes it: an optional sign, digits (with thousands separators),
# an optional range, percent, "+" for "more than", an ordinal ending. "No.1" is one token.
NUMBER = re.compile(r"No\.\d+|[≥≤]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s*[–-]\s*\d[\d,]*)?%?\+?"
                    r"|[≥≤]?\d+(?:\.\d+)?(?:\s*[–-]\s*\d+(?:\.\d+)?)?%?\+?(?:st|nd|rd|th)?")

# Numbers the data writes differently from the release, each with the words of the
# release it comes from (which must be in the same section) and why it differs.
CONVERSIONS: dict[tuple[str, str, str], tuple[str, str]] = {
    # key: (section, language, number as the data writes it)
    ("artificial-intelligence", "zh", "1–2"): ("RMB 100-200 million", "100–200 million is 1–2 亿"),
    ("artificial-intelligence", "zh", "5"): ("five universities", "the release spells the number"),
    ("artificial-intelligence", "en", "5"): ("five universities", "the release spells the number"),
    ("integrated-circuits", "zh", "300–500"): ("30-50 billion yuan", "30–50 billion is 300–500 亿"),
    ("integrated-circuits", "en", "1st"): ("it is the first national", "“the first” as a figure"),
    ("new-energy-vehicles", "zh", "≥50"): ("no less than 5 billion yuan", "5 billion is 50 亿"),
    ("new-energy-vehicles", "zh", "No.1"): ("the industry scale is the first in the province", "“the first” as a figure"),
    ("new-energy-vehicles", "en", "No.1"): ("the industry scale is the first in the province", "“the first” as a figure"),
    ("software-information-services", "zh", "80"): ("more than 800,000 employees", "800,000 is 80 万"),
    ("new-medicine-life-health", "zh", "No.1"): ("the output of basic talents ranks the first", "“the first” as a figure"),
    ("new-medicine-life-health", "en", "No.1"): ("the output of basic talents ranks the first", "“the first” as a figure"),
    ("campaign", "zh", "6"): ("June 15, 2020", "June is the 6th month (6月)"),
    ("campaign", "zh", "3000–5000"): ("300-500 billion yuan", "300–500 billion is 3000–5000 亿"),
    ("campaign", "zh", "No.1"): ("its growth rate is the highest among the cities", "“the highest” as a figure"),
    ("campaign", "en", "No.1"): ("its growth rate is the highest among the cities", "“the highest” as a figure"),
}


def lang_strings(obj, lang: str) -> list[str]:
    """The strings of ``obj`` in one language, as an edition prints them: a Text or
    Unit in that language, a shared string (a key figure's value) and a whole number
    (a plan's year) as they are."""
    if isinstance(obj, (Text, Unit)):
        return [obj.get(lang)] if obj.get(lang) else []
    if isinstance(obj, str):
        return [obj] if obj else []
    if isinstance(obj, bool) or obj is None:
        return []
    if isinstance(obj, int):
        return [str(obj)]
    if dataclasses.is_dataclass(obj):  # a plan's status is a keyword; the layout prints a label for it
        return [s for f in dataclasses.fields(obj) if f.name != "status"
                for s in lang_strings(getattr(obj, f.name), lang)]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in lang_strings(v, lang)]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in lang_strings(v, lang)]
    raise TypeError(type(obj))


# What is data in a landmark file: everything but the file's machinery.
NOT_TEXT = {"order", "theme", "motifs", "qr_url", "hero_image", "slug"}
CAMPAIGN_NOT_TEXT = {"qr_url", "contact", "words", "labels"}


def numbers_of(obj, lang: str, skip: set[str]) -> set[str]:
    found = set()
    for f in dataclasses.fields(obj):
        if f.name not in skip:
            for s in lang_strings(getattr(obj, f.name), lang):
                found.update(NUMBER.findall(s))
    return found


def in_release(token: str, section: str) -> bool:
    """Whether the release's section says this number, with the meaning of its sign."""
    text = section.replace("–", "-")
    core = re.sub(r"\s*[–-]\s*", "-", token).lstrip("≥≤").rstrip("+")
    if token.endswith("+"):  # "200+" is "more than 200"; "60%+" is "over 60%"
        return f"more than {core}" in text or f"over {core}" in text
    if token.startswith("≥"):
        return f"no less than {core}" in text
    return re.search(rf"(?<![\d,.]){re.escape(core)}(?![\d,]*\d)", text) is not None


FILES = [(slug, lm) for slug, lm in LANDMARKS.items()] + [("campaign", CAMPAIGN)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug, obj", FILES, ids=[s for s, _ in FILES])
def test_every_number_is_the_release_s(slug: str, obj, lang: str):
    section = SECTIONS[slug]
    skip = CAMPAIGN_NOT_TEXT if slug == "campaign" else NOT_TEXT
    unsourced = []
    for token in sorted(numbers_of(obj, lang, skip)):
        conversion = CONVERSIONS.get((slug, lang, token))
        if conversion is not None:
            words, _why = conversion
            assert words in section, f"{slug}: the conversion of {token!r} cites {words!r}, not in the release"
        elif not in_release(token, section):
            unsourced.append(token)
    assert not unsourced, f"{slug} ({lang}): numbers the press release does not give here: {unsourced}"


def test_every_conversion_is_still_used():
    used = {(slug, lang, t) for slug, obj in FILES for lang in LANGS
            for t in numbers_of(obj, lang, CAMPAIGN_NOT_TEXT if slug == "campaign" else NOT_TEXT)}
    assert set(CONVERSIONS) <= used, set(CONVERSIONS) - used


def test_the_number_check_catches_an_invented_number():
    section = SECTIONS["integrated-circuits"]
    assert in_release("200+", section) and in_release("30–50", section) and in_release("2019", section)
    assert not in_release("300+", section) and not in_release("2018", section) and not in_release("20", section)
    assert not in_release("≥200", section)  # "more than 200" is 200+, not "no less than"


# -- one fact once on a spread ---------------------------------------------------------------

DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")  # "5,000" is one number, "60%" is 60
PHRASE = 8  # Chinese characters, punctuation included


def landmark_spread(lm: Landmark) -> dict[str, object]:
    """What a landmark's two pages show, field by field (layouts/brochure.yaml,
    landmark_left and landmark_right)."""
    return {"name": lm.name, "ambition": lm.ambition, "key_figures": lm.key_figures,
            "summary": lm.summary, "plan": lm.plan, "chain": lm.chain, "quote": lm.quote,
            "institutions": lm.institutions, "highlights": lm.highlights}


def campaign_spreads() -> dict[str, dict[str, object]]:
    """The campaign's pages as they face each other: the city page beside the contents
    (which print the launch), the policy page beside the goals. Every landmark's plan
    (name and year) is one field of the policy page: the plans share their years and
    the words "产业地标行动计划" by fact."""
    c = CAMPAIGN
    return {
        "city and contents": {"vision": c.vision, "brochure.intro": c.brochure.intro,
                              "development_system": c.development_system, "advantages": c.advantages,
                              "growth": c.growth, "city_facts": c.city_facts, "launch": c.launch},
        "policy and goals": {"policy": c.policy,
                             "plans": [(lm.plan.name, lm.plan.year) for lm in PROJECT.landmarks],
                             "goal": c.goal, "goal_figures": c.goal_figures, "outlook": c.outlook},
    }


SPREADS = {f"landmark {slug}": landmark_spread(lm) for slug, lm in LANDMARKS.items()} | campaign_spreads()

# A landmark's name is the spread's title, not a fact: a plan named after its landmark
# ("新医药与生命健康相关行动计划") or a launch that lists the landmarks does not repeat one.
NAMES = {lm.name.zh for lm in PROJECT.landmarks}


def numbers_in_two_fields(spread: dict[str, object], lang: str) -> dict[str, list[str]]:
    """Rule (a): each number that more than one field prints, with those fields."""
    where: dict[str, set[str]] = {}
    for name, value in spread.items():
        for s in lang_strings(value, lang):
            for n in DIGITS.findall(s):
                where.setdefault(n, set()).add(name)
    return {n: sorted(fields) for n, fields in where.items() if len(fields) > 1}


def grams(text: str, n: int = PHRASE) -> set[str]:
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def shared_phrases(spread: dict[str, object]) -> dict[str, list[str]]:
    """Rule (b): the Chinese phrases of PHRASE characters two fields both print. Each
    string counts on its own (list items are set apart, not run together)."""
    fields = {name: set().union(set(), *(grams(s) for s in lang_strings(v, "zh")))
              for name, v in spread.items()}
    shared = {}
    for (a, ga), (b, gb) in combinations(fields.items(), 2):
        common = {g for g in ga & gb if not any(g in name for name in NAMES)}
        if common:
            shared[f"{a} + {b}"] = sorted(common)
    return shared


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spread", SPREADS, ids=list(SPREADS))
def test_a_number_is_in_one_field_of_a_spread(spread: str, lang: str):
    twice = numbers_in_two_fields(SPREADS[spread], lang)
    assert not twice, f"{spread} ({lang}): numbers printed in more than one field: {twice}"


@pytest.mark.parametrize("spread", SPREADS, ids=list(SPREADS))
def test_no_chinese_phrase_twice_on_a_spread(spread: str):
    shared = shared_phrases(SPREADS[spread])
    assert not shared, f"{spread}: fields share a phrase of {PHRASE}+ characters: {shared}"


@pytest.mark.parametrize("lm", PROJECT.landmarks, ids=lambda lm: lm.slug)
def test_a_summary_is_short_narrative_without_figures(lm: Landmark):
    assert not re.search(r"\d", lm.summary.zh + lm.summary.en), f"{lm.slug}: the summary holds a digit"
    assert len(lm.summary.zh) <= 90, f"{lm.slug}: summary.zh is {len(lm.summary.zh)} characters"
    assert len(lm.summary.en) <= 320, f"{lm.slug}: summary.en is {len(lm.summary.en)} characters"


def test_the_spread_rules_catch_the_repeats_that_started_them():
    """The fund in the figures and again in the summary; “首个软件名城” in the summary and a highlight."""
    nev = landmark_spread(LANDMARKS["new-energy-vehicles"])
    nev["summary"] = Text(zh="南京设立不低于50亿元的产业发展基金。", en="A fund of no less than 5 billion yuan.")
    assert numbers_in_two_fields(nev, "en") == {"5": ["key_figures", "summary"]}
    assert numbers_in_two_fields(nev, "zh") == {"50": ["key_figures", "summary"]}
    soft = landmark_spread(LANDMARKS["software-information-services"])
    soft["summary"] = Text(zh="南京是中国首个“软件名城”。", en="Nanjing is China’s first “software city”.")
    assert list(shared_phrases(soft)) == ["summary + highlights"]


# -- the poster: a few short lines per column ------------------------------------------------

MEASURES, SEGMENTS, VOICE = 3, 4, 4  # the most each poster column shows
ZH_LINE, EN_LINE = 16, 48  # characters: the hard limits (aim for 12 and 40)
# The five universities with an AI college are five facts, with their full names.
LONG_ALLOWED = {("artificial-intelligence", "institutions")}


def poster_columns(lm: Landmark) -> dict[str, list[Text]]:
    """The evidence lines of a poster (layouts/poster.yaml: plan; chain from [chain,
    highlights]; voice from [quote, institutions, highlights], not repeating the chain's)."""
    cols = {"measures": list(lm.plan.measures)}
    if lm.chain is not None:
        cols["chain"] = list(lm.chain.segments)
    elif lm.highlights:
        cols["highlights"] = list(lm.highlights)
    if lm.quote is None:
        if lm.institutions is not None:
            cols["institutions"] = list(lm.institutions.names)
        elif lm.highlights and "highlights" not in cols:
            cols["highlights"] = list(lm.highlights)
    return cols


@pytest.mark.parametrize("lm", PROJECT.landmarks, ids=lambda lm: lm.slug)
def test_poster_columns_are_a_few_short_lines(lm: Landmark):
    cols = poster_columns(lm)
    limits = {"measures": MEASURES, "chain": SEGMENTS, "institutions": VOICE, "highlights": VOICE}
    for col, items in cols.items():
        if (lm.slug, col) in LONG_ALLOWED:
            continue
        assert len(items) <= limits[col], f"{lm.slug}: {len(items)} {col}; the poster shows {limits[col]}"
        for i, t in enumerate(items):
            assert len(t.zh) <= ZH_LINE, f"{lm.slug}: {col}[{i}].zh {t.zh!r} is {len(t.zh)} characters"
            assert len(t.en) <= EN_LINE, f"{lm.slug}: {col}[{i}].en {t.en!r} is {len(t.en)} characters"
    if lm.chain is not None:
        assert len(lm.chain.title.zh) <= ZH_LINE and len(lm.chain.title.en) <= EN_LINE


# -- the segmentation dictionary ---------------------------------------------------------------

def test_every_landmark_name_part_is_a_word():
    """A name on a poster never breaks inside one of its parts (新医药 | 与 | 生命健康)."""
    for lm in PROJECT.landmarks:
        for part in re.split(r"[和与]", lm.name.zh):
            assert part in CAMPAIGN.words, f"{lm.slug}: {part!r} is not in campaign.words"


def test_every_word_is_printed_somewhere():
    """The dictionary lists the project's terms, not a general vocabulary."""
    printed = "\n".join(t.zh for obj in [*PROJECT.landmarks, CAMPAIGN] for _, t in texts(obj))
    assert [w for w in CAMPAIGN.words if w not in printed] == []
