"""The ink lint: texts keep clear of texts and graphics, measured on glyph ink and on
flattened outlines; grounds carry text wholly or not at all."""
from __future__ import annotations


import pytest

from lint_fixtures import FONTS, NoInkFont, box, below, em, line, messages, page_lint, region
from poster_gen.compose.layout_lint import ink as lint_ink
from poster_gen.page_model import CMYK, Circle, Path, QRCode, Rect, Stroke
from poster_gen.compose.ink import ink_box, outline, segment_distance
from poster_gen.compose.layout_lint.page import lint_page

DEEP = CMYK(100, 50, 0, 40, "deep")
PAPER = CMYK(0, 0, 0, 0, "paper")
GAP18 = 0.25 * em(18)  # the ink gap of 18 pt text, mm


# --- ink boxes ---------------------------------------------------------------------

def test_ink_box_is_the_union_of_the_glyph_boxes():
    t = line("南京", 30, 100, 18)
    b = ink_box(t, FONTS)
    e = em(18)
    assert b.x == pytest.approx(30 + 0.06 * e) and b.right == pytest.approx(30 + e + 0.94 * e)
    assert b.y == pytest.approx(100 - 0.84 * e) and b.bottom == pytest.approx(100 + 0.07 * e)


def test_ink_box_follows_alignment_tracking_and_adjustments():
    e = em(18)
    plain = ink_box(line("南京", 30, 100, 18), FONTS)
    right = ink_box(line("南京", 30, 100, 18, align="right"), FONTS)
    assert right.right == pytest.approx(plain.right - 2 * e)
    spaced = ink_box(line("南京", 30, 100, 18, adjust=(1.5, 0.0)), FONTS)
    assert spaced.right == pytest.approx(plain.right + 1.5)
    tracked = ink_box(line("南京", 30, 100, 18, tracking=100), FONTS)
    assert tracked.right == pytest.approx(plain.right + 0.1 * e)


def test_without_ink_boxes_the_em_box_stands_in():
    fonts = {"regular:zh": NoInkFont()}
    e = em(18)
    zh = ink_box(line("南", 30, 100, 18), fonts)
    assert (zh.x, zh.y, zh.right, zh.bottom) == pytest.approx((30, 100 - 0.88 * e, 30 + e, 100 + 0.12 * e))
    en = ink_box(line("N", 30, 100, 18, lang="en"), fonts)
    assert en.y == pytest.approx(100 - 0.73 * e)  # Latin: the cap height


def test_curves_are_flattened_and_measured_to_the_segment():
    # a cubic whose control points reach y=0 but whose curve turns at y=2.5
    curve = Path((("M", 0, 10), ("C", 0, 0, 10, 0, 10, 10)), stroke=Stroke(DEEP, 1))
    o = outline(curve)
    assert sum(len(segs) for _, segs in o.chunks) == 8
    assert o.distance(box(4, 0, 2, 1), 100) == pytest.approx(1.5, abs=0.01)
    assert segment_distance(box(0, 0, 1, 1), 2, -5, 2, 5) == pytest.approx(1)
    assert segment_distance(box(0, 0, 1, 1), -1, -1, 2, 2) == 0


# --- text against text ------------------------------------------------------------------

def test_two_texts_set_with_no_gap_fail_naming_the_region():
    zh = line("南京集成电路", 30, 100, 18, para=1, role="ambition")
    en = below(zh, 0.0, "Nanjing ICs", 15, lang="en", para=2, role="ambition", font="regular")
    pl = page_lint([(region("title"), []), (region("ambition"), [zh, en])])
    found = messages(pl, lint_ink)
    assert len(found) == 1, found
    assert found[0].startswith("ambition: the text 'Nanjing ICs' and the text '南京集成电路'")
    assert "keep at least 1.3 mm between their ink" in found[0] and "near x" in found[0]
    assert pl.issues[0].index == 1


def test_texts_far_enough_apart_pass_and_the_smaller_size_sets_the_gap():
    zh = line("南京", 30, 100, 64, para=1)
    en = below(zh, 0.25 * em(15) + 0.05, "Nanjing", 15, lang="en", para=2, font="regular")
    assert messages(page_lint([(region("a"), [zh, en])]), lint_ink) == []
    closer = below(zh, 0.25 * em(15) - 0.1, "Nanjing", 15, lang="en", para=2, font="regular")
    assert len(messages(page_lint([(region("a"), [zh, closer])]), lint_ink)) == 1


def test_lines_of_one_paragraph_are_not_compared():
    a = line("南京是中国", 30, 100, 18, para=3)
    b = below(a, 0.1, "集成电路", 18, para=3)
    assert messages(page_lint([(region("a"), [a, b])]), lint_ink) == []


def test_lines_on_their_own_are_compared_even_within_a_region():
    value = line("5000", 30, 100, 64, lang="en", font="black")
    unit = line("亿元", 30 + value.width + 0.3, 100, 24)  # set right after the numeral, no room
    found = messages(page_lint([(region("figures", "figures"), [value, unit])]), lint_ink)
    assert len(found) == 1 and "'亿元' and the text '5000'" in found[0]


