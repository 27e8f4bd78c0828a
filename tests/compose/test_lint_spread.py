"""No fact twice on a spread: the brochure's document-level lint."""
from __future__ import annotations

from lint_fixtures import line, region
from poster_gen.page_model import Page
from poster_gen.compose.layout_lint.spread import numbers, phrases, spread_lint, spreads
from poster_gen.load.layout_models import Template

TEMPLATE = Template(regions=[
    region("summary"),
    region("figures", "figures", col=7, styles={"caption": "caption"}),
    region("folio", "folio", top=280, height=6),
])


def _page(*lines) -> Page:
    p = Page(210, 297)
    p.extend(lines)
    return p


def _lint(pages):
    return spread_lint(pages, [("landmark", TEMPLATE)] * len(pages))


def _text(text, role, lang="zh", para=1, style=""):
    return line(text, 20, 100 + para * 10, 10, lang=lang, para=para, role=role, style=style)


def test_pages_pair_into_spreads_with_the_covers_alone():
    assert spreads(8) == [[0], [1, 2], [3, 4], [5, 6], [7]]
    assert spreads(1) == [[0]]


def test_numbers_and_phrases_are_read_as_a_reader_would():
    assert numbers("产值5,000亿元，增长12.5%") == {"5000", "12.5"}
    assert set(phrases("打造集成电路产业地标。")) == {"打造集成电路产业", "造集成电路产业地", "集成电路产业地标"}
    assert phrases("集成电路产业") == {}


def test_the_same_number_in_two_regions_of_a_spread_is_caught():
    left = _page(_text("软件企业5,000家", "figures", para=1))
    right = _page(_text("全市软件企业超过5000家，从业人员80万", "summary", para=1))
    found = _lint([_page(), left, right, _page()])
    assert len(found) == 1
    at, issue = found[0]
    assert at == 2 and (issue.template, issue.index, issue.region) == ("landmark", 0, "summary")
    assert issue.message.startswith("repeats the number 5000 (zh) from region 'figures' on p2 (p3)")


def test_a_number_once_per_language_and_across_spreads_is_fine():
    zh = _page(_text("软件企业5000家", "summary", para=1), _text("5,000 software firms", "summary", "en", 2))
    other = _page(_text("全市软件企业5000家", "figures", para=1))
    # p2 and p3 face each other; p4 starts the next spread
    assert _lint([_page(), zh, _page(), other, _page(), _page()]) == []
    # and a number in Chinese here and in English there is the bilingual pair, not a repeat
    en = _page(_text("5,000 software firms", "figures", "en", para=1))
    assert _lint([_page(), _page(_text("软件企业5000家", "summary", para=1)), en, _page()]) == []


def test_captions_and_folios_are_not_read():
    left = _page(_text("软件企业5000家", "summary", para=1))
    right = _page(_text("5000 · 图表", "figures", para=2, style="caption"), _text("第5000页", "folio", para=0))
    assert _lint([_page(), left, right, _page()]) == []


def test_a_shared_chinese_phrase_of_eight_characters_is_caught():
    left = _page(_text("南京打造集成电路产业地标，", "summary", para=1),
                 _text("行动计划", "summary", para=1))
    right = _page(_text("全力打造集成电路产业地标行动", "figures", para=1))
    found = _lint([_page(), left, right, _page()])
    assert len(found) == 1
    assert "repeats the phrase '打造集成电路产业地标' from region 'summary' on p2" in found[0][1].message


def test_a_phrase_split_over_two_lines_is_still_read_as_one():
    left = _page(_text("南京打造集成电路", "summary", para=1), _text("产业地标", "summary", para=1))
    right = _page(_text("集成电路产业地标", "figures", para=1))
    assert len(_lint([_page(), left, right, _page()])) == 1
    short = _page(_text("集成电路产业", "figures", para=1))  # seven characters shared at most
    assert _lint([_page(), left, short, _page()]) == []


def test_compose_brochure_files_repeats_with_the_page_lint(monkeypatch):
    """compose_brochure runs the spread lint; its findings land in page.lint (so the
    builder reports them, located in the layout, like any page's lint). Each page here is
    stood in for by one line "产值5000亿元" in its template's first text region."""
    from lint_fixtures import FONTS, ROOT
    from poster_gen.compose import document
    from poster_gen.compose.layout_lint.spread import SKIP_KINDS
    from poster_gen.load.project import load_project

    def fake_page(template, ctx, label="", name="", lint=True):
        rid = next(r.id for r in template.regions if r.kind not in SKIP_KINDS | {"band", "motif", "rule", "qr"})
        return _page(line("产值5000亿元", 20, 100, 10, lang="zh", para=1, role=rid))

    monkeypatch.setattr(document, "compose_page", fake_page)
    project = load_project(ROOT)
    doc = document.compose_brochure(project, FONTS)
    n = len(doc.pages)
    for k, page in enumerate(doc.pages):
        repeated = [i.message for i in page.lint if "the number 5000 (zh)" in i.message]
        right_hand = k % 2 == 0 and 0 < k < n - 1  # p3, p5, ...: the second page of a spread
        assert bool(repeated) == right_hand, (k, page.lint)
