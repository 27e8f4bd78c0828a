"""Composed pages are plain data: check the layout geometry without rendering."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from poster_gen.compose.document import compose_brochure, compose_poster, plan_pages
from poster_gen.page_model import Circle, Path as PathItem, QRCode, Rect, TextLine
from poster_gen.load.project import load_project

PROJECT = load_project(ROOT)


@pytest.fixture(scope="module")
def posters(metrics):
    return {lm.slug: compose_poster(PROJECT, lm, metrics["poster"]) for lm in PROJECT.landmarks}


def texts(page):
    return [i for i in page.items if isinstance(i, TextLine)]


def test_every_text_and_qr_is_inside_the_safe_zone(posters, metrics):
    brochure = compose_brochure(PROJECT, metrics["brochure"])
    for doc in [*posters.values(), brochure]:
        layout = PROJECT.layouts["brochure" if doc.kind == "brochure" else "poster"]
        for page in doc.pages:
            safe = page.trim.inset(layout.safe)
            for item in page.items:
                if isinstance(item, (TextLine, QRCode)):
                    assert safe.contains(item.bounds(), tol=0.01), (doc.slug, page.label, item)


def test_the_chinese_name_is_the_largest_text(posters):
    for slug, doc in posters.items():
        (page,) = doc.pages
        lines = texts(page)
        biggest = max(lines, key=lambda t: t.size_pt)
        lm = PROJECT.landmark(slug)
        assert biggest.text in lm.name.zh
        en = [t for t in lines if t.role == "title" and t.text.lower() in lm.name.en.lower() + lm.name.en.upper().lower()]
        assert en, "the English name sits with the Chinese one"
        # the brief: Chinese name at least twice the English name's cap height
        assert biggest.ascent >= 2 * max(t.ascent for t in en)


def test_figures_of_a_row_share_one_size(posters):
    for doc in posters.values():
        (page,) = doc.pages
        values = [t for t in texts(page) if t.role == "figures" and t.style == "figure"]
        assert len(values) == len(PROJECT.landmark(doc.slug).key_figures)
        assert len({round(t.size_pt, 3) for t in values}) == 1
        assert len({round(t.y, 3) for t in values}) == 1  # one baseline


def test_series_positions_are_fixed_across_the_five(posters):
    """Name, figure band and footer sit in the same places on every poster."""
    frames = [doc.pages[0].frames for doc in posters.values()]
    for key in ("title", "figures", "voice", "footer", "qr"):
        assert len({(round(f[key].x, 3), round(f[key].y, 3)) for f in frames}) == 1, key
    tops = {round(min(t.y - t.ascent for t in texts(doc.pages[0]) if t.role == "title"), 2)
            for doc in posters.values()}
    assert len(tops) == 1, "every title starts at the same height"


def test_qr_is_big_enough_with_a_quiet_zone(posters):
    for doc in posters.values():
        (qr,) = [i for i in doc.pages[0].items if isinstance(i, QRCode)]
        assert qr.quiet >= 4
        assert qr.box.w >= 25  # mm, scannable from a poster at arm's length
        assert qr.module_mm >= 0.5
        url = PROJECT.landmark(doc.slug).qr_url or PROJECT.campaign.qr_url
        assert qr.data == url
        # the address is printed beside the code
        assert any(url.split("//")[1].rstrip("/") in t.text for t in texts(doc.pages[0]))


def test_colour_fields_and_the_hero_run_into_the_bleed(posters):
    page = posters["new-energy-vehicles"].pages[0]
    hero = [i.bounds() for i in page.items if isinstance(i, PathItem) and i.role == "motif"
            and i.bounds().bottom <= page.frames["hero-art"].bottom + 0.01]
    assert min(b.x for b in hero) < 0 and max(b.right for b in hero) > page.width  # the bridge runs off both edges
    footer = next(i for i in page.items if isinstance(i, Rect) and i.role == "footer")
    assert footer.box.bottom == page.height + page.bleed


def test_everything_stays_within_the_bleed(posters):
    for doc in posters.values():
        page = doc.pages[0]
        outer = page.trim.inset(-page.bleed)
        for item in page.items:
            if isinstance(item, (PathItem, Rect, Circle)):
                assert outer.contains(item.bounds(), tol=0.01), item.role


def test_composing_is_deterministic(metrics):
    lm = PROJECT.landmarks[2]
    a = compose_poster(PROJECT, lm, metrics["poster"])
    b = compose_poster(PROJECT, lm, metrics["poster"])
    assert a.pages[0].items == b.pages[0].items


def test_brochure_plan_pads_to_a_multiple_of_four(tmp_path):
    planned = plan_pages(PROJECT, PROJECT.layouts["brochure"])
    assert len(planned) % 4 == 0
    assert [p.template for p in planned][:3] == ["cover", "contents", "city"]  # contents on page 2
    assert planned[-1].template == "back"
    six = copy_project(tmp_path / "p")
    src = six / "data" / "landmarks" / "software-information-services.yaml"
    (six / "data" / "landmarks" / "six.yaml").write_text(
        src.read_text(encoding="utf-8").replace("order: 4", "order: 6"), encoding="utf-8")
    planned6 = plan_pages(load_project(six), load_project(six).layouts["brochure"])
    assert len(planned6) % 4 == 0 and len(planned6) == len(planned) + 4
    assert sum(1 for p in planned6 if p.template == "landmark_left") == 6
    assert [p.template for p in planned6].count("notes") == 2  # 18 pages padded to 20


def test_a_long_title_takes_two_lines_at_the_series_size_then_fails_clearly(metrics):
    """Display type never shrinks: a longer name breaks between words onto a second
    line at the same size; one too long for two lines is an input error saying how much
    to cut."""
    lm = PROJECT.landmark("integrated-circuits")
    longer = replace(lm, name=replace(lm.name, zh="集成电路与半导体装备"))
    page = compose_poster(PROJECT, longer, metrics["poster"]).pages[0]
    name = [t for t in texts(page) if t.role == "title" and t.style == "title_zh"]
    assert [t.text for t in name] == ["集成电路", "与半导体装备"]
    assert {t.size_pt for t in name} == {PROJECT.layouts["poster"].styles["title_zh"].size}
    from poster_gen.compose.document import ComposeError

    far_too_long = replace(lm, name=replace(lm.name, zh="集成电路" * 12))
    with pytest.raises(ComposeError) as exc:
        compose_poster(PROJECT, far_too_long, metrics["poster"])
    assert "name.zh" in str(exc.value) and "'title' frame" in str(exc.value) and "cut about" in str(exc.value)


def test_compose_does_not_import_reportlab():
    code = ("import sys; import poster_gen.compose.document, poster_gen.load.project; "
            "print(any(m.startswith('reportlab') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_contents_entry_leads_to_a_page_with_that_heading(metrics):
    """The contents sit on page 2, and each entry's page carries the entry's title."""
    doc = compose_brochure(PROJECT, metrics["brochure"])
    contents = [t.text for t in texts(doc.pages[1]) if t.role == "contents"]
    planned = [p for p in plan_pages(PROJECT, PROJECT.layouts["brochure"]) if p.bookmark and p.in_contents]
    assert planned and doc.pages[1].label.endswith("p2")
    for p in planned:
        assert p.bookmark.zh in contents, p.bookmark.zh
        on_page = " ".join(t.text for t in texts(doc.pages[p.number - 1]) if t.role not in ("folio", "header"))
        assert p.bookmark.zh in on_page, (p.number, p.bookmark.zh)
