"""Font preparation (cache, conversion, ReportLab acceptance) and pure-Python metrics.

The Noto Sans CJK weights are prepared once per session (about 1.5 s cold); set
POSTER_GEN_CACHE to reuse a cache between runs.
"""
from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from poster_gen.fonts import (
    FontError,
    FontMetrics,
    FontSource,
    default_cache_dir,
    package_font,
    prepare_fonts,
)
from poster_gen.fonts.prepare import cache_key, charset

NOTO = "package:manimgx_fonts_cjk/NotoSansCJK-VF.otf.ttc"
SC_FACE = 2
WEIGHTS = {"regular": 400, "black": 900}
SAMPLE = "南京国际投资推介会 2025 Nanjing Investment Forum 123,456.7 亿元\uE000😀"
SRC_DIR = Path(__file__).resolve().parents[2] / "src"
PS_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@pytest.fixture(scope="session")
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("POSTER_GEN_CACHE")
    return Path(env) if env else tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def noto() -> FontSource:
    return FontSource(package_font(NOTO), face=SC_FACE)


@pytest.fixture(scope="session")
def prepared(noto: FontSource, cache_root: Path):
    return prepare_fonts(noto, WEIGHTS, SAMPLE, cache_dir=cache_root)


def test_reportlab_embeds_prepared_font(prepared) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = prepared["regular"]
    pdfmetrics.registerFont(TTFont(font.ps_name, str(font.ttf_path)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(font.ps_name, 12)
    c.drawString(72, 720, "南京国际投资推介会 Nanjing 2025")
    c.save()
    pdf = buf.getvalue()
    assert b"/FontFile2" in pdf
    assert font.ps_name.encode() in pdf
    # ReportLab measures exactly what the metrics say.
    text = "南京 Nanjing 2025"
    assert pdfmetrics.stringWidth(text, font.ps_name, 12) == pytest.approx(font.metrics.width_pt(text, 12))


def test_weights_are_distinct_fonts(prepared) -> None:
    regular, black = prepared["regular"], prepared["black"]
    assert (regular.weight, black.weight) == (400, 900)
    assert regular.ps_name != black.ps_name
    assert regular.ps_name.startswith("PosterGenSans-W400-") and black.ps_name.startswith("PosterGenSans-W900-")
    assert regular.ttf_path != black.ttf_path
    assert regular.metrics.advances["a"] < black.metrics.advances["a"]  # bolder Latin is wider
    assert regular.metrics.ideo_top < black.metrics.ideo_top  # and ideographs grow upwards
    assert regular.ttf_path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines


def test_ps_name_depends_on_charset(noto: FontSource) -> None:
    a = cache_key("d" * 64, SC_FACE, 400, noto.family, charset("国"))
    b = cache_key("d" * 64, SC_FACE, 400, noto.family, charset("国家"))
    assert a != b
    assert charset("国\n\t") == charset("国")  # control characters are not drawn


def test_warm_call_does_not_import_fonttools(prepared, cache_root: Path) -> None:
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from poster_gen.fonts import FontSource, package_font, prepare_fonts
        fonts = prepare_fonts(FontSource(package_font({NOTO!r}), face={SC_FACE}), {WEIGHTS!r},
                              {SAMPLE!r}, cache_dir=Path({str(cache_root)!r}))
        print(sorted(f.ps_name for f in fonts.values()))
        print("fontTools" in sys.modules, "reportlab" in sys.modules)
    """)
    env = dict(os.environ, PYTHONPATH=str(SRC_DIR))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    names, imported = out.stdout.strip().splitlines()
    assert names == str(sorted(f.ps_name for f in prepared.values()))
    assert imported == "False False"


def test_missing_characters_are_reported_not_raised(prepared) -> None:
    m = prepared["regular"].metrics
    assert m.missing("国\uE000😀\nA") == {"\uE000", "😀"}
    assert m.has("国") and m.has("\u00a0") and m.has("，") and not m.has("😀")


def test_widths(prepared) -> None:
    m = prepared["regular"].metrics
    assert m.width_pt("国", 10) == pytest.approx(10.0)
    assert m.width_pt("国国", 10, tracking=100) == pytest.approx(21.0)  # one gap of 0.1 em
    assert m.width_mm("国", 72) == pytest.approx(25.4)
    assert m.width_pt("", 10) == 0.0
    assert m.width_pt("\uE000", 10) == pytest.approx(m.missing_advance / 100)


def test_metrics_look_like_noto_cjk(prepared) -> None:
    m = prepared["regular"].metrics
    assert m.units_per_em == 1000
    assert (m.ascender, m.descender) == (880, -120)  # the ideographic em box
    assert 600 < m.cap_height < m.ideo_top < m.ascender
    assert 0 < m.x_height < m.cap_height
    digits = {prepared[r].metrics.advances[d] for r in WEIGHTS for d in "0123456789"}
    assert len({prepared["regular"].metrics.advances[d] for d in "0123456789"}) == 1  # tabular
    assert len(digits) == 2


def test_metrics_json_is_compact_and_round_trips(prepared) -> None:
    font = prepared["black"]
    path = font.ttf_path.with_suffix(".json")
    raw = path.read_text(encoding="utf-8")
    assert ", " not in raw.replace("\u3001", "") and '": ' not in raw
    data = json.loads(raw)
    assert set(data) == {"ps_name", "units_per_em", "ascender", "descender", "cap_height", "x_height",
                         "ideo_top", "missing_advance", "advances", "ink"}
    assert data["ink"]["国"] == list(font.metrics.ink_box("国"))  # 4 ints per character
    loaded = FontMetrics.load(path)
    assert loaded.ps_name == font.ps_name and dict(loaded.advances) == dict(font.metrics.advances)
    assert dict(loaded.ink) == dict(font.metrics.ink)


@pytest.mark.parametrize("change", [
    lambda d: d.pop("ink"),
    lambda d: d.update(ink=[]),
    lambda d: d["ink"].update({"国": [1, 2, 3]}),
    lambda d: d["ink"].update({"国": "1234"}),
    lambda d: d["ink"].update({"国": [1, 2, 3, "4"]}),
    lambda d: d["ink"].update({"国": 7}),
    lambda d: d["advances"].update({"国": "wide"}),
], ids=["absent", "list", "three", "string", "str-number", "number", "advance"])
def test_malformed_metrics_raise_value_error(prepared, change) -> None:
    data = json.loads(prepared["regular"].metrics.to_json())
    assert FontMetrics.from_dict(data).ink_box("国") == prepared["regular"].metrics.ink_box("国")
    change(data)
    with pytest.raises(ValueError):
        FontMetrics.from_dict(data)


def test_prepared_fonts_pickle_and_hash(prepared) -> None:
    """Render workers receive PreparedFont objects; caches may key on them."""
    font = prepared["regular"]
    clone = pickle.loads(pickle.dumps(font))
    assert clone.ps_name == font.ps_name and clone.metrics.width_pt("国a", 9) == font.metrics.width_pt("国a", 9)
    assert len({font, prepared["black"], font}) == 2


def test_errors_are_one_line(noto: FontSource, tmp_path: Path) -> None:
    with pytest.raises(FontError, match="not found"):
        prepare_fonts(FontSource(tmp_path / "nope.ttf"), {"regular": 400}, "a", cache_dir=tmp_path)
    with pytest.raises(FontError, match=r"outside the wght axis 100-900"):
        prepare_fonts(noto, {"heavy": 950}, "a", cache_dir=tmp_path)
    with pytest.raises(FontError, match=r"face index 7 out of range.*5 faces"):
        prepare_fonts(FontSource(noto.path, face=7), {"regular": 400}, "a", cache_dir=tmp_path)
    with pytest.raises(FontError, match="integer"):
        prepare_fonts(noto, {"regular": 4000}, "a", cache_dir=tmp_path)
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    with pytest.raises(FontError) as info:
        prepare_fonts(FontSource(junk), {"regular": 400}, "a", cache_dir=tmp_path)
    assert "\n" not in str(info.value)


def test_package_font_and_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert package_font(NOTO).name == "NotoSansCJK-VF.otf.ttc" and package_font(NOTO).is_file()
    assert package_font("fonts/x.ttf") == Path("fonts/x.ttf")
    with pytest.raises(FontError, match="not installed"):
        package_font("package:no_such_font_pkg_xyz/x.ttf")
    monkeypatch.setenv("POSTER_GEN_CACHE", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("POSTER_GEN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "poster-gen"


def _toy_font(path: Path, cff: bool) -> Path:
    """A static font with proportional default digits and a ``tnum`` feature."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    widths = {".notdef": 500, "space": 250, "A": 600}
    widths.update({d: 400 + 20 * i for i, d in enumerate(digits)})
    widths.update({f"{d}.tnum": 560 for d in digits})

    def draw(pen, w: int) -> None:
        if w != 250:  # a box, drawn counter-clockwise as CFF expects
            pen.moveTo((50, 0)); pen.lineTo((w - 50, 0)); pen.lineTo((w - 50, 700)); pen.lineTo((50, 700))
            pen.closePath()

    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(list(widths))
    fb.setupCharacterMap({0x20: "space", 0x41: "A", **{0x30 + i: d for i, d in enumerate(digits)}})
    if cff:
        charstrings = {}
        for name, w in widths.items():
            pen = T2CharStringPen(w, None)
            draw(pen, w)
            charstrings[name] = pen.getCharString()
        fb.setupCFF("ToyCFF-Regular", {"FullName": "Toy CFF"}, charstrings, {})
    else:
        glyphs = {}
        for name, w in widths.items():
            pen = TTGlyphPen(None)
            draw(pen, w)
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (w, 50 if w != 250 else 0) for n, w in widths.items()})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Toy", "styleName": "Regular", "psName": "Toy-Regular"})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200,
                sCapHeight=700, sxHeight=500, fsType=0x0002)  # restricted: must be cleared
    fb.setupPost()
    fb.addOpenTypeFeatures("feature tnum {\n" + "".join(f"  sub {d} by {d}.tnum;\n" for d in digits) + "} tnum;\n")
    fb.save(str(path))
    return path


