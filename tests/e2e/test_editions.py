"""Editions in other scripts: Traditional Chinese converted with OpenCC, Japanese and
Korean from translations, each set in its own face of the same family and by its own
line-breaking rules."""
from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT, copy_project, run_cli
from editions_sample import apply_sample, sample
from poster_gen.compose import clreq
from poster_gen.load.editions import CORNER_QUOTES, converter, view
from poster_gen.load.models import Traditional
from poster_gen.load.project import load_project

NAMES_TW = {"new-energy-vehicles": "新能源汽車", "integrated-circuits": "集成電路", "artificial-intelligence": "人工智能",
            "software-information-services": "軟件和信息服務", "new-medicine-life-health": "新醫藥與生命健康"}


def test_opencc_converts_the_names_and_the_overrides_keep_what_nanjing_calls_them():
    project = load_project(ROOT)
    convert = converter(project.campaign.traditional)
    assert {lm.slug: convert(lm.name.zh) for lm in project.landmarks} == NAMES_TW
    # without the override, Taiwan's phrases would rename the landmark
    plain = converter(Traditional(standard="tw", phrases=True))
    assert plain("集成电路") == "積體電路" and plain("人工智能") == "人工智慧"
    assert convert("正式发布") == "正式發布" and plain("正式发布") != "正式發布"
    assert convert("软件园") == "軟體園"  # everything else is converted to Taiwan's words
    assert converter(Traditional(standard="hk"))("软件") == "軟件"  # Hong Kong keeps the characters' word
    assert "全国“芯火”".translate(CORNER_QUOTES) == "全国「芯火」"


def _glyph_keys(font) -> dict[str, bytes]:
    """Each character's outline (coordinates and contours) in a TrueType font."""
    glyf, cmap = font["glyf"], font.getBestCmap() or {}
    out = {}
    for code, name in cmap.items():
        g = glyf[name]
        if g.numberOfContours > 0:
            out[chr(code)] = repr((list(g.coordinates), list(g.endPtsOfContours))).encode()
    return out


