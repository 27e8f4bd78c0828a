"""clreq on composed lines: each rule has a page that breaks it, and set paragraphs pass."""
from __future__ import annotations

import pytest

from lint_fixtures import FONTS, base_layout, em, line, messages, page_lint, region
from poster_gen.compose import segment
from poster_gen.compose.layout_lint import clreq as lint_clreq
from poster_gen.compose.text import Para, fit_block, place_block


def _para(texts, size=18.0, lang="zh", para=1, style="body_zh", **kw):
    """Lines of one paragraph, stacked by its leading."""
    return [line(t, 30, 100 + k * size * 1.4 * 0.3528, size, lang=lang, para=para, style=style, **kw)
            for k, t in enumerate(texts)]


def _lint(lines, **kw):
    return messages(page_lint([(region("body", height=200), lines)], **kw), lint_clreq)


def test_a_line_that_starts_with_closing_punctuation_is_caught():
    found = _lint(_para(["南京是中国的“硅谷”", "，人才资源和创新环境"]))
    assert len(found) == 1 and "starts with '，'" in found[0] and found[0].startswith("body: ")


def test_a_line_that_ends_with_an_opening_bracket_is_caught():
    found = _lint(_para(["南京是中国的“硅谷”（", "人才资源）和创新环境"]))
    assert len(found) == 1 and "ends with '（'" in found[0]


def test_a_paragraph_may_start_with_a_dash():
    assert _lint(_para(["——刘德音，台积电董事长"])) == []


def test_a_chinese_line_longer_than_the_measure_is_caught():
    found = _lint(_para(["南" * 25 + "京"], para=0))
    assert len(found) == 1 and "26.0 characters long" in found[0] and "the measure is 24" in found[0]
    assert _lint(_para(["南" * 24], para=0)) == []


def test_an_english_line_longer_than_the_measure_is_caught():
    text = "Nanjing builds " * 5  # 75 characters
    found = _lint(_para([text.strip()], 15, "en", para=0, style="body_en", font="regular"))
    assert len(found) == 1 and "English line" in found[0] and "the measure is 65" in found[0]


def test_a_justified_line_that_does_not_fill_its_measure_is_caught():
    measure = em(18) * 11
    full = line("南京是中国首个软件名城", 30, 92, 18, para=1, style="quote_zh", measure=measure)
    short = line("人才资源和创新环境是", 30, 100, 18, para=1, style="quote_zh", measure=measure)
    last = line("原因。", 30, 108, 18, para=1, style="quote_zh")
    assert _lint([full, last]) == []
    found = _lint([full, short, last])
    assert len(found) == 1 and "'人才资源和创新环境是' ends -6.35 mm from its measure" in found[0]
    unset = _lint([line("南京是中国", 30, 92, 18, para=1, style="quote_zh"), last])
    assert len(unset) == 1 and "is not justified" in unset[0]


def test_a_justified_paragraph_set_by_the_composer_passes():
    pl = page_lint([(region("voice"), [])])
    st = pl.ctx.style("quote_zh")
    text = "南京是中国生物技术和医药领域的“硅谷”，人才资源和创新环境是我们选择江北最重要的原因。"
    block = fit_block([Para(text, st, lang="zh")], FONTS, 70, 200, "voice")
    lines = place_block(block, FONTS, 30, 100, 70, role="voice", para0=1)
    assert len(lines) > 2 and all(t.measure for t in lines[:-1])
    assert _lint(lines) == []


def test_a_widow_of_one_or_two_characters_is_caught():
    found = [f for f in _lint(_para(["南京是中国生物技术和医", "药"])) if "ends with a line" in f]
    assert len(found) == 1 and "ends with a line of 1 character(s), '药'" in found[0]
    assert _lint(_para(["南京是中国生物技术", "和医药"])) == []


def test_curly_quotes_in_a_chinese_line_need_the_zh_font():
    found = _lint(_para(["中国的“硅谷”"], para=0, font="regular"))
    assert len(found) == 1 and "'regular:zh'" in found[0] and "“”" in found[0]
    assert _lint(_para(["中国的“硅谷”"], para=0, font="regular:zh")) == []
    no_variants = {"regular": FONTS["regular"]}
    assert _lint(_para(["中国的“硅谷”"], para=0, font="regular"), fonts=no_variants) == []


@pytest.fixture
def segmenter(monkeypatch):
    """A segmenter that knows two words: 集成电路 and 产业地标."""
    words = ("集成电路", "产业地标")
    seen = []

    def word_breaks(text, extra=()):
        seen.append(tuple(extra))
        inside = set()
        for w in words + tuple(extra):
            at = text.find(w)
            while at >= 0:
                inside.update(range(at + 1, at + len(w)))
                at = text.find(w, at + 1)
        return frozenset(range(1, len(text))) - inside

    monkeypatch.setattr(segment, "word_breaks", word_breaks)
    return seen


def test_display_type_broken_inside_a_word_is_caught(segmenter):
    found = _lint(_para(["南京集成", "电路产业地标"], 64, style="title_zh", font="black:zh"))
    assert len(found) == 1 and "breaks inside a word: '南京集成|电路产业'" in found[0]
    assert _lint(_para(["南京集成电路", "产业地标"], 64, style="title_zh", font="black:zh")) == []


def test_body_text_may_break_between_any_characters(segmenter):
    assert _lint(_para(["南京是集成", "电路产业地标"], style="running_zh")) == []


def test_the_campaigns_words_reach_the_segmenter(segmenter):
    found = _lint(_para(["南京江北", "新区产业"], 64, style="title_zh", font="black:zh"), words=("江北新区",))
    assert len(found) == 1 and "'南京江北|新区产业'" in found[0]
    assert ("江北新区",) in segmenter


def test_spec_measures_come_from_the_layout():
    layout = base_layout(measure_zh=30)
    assert _lint(_para(["南" * 26], para=0), layout=layout) == []