@pytest.mark.parametrize("cff", [False, True], ids=["glyf", "cff"])
def test_static_fonts_with_tnum_remap(tmp_path: Path, cff: bool) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    toy = _toy_font(tmp_path / ("toy.otf" if cff else "toy.ttf"), cff)
    fonts = prepare_fonts(FontSource(toy, family="Toy"), {"regular": 400, "bold": 700}, "A 10", cache_dir=tmp_path)
    regular = fonts["regular"]
    assert regular.weight == 400 and fonts["bold"].ps_name.startswith("Toy-W700-")
    assert {regular.metrics.advances[d] for d in "0123456789"} == {560}  # tnum forms baked in
    assert regular.metrics.ideo_top == 800  # no ideograph: falls back to the ascender
    assert regular.metrics.missing("A国") == {"国"}
    TTFont(regular.ps_name, str(regular.ttf_path))  # ReportLab accepts it (and its fsType)
    zh = fonts["regular:zh"]  # nothing to make full-width: the same glyphs under another name
    assert dict(zh.metrics.advances) == dict(regular.metrics.advances) and zh.ps_name == regular.ps_name + "-zh"
    TTFont(zh.ps_name, str(zh.ttf_path))


# -- the zh variant and ink boxes ---------------------------------------------------------

QUOTES = "“”‘’"