def test_a_text_from_another_region_touching_is_reported_on_the_later_region():
    a = line("南京", 30, 100, 18, para=1, role="a")
    b = line("南京", 30 + a.width + 0.2, 100, 18, para=2, role="b")
    pl = page_lint([(region("a", span=3), [a]), (region("b", col=4, span=3), [b])])
    found = messages(pl, lint_ink)
    assert found and found[0].startswith("b: ") and "of 'a'" in found[0]


# --- text against graphics ---------------------------------------------------------------

def _motif(ops, fill=None, stroke=None):
    return region("art", "motif", top=0, height=200, col=1, span=12, layered=True), [
        Path(tuple(ops), fill=fill, stroke=stroke, role="motif")]


def test_a_motif_path_crossing_a_text_fails():
    t = line("南京市", 30, 100, 18, para=1, role="ambition")
    wave = _motif([("M", 20, 110), ("C", 40, 80, 60, 120, 90, 90)], stroke=Stroke(PAPER, 1.0))
    found = messages(page_lint([wave, (region("ambition"), [t])]), lint_ink)
    assert len(found) == 1 and found[0].startswith("ambition: the motif 'art' runs behind the text '南京市'")
    assert "motifs never behind text" in found[0]


def test_a_motif_close_to_a_text_fails_and_one_clear_of_it_passes():
    t = line("南京市", 30, 100, 18, para=1)
    top = ink_box(t, FONTS).y
    near = _motif([("M", 0, top - GAP18 / 2), ("L", 200, top - GAP18 / 2)], stroke=Stroke(PAPER, 0.1))
    clear = _motif([("M", 0, top - GAP18 - 0.2), ("L", 200, top - GAP18 - 0.2)], stroke=Stroke(PAPER, 0.1))
    found = messages(page_lint([near, (region("a"), [t])]), lint_ink)
    assert len(found) == 1 and "mm from the motif 'art'" in found[0]
    assert messages(page_lint([clear, (region("a"), [t])]), lint_ink) == []


def test_the_outline_not_the_control_box_is_measured():
    t = line("南京", 30, 100, 18, para=1)
    b = ink_box(t, FONTS)
    # a swag whose control box covers the text but whose curve passes clear below it
    arch = _motif([("M", b.x - 20, b.y - 5), ("C", b.x, b.bottom + 10, b.right, b.bottom + 10, b.right + 20,
                                               b.y - 5)], stroke=Stroke(PAPER, 0.2))
    path = arch[1][0]
    assert path.bounds().intersects(b)
    assert outline(path).distance(b, 100) > GAP18 + 0.1
    assert messages(page_lint([arch, (region("a"), [t])]), lint_ink) == []


def test_half_the_stroke_width_counts():
    t = line("南京市", 30, 100, 18, para=1)
    top = ink_box(t, FONTS).y
    y = top - GAP18 - 0.3  # 0.3 mm clear of the gap for a hairline
    thin = region("rule", "rule"), [Path((("M", 0, y), ("L", 200, y)), stroke=Stroke(DEEP, 0.25), role="rule")]
    thick = region("rule", "rule"), [Path((("M", 0, y), ("L", 200, y)), stroke=Stroke(DEEP, 3.0), role="rule")]
    assert messages(page_lint([thin, (region("a"), [t])]), lint_ink) == []
    found = messages(page_lint([thick, (region("a"), [t])]), lint_ink)
    assert len(found) == 1 and "from the rule 'rule'" in found[0]


def test_a_text_inside_a_filled_wall_with_clearance_passes():
    t = line("创新名城", 60, 100, 18, para=1, role="vision")
    b = ink_box(t, FONTS)
    wall = [("M", b.x - 10, b.y - 10), ("L", b.right + 10, b.y - 10), ("L", b.right + 10, b.bottom + 10),
            ("L", b.x - 10, b.bottom + 10), ("Z",)]
    assert messages(page_lint([_motif(wall, fill=DEEP), (region("vision"), [t])]), lint_ink) == []
    tight = [("M", b.x - 10, b.y - 0.5), ("L", b.right + 10, b.y - 0.5), ("L", b.right + 10, b.bottom + 10),
             ("L", b.x - 10, b.bottom + 10), ("Z",)]
    found = messages(page_lint([_motif(tight, fill=DEEP), (region("vision"), [t])]), lint_ink)
    assert len(found) == 1 and "sits on the motif 'art' 0.5 mm from its edge" in found[0]