@pytest.fixture(scope="module")
def traditional(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tc")
    r = run_cli("build", "--project", str(ROOT), "--out", str(out), "--lang", "zh-Hant-en",
                "--only", "integrated-circuits")
    assert r.returncode == 0, r.stderr
    return out / "posters" / "integrated-circuits.zh-Hant-en.pdf"


def test_a_traditional_poster_is_set_in_the_tc_face_only(traditional: Path):
    """Every font in the file is the TC face, and its glyphs are the TC face's outlines,
    not the SC face's (read from the PDF, compared with both faces prepared)."""
    from fontTools.ttLib import TTFont

    from poster_gen.build.glyphs import prepare_layout_fonts, project_text

    project = load_project(ROOT)
    tc_view = view(project, "zh-Hant")
    text = project_text(tc_view)
    tc = {r: TTFont(p.ttf_path) for r, p in prepare_layout_fonts(tc_view, "poster", text).items()}
    sc = {r: TTFont(p.ttf_path) for r, p in prepare_layout_fonts(project, "poster", text).items()}
    tc_keys = {ch: k for f in tc.values() for ch, k in _glyph_keys(f).items()}
    sc_keys = {ch: k for f in sc.values() for ch, k in _glyph_keys(f).items()}
    with pikepdf.open(traditional) as pdf:
        assert str(pdf.Root.Lang) == "zh-TW"
        fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
        assert fonts and all("PosterGenSansTC" in str(f.BaseFont) for f in fonts), [str(f.BaseFont) for f in fonts]
        embedded = set()
        for f in fonts:
            data = f.FontDescriptor.FontFile2.read_bytes()
            glyf = TTFont(io.BytesIO(data))["glyf"]
            for name in glyf.keys():
                g = glyf[name]
                if g.numberOfContours > 0:
                    embedded.add(repr((list(g.coordinates), list(g.endPtsOfContours))).encode())
    differ = [ch for ch in tc_keys if ch in sc_keys and tc_keys[ch] != sc_keys[ch] and tc_keys[ch] in embedded]
    assert differ, "no glyph whose TC and SC forms differ was found in the file"
    assert not [ch for ch in differ if sc_keys[ch] in embedded and sc_keys[ch] != tc_keys[ch]]
    page_text = "".join(pdf_text(traditional))
    assert "集成電路" in page_text and "產業" in page_text and "产业" not in page_text


def pdf_text(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


# --- Japanese and Korean -------------------------------------------------------------------

@pytest.fixture(scope="module")
def translated(tmp_path_factory) -> Path:
    proj = copy_project(tmp_path_factory.mktemp("jako") / "p")
    apply_sample(proj, "ja")
    apply_sample(proj, "ko")
    return proj


@pytest.mark.parametrize("lang, family, code", [("ja-en", "PosterGenSansJP", "ja"), ("ko-en", "PosterGenSansKR", "ko")])
def test_japanese_and_korean_posters_from_a_sample_translation(translated: Path, lang: str, family: str, code: str):
    r = run_cli("build", "--project", str(translated), "--lang", lang, "--only", "integrated-circuits")
    assert r.returncode == 0, r.stderr
    pdf_path = translated / "output" / "posters" / f"integrated-circuits.{lang}.pdf"
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == code
        fonts = [str(f.BaseFont) for page in pdf.pages for f in page.Resources.Font.values()]
        assert fonts and all(family in f for f in fonts), fonts
    text = "".join(pdf_text(pdf_path)).replace("\r", "").replace("\n", "")
    ours = sample(code)["integrated-circuits"]
    for field in ("name", "ambition", "plan.measures.0", "chain.segments.2"):
        assert ours[field].replace(" ", "") in text.replace(" ", ""), (field, ours[field])


def _lines(proj: Path, script: str):
    """The composed IC poster's lines in ``script``'s slot, by paragraph."""
    from poster_gen.build.glyphs import prepare_layout_fonts, project_text
    from poster_gen.compose.document import compose_poster
    from poster_gen.page_model import TextLine

    v = view(load_project(proj), script)
    fonts = {r: p.metrics for r, p in prepare_layout_fonts(v, "poster", project_text(v)).items()}
    from poster_gen.compose.document import ComposeError

    for step in range(4):  # the series' copyfit: the build sets body styles this many steps down
        try:
            page = compose_poster(v, v.landmark("integrated-circuits"), fonts, step=step).pages[0]
            break
        except ComposeError:
            continue
    paras: dict[tuple, list[str]] = {}
    for t in page.items:
        if isinstance(t, TextLine) and t.lang == "zh":
            style = v.layouts["poster"].styles.get(t.style)
            paras.setdefault((t.role, t.para or id(t), style.breaks if style else ""), []).append(t.text)
    return v, paras


def test_japanese_lines_keep_the_kinsoku_rules(translated: Path):
    _, paras = _lines(translated, "ja")
    assert any(len(lines) > 1 for lines in paras.values())  # something wrapped
    for lines in paras.values():
        for a, b in zip(lines, lines[1:]):
            assert b[0] not in clreq.NO_START, (a, b)
            assert a[-1] not in clreq.NO_END, (a, b)
            assert not (clreq.is_katakana(a[-1]) and clreq.is_katakana(b[0])), (a, b)  # a loanword split
    display = [lines for (_, _, breaks), lines in paras.items() if breaks == "words" and len(lines) > 1]
    assert display  # the plan's name, set by words, on two lines
    for lines in display:  # text set by words breaks between phrases only, never inside 集積回路 or after 南
        joined = "".join(lines)
        at = 0
        for line in lines[:-1]:
            at += len(line)
            assert at in clreq.ja_phrase_breaks(joined), (lines, at)


def test_korean_lines_break_between_words(translated: Path):
    """Joined with a space, the lines of a wrapped paragraph are the text as written: no
    line ended inside a word."""
    from poster_gen.load.walk import texts

    v, paras = _lines(translated, "ko")
    sources = [" ".join(t.zh.split()) for obj in (v.campaign, v.landmark("integrated-circuits"))
               for _, t in texts(obj) if t.zh]
    wrapped = [lines for lines in paras.values() if len(lines) > 1 and any(map(clreq.is_hangul, "".join(lines)))]
    assert wrapped
    for lines in wrapped:
        joined = " ".join(line.strip() for line in lines).strip("…")
        assert any(joined in src for src in sources), lines


def test_an_edition_names_every_field_its_language_lacks(translated: Path):
    r = run_cli("build", "--project", str(translated), "--lang", "ja-en", "--only", "new-energy-vehicles")
    assert r.returncode == 2
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert lines and all("no Japanese text; the ja-en edition prints it" in ln for ln in lines)
    assert any("data/landmarks/new-energy-vehicles.yaml" in ln and "name.ja" in ln for ln in lines)


def test_the_build_refuses_a_translation_that_changes_a_figure(tmp_path: Path):
    """The parity lint runs in every build: a figure the Chinese and the English write
    differently is named at its line, and nothing is written."""
    proj = copy_project(tmp_path / "p")
    lm = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    lm.write_text(lm.read_text(encoding="utf-8").replace("R&D subsidies", "R&D subsidies for 30 qualified", 1)
                  if "R&D subsidies" in lm.read_text(encoding="utf-8") else lm.read_text(encoding="utf-8"),
                  encoding="utf-8")
    text = lm.read_text(encoding="utf-8")
    assert "30 qualified" in text
    r = run_cli("build", "--project", str(proj), "--only", "integrated-circuits")
    assert r.returncode == 2
    line = r.stderr.splitlines()[0]
    assert line.startswith("error: data/landmarks/integrated-circuits.yaml:") and "cannot change a figure" in line
    assert "'30'" in line
    assert not (proj / "output").exists() or not list((proj / "output").rglob("*.pdf"))


@pytest.mark.parametrize("edit, where, what", [
    ("    集成电路: 集成電路\n", "    '': 集成電路\n", "the key is empty"),
    ("    集成电路: 集成電路\n", "    集成电路: ''\n", "is empty"),
])
def test_a_bad_override_is_one_located_line(tmp_path: Path, edit: str, where: str, what: str):
    proj = copy_project(tmp_path / "p")
    camp = proj / "data" / "campaign.yaml"
    text = camp.read_text(encoding="utf-8")
    assert edit in text
    camp.write_text(text.replace(edit, where, 1), encoding="utf-8")
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2
    line = r.stderr.splitlines()[0]
    assert line.startswith("error: data/campaign.yaml:") and "traditional.overrides" in line and what in line, line


def test_a_face_for_an_unknown_script_is_refused_with_a_suggestion(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    lay = proj / "layouts" / "poster.yaml"
    lay.write_text(lay.read_text(encoding="utf-8").replace("    ja: {face: 0,", "    jp: {face: 0,", 1), encoding="utf-8")
    r = run_cli("check", "--project", str(proj))
    assert r.returncode == 2
    line = r.stderr.splitlines()[0]
    assert line.startswith("error: layouts/poster.yaml:") and "fonts.faces.jp" in line and "'ja'" in line, line