def test_every_weight_has_a_zh_variant(prepared) -> None:
    assert set(prepared) == {"regular", "black", "regular:zh", "black:zh"}
    names = {f.ps_name for f in prepared.values()}
    assert len(names) == 4 and all(set(n) <= set(PS_ALPHABET) and len(n) <= 63 for n in names)
    for role in WEIGHTS:
        latin, zh = prepared[role], prepared[f"{role}:zh"]
        assert zh.role == f"{role}:zh" and zh.weight == latin.weight
        assert zh.ps_name == latin.ps_name + "-zh" and zh.metrics.ps_name == zh.ps_name
        assert zh.ttf_path.name == latin.ttf_path.name.replace(".ttf", ".zh.ttf")
        assert zh.ttf_path.with_suffix(".json").is_file()


def test_zh_punctuation_is_full_width_and_latin_proportional(prepared) -> None:
    for role in WEIGHTS:
        latin, zh = prepared[role].metrics, prepared[f"{role}:zh"].metrics
        em = zh.units_per_em
        assert [zh.advances[c] for c in QUOTES + "—…·"] == [em] * 7
        assert all(latin.advances[c] < 0.7 * em for c in QUOTES)
        assert latin.advances["—"] < 0.95 * em  # the Latin em dash is not an ideographic em
        # "——" in Chinese: each dash a full em, drawn on the ideographic centre line,
        # above the Latin dash
        assert zh.width_pt("——", 10) == pytest.approx(20.0)
        assert zh.ink_box("—")[1] > latin.ink_box("—")[3]
        assert zh.ink_box("‘")[0] > em / 2 and zh.ink_box("’")[2] < em / 2  # set at the em's edges
        same = set(latin.advances) - set(QUOTES + "—…")
        assert {c: latin.advances[c] for c in same} == {c: zh.advances[c] for c in same}
        assert {c: latin.ink_box(c) for c in same} == {c: zh.ink_box(c) for c in same}


