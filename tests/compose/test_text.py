"""Line breaking and setting, as pure geometry (no ReportLab): kinsoku, English breaks,
display type broken between words, justification, the measure and widows.

These use a monospaced test font (every CJK character 1 em, everything else 0.5 em), so
positions can be asserted exactly; ``test_clreq.py`` sets the real font.
"""
from __future__ import annotations

import pytest

from poster_gen.compose import linebreak
from poster_gen.compose.clreq import NO_END, NO_START
from poster_gen.page_model import CMYK
from poster_gen.units import MM_PER_PT
from poster_gen.compose.text import FitError, Para, TextStyle, fit_block, place_block


class Mono:
    """A test font: every CJK character 1 em wide, every other character 0.5 em."""

    units_per_em = 1000
    ascender, descender, cap_height, ideo_top = 880, -120, 730, 880

    def width_pt(self, text: str, size_pt: float, tracking: float = 0.0) -> float:
        w = sum(1000 if ord(c) > 0x2E80 else 500 for c in text)
        return (w + tracking * max(0, len(text) - 1)) * size_pt / 1000


FONTS = {"regular": Mono(), "bold": Mono(), "black": Mono()}
INK = CMYK(0, 0, 0, 100)
SIZE = 10.0
EM = SIZE * MM_PER_PT  # mm


def style(**kw) -> TextStyle:
    base = dict(font="regular", size=SIZE, leading=1.5, tracking=0.0, colour=INK)
    base.update(kw)
    return TextStyle(**base)


def lines_of(text: str, width_em: float, lang: str = "zh", words=(), balance=False, **kw) -> list[str]:
    block = fit_block([Para(text, style(**kw), balance=balance, lang=lang)], FONTS, width_em * EM, 1000, "f",
                      tuple(words))
    return [t.text for t in place_block(block, FONTS, 0, 0, width_em * EM)]


QUOTE = "南京是中国生物技术和医药领域的“硅谷”，人才资源和创新环境是我们选择江北最重要的原因。"


@pytest.mark.parametrize("width", range(3, 20))
def test_kinsoku_no_line_starts_with_closing_or_ends_with_opening(width):
    lines = lines_of(QUOTE, width, breaks="anywhere")
    assert "".join(lines) == QUOTE
    for line in lines:
        assert line[0] not in NO_START, lines
        assert line[-1] not in NO_END, lines


def test_english_breaks_at_spaces_and_hyphens_and_drops_the_space():
    lines = lines_of("state-of-the-art semiconductor manufacturing", 7, lang="en")
    assert len(lines) >= 3 and all(len(line) <= 14 for line in lines)
    assert not any(line.startswith(" ") or line.endswith(" ") for line in lines)
    assert " ".join(lines).replace("- ", "-") == "state-of-the-art semiconductor manufacturing"


def test_numbers_keep_their_percent_and_plus():
    s = linebreak.shape(FONTS["regular"], "增幅60%以上，企业200+家", 0.0, "anywhere", True)
    text = s.text
    for i in s.breaks:
        assert not (text[i - 1].isdigit() and text[i] in "%+"), (i, text)
        assert not (text[i - 1].isdigit() and text[i].isdigit())


def test_display_type_breaks_between_words_only():
    # the words rule: 新医药 / 与生命健康, never 新医药与 / 生命健康 (与 binds to what follows)
    assert lines_of("新医药与生命健康", 5.5, words=("新医药", "生命健康"), balance=True) == ["新医药", "与生命健康"]
    for width in (3, 4, 5, 6):
        for line in lines_of("软件和信息服务业", width, balance=True):
            assert not line.startswith("业") and not line.endswith("服"), line
        for line in lines_of("国家级工程中心（实验室），全国第4", width):
            assert not line.startswith("验室") and not line.endswith("第"), line


def test_body_text_breaks_between_any_two_characters():
    # running text may break inside a word where clreq allows it: the line is filled
    lines = lines_of("人才资源和创新环境是我们选择江北最重要的原因", 7, breaks="anywhere")
    assert lines[:2] == ["人才资源和创新", "环境是我们选择"]  # 创新 | 环境 is not a word break; no matter here


def test_adjacent_punctuation_is_compressed_to_one_and_a_half_em():
    block = fit_block([Para("（实验室），全国", style(), lang="zh")], FONTS, 20 * EM, 100, "f")
    (line,) = place_block(block, FONTS, 0, 0, 20 * EM)
    i = line.text.index("）")
    assert line.adjust[i] == pytest.approx(-0.5 * EM)  # "），" takes 1.5 em
    assert line.width == pytest.approx((len(line.text) - 0.5) * EM)


def test_english_punctuation_is_not_compressed():
    block = fit_block([Para("(labs), 4th", style(), lang="en")], FONTS, 20 * EM, 100, "f")
    (line,) = place_block(block, FONTS, 0, 0, 20 * EM)
    assert line.adjust == ()


def test_justified_chinese_fills_the_measure_and_the_last_line_is_flush_left():
    block = fit_block([Para(QUOTE, style(breaks="anywhere", justify=True), lang="zh")], FONTS, 12.3 * EM, 100, "f")
    lines = place_block(block, FONTS, 0, 0, 12.3 * EM)
    assert len(lines) >= 3
    for line in lines[:-1]:
        assert line.width == pytest.approx(12.3 * EM)
        assert line.measure == pytest.approx(12.3 * EM)
    assert lines[-1].width < 12.3 * EM and lines[-1].measure == 0


def test_the_measure_caps_a_chinese_line_at_so_many_characters():
    text = "南京" * 40
    lines = lines_of(text, 60, breaks="anywhere", chars=(24, 65))
    assert max(len(line) for line in lines) == 24
    english = "Nanjing has formed certain advantages in intelligent software and sensors " * 3
    assert max(len(line) for line in lines_of(english, 200, lang="en", chars=(24, 65))) <= 65


def test_no_widow_of_one_or_two_characters():
    # 25 characters at 12 a line would leave one alone on the last line
    text = "南京拥有国家健康医疗大数据中心国家遗传工程小鼠资源库。"
    assert len(text) == 27
    lines = lines_of(text, 12.5, breaks="anywhere", justify=True)
    assert len(lines[-1]) >= 3, lines
    assert "".join(lines) == text


def test_a_display_text_that_does_not_fit_says_how_much_to_cut():
    with pytest.raises(FitError) as err:
        fit_block([Para("新医药与生命健康产业地标", style(max_lines=1, level="display"), lang="zh", field=("name", "zh"))],
                  FONTS, 6 * EM, 100, "title")
    assert err.value.path == ("name", "zh") and "cut about" in err.value.overflow
    assert not err.value.shrinkable


def test_a_body_text_that_does_not_fit_may_step_down():
    with pytest.raises(FitError) as err:
        fit_block([Para(QUOTE, style(shrinkable=True, breaks="anywhere"), lang="zh")], FONTS, 6 * EM, 10, "voice")
    assert err.value.shrinkable and "mm too tall" in err.value.overflow
