"""Line breaking and copyfitting, as pure geometry (no ReportLab)."""
from __future__ import annotations

import pytest

from poster_gen.compose.geometry import CMYK, MM_PER_PT
from poster_gen.compose.text import (
    NO_END, NO_START, FitError, Para, TextStyle, balanced_wrap, fit_block, place_block, segments, wrap,
)


class Mono:
    """A test font: every CJK character 1 em wide, every other character 0.5 em."""

    units_per_em = 1000
    ascender, descender, cap_height, ideo_top = 880, -120, 730, 880

    def width_pt(self, text: str, size_pt: float, tracking: float = 0.0) -> float:
        w = sum(1000 if ord(c) > 0x2E80 else 500 for c in text)
        return (w + tracking * max(0, len(text) - 1)) * size_pt / 1000


FONTS = {"regular": Mono(), "bold": Mono(), "black": Mono()}
INK = CMYK(0, 0, 0, 100)


def style(size=10.0, min_size=None, leading=1.5, max_lines=0):
    return TextStyle("regular", size, min_size or size, leading, 0.0, INK, False, max_lines)


def em(n: float, size: float = 10.0) -> float:
    """Width in mm of n ems at ``size``."""
    return n * size * MM_PER_PT


def test_no_line_starts_with_closing_punctuation():
    text = "南京是中国生物技术和医药领域的“硅谷”，人才资源和创新环境是我们选择江北最重要的原因。"
    for width in range(3, 20):
        lines = wrap(text, FONTS["regular"], 10, em(width))
        assert "".join(lines) == text
        for line in lines:
            assert line[0] not in NO_START, (width, lines)
            assert line[-1] not in NO_END, (width, lines)


def test_english_breaks_at_spaces_and_hyphens():
    lines = wrap("state-of-the-art semiconductor manufacturing", FONTS["regular"], 10, em(7))
    assert all(len(l) <= 14 for l in lines) and len(lines) >= 3
    assert " ".join(lines).replace("- ", "-") == "state-of-the-art semiconductor manufacturing"
    assert not any(l.startswith(" ") or l.endswith(" ") for l in lines)


def test_numbers_keep_their_percent_and_plus():
    segs = [s.text for s in segments("增幅60%以上，企业200+家")]
    assert "60%" in segs and "200+" in segs


def test_balanced_title_has_no_lone_character():
    text = "新医药与生命健康"
    greedy = wrap(text, FONTS["black"], 10, em(7))
    assert greedy == ["新医药与生命健", "康"]
    assert balanced_wrap(text, FONTS["black"], 10, em(7)) == ["新医药与", "生命健康"]


def test_fit_shrinks_all_paragraphs_by_one_factor():
    paras = [Para("人工智能产业创新高地" * 2, style(20, 10), field="a.zh"),
             Para("An innovation highland of the AI industry", style(10, 5), 1.0, field="a.en")]
    block = fit_block(paras, FONTS, em(12, 20), 18, "frame")
    assert block.scale < 1
    sizes = [sp.size / sp.para.style.size for sp in block.paras]
    assert sizes[0] == pytest.approx(sizes[1])
    assert block.height <= 18 + 1e-6


def test_fit_failure_names_field_frame_and_overflow():
    paras = [Para("很长的文字" * 40, style(20, 18), field="landmark.ambition.zh")]
    with pytest.raises(FitError) as exc:
        fit_block(paras, FONTS, 50, 20, "ambition")
    msg = str(exc.value)
    assert "landmark.ambition.zh" in msg and "'ambition'" in msg and "characters too long" in msg


def test_max_lines_is_respected():
    paras = [Para("一二三四五六七八九十" * 3, style(10, 10, max_lines=2), field="t")]
    with pytest.raises(FitError) as exc:
        fit_block(paras, FONTS, em(10), 500, "title")
    assert "3 lines where 2 fit" in str(exc.value)


def test_placed_lines_stay_inside_the_frame():
    paras = [Para("创新名城 美丽古都 " * 6, style(12), field="x"), Para("Famous innovative city " * 4, style(9), 2)]
    block = fit_block(paras, FONTS, 60, 80, "f")
    lines = place_block(block, FONTS, 10, 20, 60)
    for t in lines:
        b = t.bounds()
        assert b.x >= 10 - 1e-6 and b.right <= 70 + 1e-6
        assert b.y >= 20 - 1e-6 and b.bottom <= 20 + 80 + 1e-6
    ys = [t.y for t in lines]
    assert ys == sorted(ys)
