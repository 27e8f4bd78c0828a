"""Chinese set to the W3C Requirements for Chinese Text Layout (clreq), on composed
lines in the real prepared font: one fixture text per rule, asserting glyph advances,
spacing and break positions."""
from __future__ import annotations

import pytest

from conftest import ROOT
from poster_gen.build.glyphs import prepare_layout_fonts, project_text
from poster_gen.compose.clreq import NO_END, NO_START
from poster_gen.page_model import CMYK
from poster_gen.units import MM_PER_PT
from poster_gen.compose.text import Para, TextStyle, fit_block, place_block
from poster_gen.load.project import load_project

PROJECT = load_project(ROOT)
SIZE = 18.0
EM = SIZE * MM_PER_PT


@pytest.fixture(scope="module")
def fonts():
    text = project_text(PROJECT) + "（）“”‘’——…，、。"
    return {r: p.metrics for r, p in prepare_layout_fonts(PROJECT, "poster", text).items()}


def style(**kw) -> TextStyle:
    base = dict(font="regular", size=SIZE, leading=1.5, tracking=0.0, colour=CMYK(0, 0, 0, 90))
    base.update(kw)
    return TextStyle(**base)


def set_lines(fonts, text: str, width_em: float, lang: str = "zh", words=(), **kw):
    block = fit_block([Para(text, style(**kw), lang=lang)], fonts, width_em * EM, 1000, "f", tuple(words))
    return place_block(block, fonts, 0, 0, width_em * EM, para0=1)


def advance(fonts, role: str, ch: str) -> float:
    """A character's advance in ems in the prepared font."""
    m = fonts[role]
    return m.advances[ch] / m.units_per_em


def test_quotes_are_full_width_in_chinese_and_latin_in_english(fonts):
    (zh,) = set_lines(fonts, "全国“芯火”双创基地", 30)
    (en,) = set_lines(fonts, "the national “Core Fire” base", 30, lang="en")
    assert zh.font == "regular:zh" and en.font == "regular"
    for q in "“”":
        assert advance(fonts, zh.font, q) == pytest.approx(1.0)  # a full em, like the Han characters
        assert advance(fonts, en.font, q) < 0.7  # the proportional Latin form
    # the Chinese line is exactly as many ems as it has characters: nothing narrow jams a Han
    assert zh.width == pytest.approx(len(zh.text) * EM, abs=0.01)


def test_adjacent_punctuation_takes_one_and_a_half_em(fonts):
    (line,) = set_lines(fonts, "国家级工程中心（实验室），全国第4", 40)
    i = line.text.index("）")
    assert line.text[i + 1] == "，"
    assert line.adjust[i] == pytest.approx(-0.5 * EM)  # the pair "），" takes 1.5 em, not 2
    (line,) = set_lines(fonts, "“硅谷”，人才", 40)
    assert line.adjust[line.text.index("”")] == pytest.approx(-0.5 * EM)


def test_a_two_em_dash_is_one_unbroken_dash(fonts):
    (line,) = set_lines(fonts, "——刘德音，台积电董事长", 40)
    m = fonts[line.font]
    ink = m.ink["—"]
    gap = (m.advances["—"] - ink[2] + ink[0]) / m.units_per_em * EM
    # the second dash is drawn where the first one's ink ends: no gap in "——"
    assert line.adjust[0] == pytest.approx(-gap) and gap > 0
    assert line.adjust[0] + line.adjust[1] == pytest.approx(0.0)  # still two ems in all


def test_display_type_never_breaks_inside_a_word(fonts):
    from poster_gen.compose.segment import word_breaks

    words = tuple(PROJECT.campaign.words)
    for text, width in (("新能源汽车推广应用全球先行示范城市", 7), ("南京市软件和信息服务业产业地标行动计划", 9),
                        ("国家级工程中心（实验室），全国第4", 8), ("人才资源和创新环境", 4)):
        lines = [t.text for t in set_lines(fonts, text, width, words=words)]
        assert "".join(lines) == text and len(lines) > 1
        at, allowed = 0, word_breaks(text, words)
        for line in lines[:-1]:
            at += len(line)
            assert at in allowed, (text, lines)
        assert not any(line.endswith(("汽", "服务", "实", "第")) for line in lines), lines
    assert [t.text for t in set_lines(fonts, "新医药与生命健康", 5.5, words=words)] == ["新医药", "与生命健康"]


def test_body_text_is_justified_with_the_last_line_flush_left(fonts):
    quote = PROJECT.landmark("integrated-circuits").quote.text.zh
    lines = set_lines(fonts, quote, 18.3, breaks="anywhere", justify=True)
    assert len(lines) >= 4
    rights = [t.x + t.width for t in lines[:-1]]
    assert max(rights) - min(rights) < 0.01  # one right edge
    assert lines[-1].measure == 0 and not any(a > 0 for a in lines[-1].adjust)  # the last line is not spread
    for t in lines:
        assert t.text[0] not in NO_START and t.text[-1] not in NO_END


def test_the_measure_caps_chinese_at_24_characters_on_a_poster(fonts):
    quote = PROJECT.landmark("integrated-circuits").quote.text.zh
    lines = set_lines(fonts, quote, 60, breaks="anywhere", justify=True, chars=(24, 65))
    assert max(len(t.text) for t in lines) <= 24
    assert len({round(t.width, 2) for t in lines[:-1]}) == 1


def test_no_widow_of_one_or_two_characters(fonts):
    text = "南京拥有国家健康医疗大数据中心和国家遗传工程小鼠资源库。"
    for width in range(8, 20):
        lines = set_lines(fonts, text, width + 0.3, breaks="anywhere", justify=True)
        if len(lines) > 1:
            assert len(lines[-1].text) >= 3, (width, [t.text for t in lines])
