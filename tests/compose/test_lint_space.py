"""Space: pairs group, the columns of a row end together, the page is not left empty."""
from __future__ import annotations

import re

from lint_fixtures import base_layout, below, box, line, messages, page_lint, region
from poster_gen.compose.layout_lint import space as lint_space
from poster_gen.page_model import CMYK, Rect

FILL = CMYK(0, 0, 0, 20, "tint")


def _entries(inside: float, between: float, n: int = 2):
    """n Chinese/English pairs, ``inside`` mm of ink between the languages of a pair
    and ``between`` mm between pairs."""
    out = []
    prev = None
    for k in range(n):
        zh = line("先进制造业", 30, 100, 18, para=2 * k + 1, role="plan") if prev is None else \
            below(prev, between, "先进制造业", 18, para=2 * k + 1, role="plan")
        en = below(zh, inside, "Advanced manufacturing", 15, lang="en", para=2 * k + 2, role="plan", font="regular")
        out += [zh, en]
        prev = en
    return out


def test_a_pair_spaced_wider_inside_than_between_is_caught():
    found = messages(page_lint([(region("plan", height=100), _entries(3.0, 3.5))]), lint_space)
    assert len(found) == 1 and found[0].startswith("plan: the pair '先进制造业' / 'Advanced manuf…' is 3.0 mm apart")
    assert "3.5 mm from the next paragraph" in found[0] and "at most 0.7" in found[0]


def test_pairs_that_group_pass():
    assert messages(page_lint([(region("plan", height=100), _entries(1.5, 4.0, 3))]), lint_space) == []


def test_the_last_pair_and_pairs_side_by_side_have_nothing_to_compare():
    zh = line("先进制造业", 30, 100, 18, para=1, role="figures")
    en = below(zh, 3.0, "Advanced", 15, lang="en", para=2, role="figures", font="regular")
    beside = line("现代服务业", 150, 100, 18, para=3, role="figures")
    assert messages(page_lint([(region("figures", span=12), [zh, en, beside])]), lint_space) == []


def _column(rid: str, col: int, depth: float, **kw):
    r = region(rid, top=436, height=72, col=col, span=4, row="evidence", **kw)
    return r, [line("南京", 30 + (col - 1) * 30, 436 + depth, 18, para=col, role=rid)]


def test_unbalanced_columns_are_caught():
    found = messages(page_lint([_column("plan", 1, 60), _column("chain", 5, 30), _column("voice", 9, 58)]),
                     lint_space)
    assert len(found) == 1 and found[0].startswith("chain: ends 30.0 mm above 'plan' in the row 'evidence'")
    assert "within 0.25 of its height (18.0 mm)" in found[0]


def test_balanced_columns_and_a_short_column_pass():
    assert messages(page_lint([_column("plan", 1, 60), _column("chain", 5, 45), _column("voice", 9, 58)]),
                    lint_space) == []
    assert messages(page_lint([_column("plan", 1, 60), _column("chain", 5, 30, short=True)]), lint_space) == []


def _blank_page(**kw):
    text = region("text", top=30, height=60, span=12)
    return page_lint([(text, [line("南京", 30, 50, 18, para=1, role="text")]),
                      (region("band", "band", top=400, height=100, span=12, layered=True),
                       [Rect(box(30, 400, 360, 100), fill=FILL, role="band")])],
                     layout=base_layout(max_blank=0.5), **kw)


def test_a_page_left_mostly_blank_is_caught():
    found = messages(_blank_page(), lint_space)
    assert len(found) == 1 and re.match(r"text: the page is 8\d% blank inside its margins", found[0])
    assert "allows 50%" in found[0]


def test_an_image_page_may_be_blank_and_the_default_allows_anything():
    assert messages(_blank_page(image_page=True), lint_space) == []
    pl = _blank_page()
    pl.ctx.layout = base_layout()  # max_blank 1: no limit
    assert messages(pl, lint_space) == []
