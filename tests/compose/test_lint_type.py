"""The type system and the series rules: style sizes, the number of sizes, the type
scale, and pinned regions at their place."""
from __future__ import annotations

from lint_fixtures import base_layout, line, messages, page_lint, region
from poster_gen.compose.layout_lint import type_scale as lint_type


def _lint(regions, **kw):
    return messages(page_lint(regions, **kw), lint_type)


def test_a_line_off_its_styles_size_is_caught():
    ok = line("南京", 30, 100, 18, style="body_zh")
    off = line("南京", 30, 110, 15, style="body_zh")
    assert _lint([(region("a"), [ok])]) == []
    found = _lint([(region("a"), [ok, off])])
    assert len(found) == 1 and "is 15 pt, but its style 'body_zh' is 18 pt" in found[0]


def test_the_series_step_sets_the_size_a_style_takes():
    stepped = line("南京", 30, 100, 15, style="shrinks")
    assert _lint([(region("a"), [stepped])], step=1) == []
    assert len(_lint([(region("a"), [stepped])], step=0)) == 1


def test_lines_without_a_style_are_not_held_to_one():
    assert _lint([(region("a"), [line("南京", 30, 100, 18)])]) == []


def test_too_many_sizes_on_a_page_are_caught():
    sizes = [9, 12, 15, 18, 24]
    lines = [line("南京", 30, 60 + 20 * k, s) for k, s in enumerate(sizes)]
    assert _lint([(region("a", height=200), lines)], layout=base_layout(max_sizes=5)) == []
    found = _lint([(region("a", height=200), lines + [line("南京", 30, 180, 12)])],
                  layout=base_layout(max_sizes=4))
    assert len(found) == 1 and "sets type in 5 sizes" in found[0] and "allows 4" in found[0]
    assert "'南京' (9 pt, used least)" in found[0]


def test_a_size_off_the_type_scale_is_caught():
    found = _lint([(region("a"), [line("南京", 30, 100, 13)])])
    assert len(found) == 1 and "13 pt, off the type scale" in found[0]


def _title(top_shift: float = 0.0, **kw):
    r = region("title", "title", top=60, height=100, span=12, pinned=True, **kw)
    first = line("南京", 30, 0, 64, style="title_zh", para=1, role="title")
    placed = line("南京", 30, 60 + first.ascent + top_shift, 64, style="title_zh", para=1, role="title")
    return r, [placed]


def test_a_pinned_region_at_its_place_passes():
    assert _lint([_title()]) == []


def test_a_pinned_region_moved_is_caught():
    found = _lint([_title(2.0)])
    assert len(found) == 1 and found[0].startswith("title: is pinned, but its first baseline")
    assert "+2.0 mm from where the layout pins it" in found[0]


def test_a_pinned_region_that_flows_or_sits_on_its_bottom_is_an_error():
    flows = _lint([(region("ambition"), []), _title(after=("ambition",))])
    assert len(flows) == 1 and "pinned but flows after ambition" in flows[0]
    bottom = _lint([_title(valign="bottom")])
    assert len(bottom) == 1 and "pinned but bottom-aligned" in bottom[0]


def test_a_composed_pinned_title_passes_and_one_set_on_its_bottom_is_caught():
    """The real title composer, on a page of the fake font: pinned at its box's top it
    passes; the same region set on its bottom (valign) moves and is reported."""
    from types import SimpleNamespace

    from lint_fixtures import FONTS, PALETTE
    from poster_gen.compose.page_context import PageContext
    from poster_gen.compose.page import compose_page
    from poster_gen.load.layout_models import Template
    from poster_gen.load.models import Text

    layout = base_layout()
    data = {"landmark": SimpleNamespace(name=Text(zh="集成电路", en="Integrated Circuits")),
            "campaign": SimpleNamespace(words=())}
    styles = {"zh": "title_zh", "en": "body_en"}

    def compose(**kw):
        title = region("title", "title", top=60, height=100, span=12, field="landmark.name", styles=styles,
                       gap=7, **kw)
        ctx = PageContext(layout, PALETTE, FONTS, data)
        return compose_page(Template(regions=[title]), ctx, "test", "poster")

    assert [i.message for i in compose(pinned=True).lint if "pinned" in i.message] == []
    moved = [i.message for i in compose(valign="bottom").lint if "pinned" in i.message]
    assert moved == []  # not pinned: free to move
    found = [i.message for i in compose(pinned=True, valign="bottom").lint if "pinned" in i.message]
    assert found == ["is pinned but bottom-aligned: its first baseline would move with its text; "
                     "drop valign: bottom or pinned"]