def test_a_regions_own_bullets_are_exempt_but_not_another_regions():
    t = line("先进制造业", 36, 100, 18, para=1, role="plan")
    b = ink_box(t, FONTS)
    bullet = Rect(box(b.x - 1.8, b.cy - 0.8, 1.6, 1.6), fill=DEEP, role="plan-bullet")
    assert messages(page_lint([(region("plan"), [t, bullet])]), lint_ink) == []
    found = messages(page_lint([(region("plan"), [t]), (region("chain", col=7), [bullet])]), lint_ink)
    assert len(found) == 1 and "a bullet of 'chain'" in found[0]
    node = Circle(b.x - 2, b.cy, 1.9, fill=PAPER, stroke=Stroke(DEEP, 1.4), role="chain-node")
    found = messages(page_lint([(region("plan"), [t]), (region("chain", col=7), [node])]), lint_ink)
    assert len(found) == 1 and "a node of 'chain'" in found[0]


def test_a_qr_code_keeps_the_gap():
    t = line("扫码了解", 30, 100, 15, para=1, role="qr")
    b = ink_box(t, FONTS)
    code = QRCode(box(b.right + 0.5, 80, 30, 30), ((True,),), 4, DEEP, PAPER, "https://x")
    found = messages(page_lint([(region("qr", "qr"), [code, t])]), lint_ink)
    assert len(found) == 1 and "the QR code of 'qr'" in found[0]


# --- grounds ---------------------------------------------------------------------------

def _band(top: float, height: float):
    return region("footer", "band", top=top, height=height, col=1, span=12, layered=True), [
        Rect(box(-3, top, 426, height), fill=DEEP, role="footer")]


def test_a_text_on_a_band_with_clearance_passes():
    t = line("创新名城", 30, 550, 18, para=1, role="vision")
    b = ink_box(t, FONTS)
    assert messages(page_lint([_band(b.y - 10, 60), (region("vision", top=540), [t])]), lint_ink) == []


def test_a_text_running_over_the_edge_of_a_band_fails():
    t = line("创新名城", 30, 550, 18, para=1, role="vision")
    b = ink_box(t, FONTS)
    found = messages(page_lint([_band(b.cy, 60), (region("vision", top=540), [t])]), lint_ink)
    assert len(found) == 1 and "runs over the edge of band 'footer'" in found[0]
    near = messages(page_lint([_band(b.y - 0.3, 60), (region("vision", top=540), [t])]), lint_ink)
    assert len(near) == 1 and "sits 0.3 mm from the edge of band 'footer'" in near[0]


def test_lint_page_runs_the_ink_lint():
    zh = line("南京集成电路", 30, 100, 18, para=1, role="ambition")
    en = below(zh, 0.0, "Nanjing ICs", 15, lang="en", para=2, role="ambition", font="regular")
    pl = page_lint([(region("ambition"), [zh, en])])
    issues = lint_page(pl.page, pl.ctx, pl.template, "poster", pl.by_region)
    assert any("'Nanjing ICs' and the text '南京集成电路'" in i.message for i in issues)


def test_thousands_of_motif_points_far_from_the_text_are_no_finding():
    texts = [line("南京集成电路产业", 30, 60 + 12 * k, 18, para=k + 1, role="a") for k in range(30)]
    ops = [("M", 0, 450)]
    for k in range(4000):
        ops.append(("C", k * 0.1, 440, k * 0.1 + 0.05, 460, k * 0.1 + 0.1, 450))
    art = region("art", "motif", top=430, height=40, col=1, span=12, layered=True), [
        Path(tuple(ops), stroke=Stroke(PAPER, 1), role="motif")]
    pl = page_lint([art, (region("a", height=400), texts)])
    assert messages(pl, lint_ink) == []  # (its cost is the benchmark's to measure, not a test's)


def test_a_ring_is_measured_to_its_outline_from_inside_too():
    t = line("南京", 30, 100, 18, para=1, role="a")
    b = ink_box(t, FONTS)
    reach = max(abs(x - b.cx) ** 2 + abs(y - b.cy) ** 2 for x in (b.x, b.right) for y in (b.y, b.bottom)) ** 0.5
    roomy = Circle(b.cx, b.cy, reach + GAP18 + 0.5, stroke=Stroke(DEEP, 0.5), role="badge")
    tight = Circle(b.cx, b.cy, reach + 0.3, stroke=Stroke(DEEP, 0.5), role="badge")
    assert messages(page_lint([(region("badge", "band", layered=True), [roomy]), (region("a"), [t])]),
                    lint_ink) == []
    found = messages(page_lint([(region("badge", "band", layered=True), [tight]), (region("a"), [t])]), lint_ink)
    assert len(found) == 1 and "0.2 mm from a shape of 'badge'" in found[0]


def test_a_tile_is_a_ground_named_by_its_role():
    t = line("产业政策", 40, 100, 13, para=1, role="policy")
    b = ink_box(t, FONTS)
    tile = Rect(box(b.x - 4, b.y - 4, 60, 30), fill=PAPER, role="policy-tile")
    assert messages(page_lint([(region("policy", span=12), [tile, t])]), lint_ink) == []
    edge = Rect(box(b.x + 2, b.y - 4, 60, 30), fill=PAPER, role="policy-tile")
    found = messages(page_lint([(region("policy", span=12), [edge, t])]), lint_ink)
    assert len(found) == 1 and "runs over the edge of the tile of 'policy'" in found[0]