def test_variants_have_their_own_names(prepared) -> None:
    from fontTools.ttLib import TTFont

    latin, zh = (TTFont(str(prepared[r].ttf_path)) for r in ("black", "black:zh"))
    for nid in (1, 3, 4, 6):
        assert latin["name"].getDebugName(nid) != zh["name"].getDebugName(nid)
    assert zh["name"].getDebugName(6) == prepared["black:zh"].ps_name
    advance = lambda font, cp: font["hmtx"][font.getBestCmap()[cp]][0]  # noqa: E731
    assert (advance(latin, 0x201C), advance(zh, 0x201C)) == (634, 1000)


@pytest.mark.parametrize("role", ["regular", "regular:zh"])
def test_both_variants_register_draw_and_extract(prepared, role: str, tmp_path: Path) -> None:
    """Registered like the renderer does (every role), drawn with one: the text extracts
    as the original Unicode, and only the font that drew text is in the PDF."""
    from pdfcheck import fonts, page_texts
    from reportlab.pdfgen import canvas

    from poster_gen.render.pdf import font_files, register_fonts

    names = register_fonts(font_files(prepared))
    assert names == {r: f.ps_name for r, f in prepared.items()}
    line = "“南京”‘国’——投资…·Nanjing “Forum” 2025"
    path = tmp_path / "line.pdf"
    c = canvas.Canvas(str(path), initialFontName=names[role])
    c.setFont(names[role], 12)
    c.drawString(72, 720, line)
    c.save()
    assert page_texts(path)[0].strip() == line
    used = [f["name"] for f in fonts(path) if f["subtype"] != "/Type0"]
    assert len(used) == 1 and used[0].endswith("+" + prepared[role].ps_name)


def test_ink_boxes(prepared) -> None:
    for role in prepared:
        m = prepared[role].metrics
        em = m.units_per_em
        x0, y0, x1, y1 = m.ink_box("国")
        assert 0 <= x0 < x1 <= m.advances["国"] and m.descender <= y0 < y1 <= m.ascender
        assert y1 - y0 > 0.8 * em and y1 == pytest.approx(m.ideo_top, abs=2)
        x0, y0, x1, y1 = m.ink_box(".")
        assert x1 - x0 < 0.25 * em and y1 - y0 < 0.25 * em and -0.05 * em < y0 < 0.05 * em
        assert m.ink_box("H")[3] == pytest.approx(m.cap_height, abs=15)
        for ch in " \u3000\u00a0😀":
            assert m.ink_box(ch) is None and ch not in m.ink
        assert set(m.ink) <= set(m.advances)


@pytest.mark.slow
def test_a_missing_variant_file_is_rebuilt(noto: FontSource, tmp_path: Path) -> None:
    fonts = prepare_fonts(noto, {"regular": 400}, "国“", cache_dir=tmp_path)
    latin, zh = fonts["regular"], fonts["regular:zh"]
    before = latin.ttf_path.stat().st_mtime_ns
    latin_bytes, zh_bytes = latin.ttf_path.read_bytes(), zh.ttf_path.read_bytes()
    zh.ttf_path.unlink()  # its JSON stays, but a JSON alone is no cache entry
    again = prepare_fonts(noto, {"regular": 400}, "国“", cache_dir=tmp_path)
    assert zh.ttf_path.is_file() and again["regular:zh"].ps_name == zh.ps_name
    assert latin.ttf_path.stat().st_mtime_ns == before  # the complete variant was kept
    latin.ttf_path.with_suffix(".json").unlink()
    again = prepare_fonts(noto, {"regular": 400}, "国“", cache_dir=tmp_path)
    assert latin.ttf_path.with_suffix(".json").is_file()
    assert again["regular"].metrics.advances["“"] == latin.metrics.advances["“"] < 500
    # a variant built alone is the same file as one built with the other
    assert zh.ttf_path.read_bytes() == zh_bytes and latin.ttf_path.read_bytes() == latin_bytes


def test_roles_cannot_name_a_variant(noto: FontSource, tmp_path: Path) -> None:
    with pytest.raises(FontError, match="must not contain ':zh'"):
        prepare_fonts(noto, {"regular": 400, "regular:zh": 700}, "a", cache_dir=tmp_path)
