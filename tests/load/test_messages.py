"""Messages that point at the cause, once, and texts normalised where they are loaded.

Each test names the file and line a user must change for one mistake (issue 15): a
YAML reader's complaint turned into the character or key at fault, a theme that does
not load not reported again as unknown, a misspelt key not also "missing", a contrast a
theme colour broke at that colour's line, and the text rule of ``load.textrules``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import copy_project
from poster_gen.errors import InputError
from poster_gen.load.layout_models import Colour, FontSpec
from poster_gen.load.models import Text
from poster_gen.load.model_reader import load_model
from poster_gen.load.yamlsrc import parse_yaml


def parse(text: str | bytes, shown: str = "f.yaml"):
    return parse_yaml(text if isinstance(text, bytes) else text.encode("utf-8"), None, shown)


def model(cls, text: str):
    return load_model(cls, parse(text))


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(InputError) as exc:
        parse(text)
    return [str(p) for p in exc.value.problems]


# -- what the YAML reader refuses, at its line and column ---------------------------

def test_a_nul_byte_is_named_at_its_line_and_column():
    # after a BOM and two Chinese characters: columns count characters, as an editor does
    assert problems("\ufeffa: 1\nb: 集成\0电路\n".encode()) == [
        "f.yaml:2:6: remove the NUL character (U+0000) at line 2, column 6; YAML does not accept it in a file"]


@pytest.mark.parametrize("char, name", [("\x1b", "ESCAPE"), ("\x07", "BELL"), ("\x7f", "DELETE"),
                                        ("\x9b", "CONTROL SEQUENCE INTRODUCER"), ("\ufffe", None)])
def test_every_character_yaml_refuses_is_named(char, name):
    found = problems(f"a: x\nb: y{char}z\n")
    assert len(found) == 1
    assert found[0].startswith(f"f.yaml:2:5: remove the ") and f"U+{ord(char):04X}" in found[0], found
    assert "line 2, column 5" in found[0] and (name is None or name in found[0]), found


def test_many_bad_characters_are_counted_not_listed():
    found = problems("a: " + "x\0" * 40 + "\n")
    assert len(found) == 5 and "(and 35 more such characters further on)" in found[-1], found


def test_a_hidden_line_break_is_named_not_the_error_it_causes():
    found = problems("a: one\u2028two\nb: 2\n")
    assert found == ["f.yaml:1:7: remove the LINE SEPARATOR (U+2028) at line 1, column 7: YAML reads it as a "
                     "line break (use a real line break, or a space)"]


@pytest.mark.parametrize("text, line, col", [
    ("k" * 1100 + ": 1\n", 1, 1),
    ("a:\n  b:\n    " + "k" * 1100 + ": 1\n", 3, 5),
    ("a:\n  - " + "k" * 1100 + ": 1\n", 2, 5),
    ("a: {b: 1, " + "k" * 1100 + ": 1}\n", 1, 11),
])
def test_a_key_over_1024_characters_is_called_too_long(text, line, col):
    assert problems(text) == [f"f.yaml:{line}:{col}: this key is 1,100 characters long; YAML reads a key of at "
                              "most 1024 characters: shorten it"]


def test_a_long_value_is_not_a_long_key():
    assert parse("a: " + "v" * 3000 + "\n").value == {"a": "v" * 3000}


def test_surrogate_escapes_say_what_to_write():
    assert problems('a: "rocket \\ud83d\\ude80"\n') == [
        "f.yaml:1:12: \\ud83d is half of a UTF-16 surrogate pair; write \\U0001F680 (or the character 🚀 itself) "
        "in its place"]


def test_other_syntax_errors_are_unchanged():
    assert problems("a: [1, 2\nb: 3\n") == ["f.yaml:2:2: YAML syntax error: did not find expected ',' or ']'"]


# -- numbers: "remove the quotes" only when there are quotes --------------------------

def test_remove_the_quotes_only_when_the_value_was_quoted():
    _, found = model(Colour, 'cmyk: ["62", 1e309, inf, 1e5]\n')
    msgs = {p.field: p.message for p in found}
    assert msgs["cmyk[0]"] == "expected a number, found text (remove the quotes)"
    assert msgs["cmyk[1]"] == "expected a number, found '1e309', which is not a finite number"
    assert msgs["cmyk[2]"] == "expected a number, found 'inf', which is not a finite number"
    assert msgs["cmyk[3]"] == "expected a number, found '1e5', which YAML reads as text: write it as 100000"


def test_a_misspelt_required_key_is_one_problem():
    obj, found = model(Colour, "name: Gold\ncmky: [8, 30, 92, 0]\n")
    assert obj is None
    assert [str(p) for p in found] == ["f.yaml:2:1: cmky: unknown key (did you mean 'cmyk'?); expected one of: "
                                       "name, cmyk, spot"]


# -- texts: NFC, invisible characters removed, the unprintable refused -----------------

def test_text_is_normalised_to_nfc_at_load():
    text, found = model(Text, "zh: 咖啡\nen: cafe\u0301 Nguye\u0302\u0303n\n")
    assert not found
    assert text.en == "café Nguyễn" and unicodedata.is_normalized("NFC", text.en)


@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufe0f",
                                  "\u034f", "\U000e0041", "\U000e0100", "\u2062"])
def test_invisible_characters_are_removed(char):
    text, found = model(Text, f"zh: 集成{char}电路\nen: Inte{char}grated\n")
    assert not found and text.zh == "集成电路" and text.en == "Integrated"


@pytest.mark.parametrize("value, fragment", [
    ("x\u0332y", "has the combining mark U+0332 (COMBINING LOW LINE) after 'x'"),
    ("\u0301abc", "has the combining mark U+0301 (COMBINING ACUTE ACCENT) at the start"),
    ("e\u0323\u0301", "has the combining mark U+0301 (COMBINING ACUTE ACCENT) after"),  # ẹ́: no single letter
    ("a\u20ddb", "has the combining mark U+20DD (COMBINING ENCLOSING CIRCLE)"),
    ("ab\u202ecd", "has the bidi control U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("ab\u200fcd", "has the bidi control U+200F (RIGHT-TO-LEFT MARK)"),
    ("ab\u2067cd", "has the bidi control U+2067 (RIGHT-TO-LEFT ISOLATE)"),
    ("ab\ue000", "has the private-use character U+E000"),
    ("ab\U000f0001", "has the private-use character U+F0001"),
    ("ab\ufffdcd", "has U+FFFD (REPLACEMENT CHARACTER)"),
    ("ab\ufdd0", "has the non-character U+FDD0"),
    ("ab\U0001fffe", "has the non-character U+1FFFE"),
    ("ab\u2029cd", "has a PARAGRAPH SEPARATOR (U+2029): use a line break instead"),
    ("ab\x85cd", "contains the control character U+0085 (NEXT LINE)"),
    ("ab\x07cd", "contains the control character U+0007 (BELL)"),
])
def test_unprintable_text_is_refused_once_with_its_code_point(value, fragment):
    escaped = "".join(c if " " <= c <= "~" else f"\\U{ord(c):08X}" for c in value)  # YAML's \U escape
    _, found = model(Text, f'zh: 集成\nen: "{escaped}"\n')
    assert len(found) == 1, found
    assert found[0].field == "en" and found[0].line == 2 and fragment in found[0].message, found


def test_file_names_are_kept_as_written():
    spec, found = model(FontSpec, "file: assets/fonts/cafe\u0301.ttf\nweights: {regular: 400, bold: 700, black: 900}\n")
    assert not found and spec.file == "assets/fonts/cafe\u0301.ttf"


# -- one mistake in the project, one problem at its cause ----------------------------

def _project(tmp_path: Path, file: str, old: str | None, new: str | None) -> Path:
    proj = copy_project(tmp_path / "p")
    path = proj / file
    if old is None:
        path.unlink()
    else:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
    return proj


def _load_problems(proj: Path) -> list[str]:
    from poster_gen.load.project import load_project

    with pytest.raises(InputError) as exc:
        load_project(proj)
    return [str(p) for p in exc.value.problems]


@pytest.mark.parametrize("bad", ["-5", "1e309", "inf", ".inf", ".nan", '"abc"', "[1]"])
def test_a_broken_theme_is_not_also_unknown(tmp_path, bad):
    proj = _project(tmp_path, "layouts/themes/artificial-intelligence.yaml", "cmyk: [92, 35, 0, 0]",
                    f"cmyk: [{bad}, 35, 0, 0]")
    found = _load_problems(proj)
    assert len(found) == 1 and found[0].startswith("layouts/themes/artificial-intelligence.yaml:4:"), found


def test_a_broken_campaign_theme_is_not_also_unknown(tmp_path):
    proj = _project(tmp_path, "layouts/themes/campaign.yaml", "ground:    {name: Blossom paper, cmyk: [0, 4, 2, 0]}",
                    "ground:    {name: Blossom paper, cmyk: [0, 4, 2, 0, 5]}")
    found = _load_problems(proj)
    assert len(found) == 1 and found[0].startswith("layouts/themes/campaign.yaml:"), found


def test_a_deleted_theme_file_is_named(tmp_path):
    proj = _project(tmp_path, "layouts/themes/integrated-circuits.yaml", None, None)
    found = _load_problems(proj)
    assert len(found) == 1, found
    assert "theme 'integrated-circuits' has no file layouts/themes/integrated-circuits.yaml" in found[0], found
    assert found[0].startswith("data/landmarks/integrated-circuits.yaml:17:1: theme: ")


def test_a_landmark_mistake_is_one_problem_and_blocks_the_brochure(tmp_path):
    from poster_gen.build.run import BuildFailed, build

    proj = _project(tmp_path, "data/landmarks/integrated-circuits.yaml", "  year: 2019\n", "  year: 3019\n")
    with pytest.raises(BuildFailed) as exc:
        build(proj, tmp_path / "out", write=False)
    assert [str(p) for p in exc.value.problems] == [
        "data/landmarks/integrated-circuits.yaml:29:3: plan.year: 3019 is above the maximum 2100"]
    status = {o.name: o.status for o in exc.value.result.outputs}
    assert status["brochure.pdf"] == "failed" and status["posters/integrated-circuits.pdf"] == "failed"
    brochure = next(o for o in exc.value.result.outputs if o.name == "brochure.pdf")
    assert brochure.problems == [] and brochure.blocked_by == ["integrated-circuits"]


# -- contrast: the theme colour that broke it, once per pair --------------------------

def test_contrast_blames_the_colour_that_moved():
    from poster_gen.page_model import CMYK
    from poster_gen.compose.layout_lint.contrast import theme_blame as blame
    from poster_gen.compose.layout_lint.kit import ContrastCause
    from poster_gen.load.layout_models import LintSpec
    from poster_gen.load.project import load_project

    themes = dict(load_project(Path(__file__).resolve().parents[2]).themes)
    ai = themes["artificial-intelligence"]
    light = replace(ai, colours={**ai.colours, "ink": replace(ai.colours["ink"], cmyk=[0, 0, 0, 30])})
    themes["artificial-intelligence"] = light
    ink, ground = CMYK(0, 0, 0, 30, "Ink"), CMYK(*ai.colours["ground"].cmyk, "Ice paper")
    got = blame(ContrastCause(ink, ground, ink.contrast(ground), 4.5, "artificial-intelligence"), themes, LintSpec())
    assert got is not None
    name, token, message = got
    assert (name, token) == ("artificial-intelligence", "ink")
    assert message.startswith("ink (Ink) on ground (Ice paper) has a contrast of 1.78:1") and "make ink darker" in message
    tint = CMYK(*ai.colours["tint"].cmyk, "Ice").tint(0.45)
    got = blame(ContrastCause(ink, tint, ink.contrast(tint), 4.5, "artificial-intelligence"), themes, LintSpec())
    assert got[1] == "ink" and "on tint at 45% (Ice 45%)" in got[2]


def test_a_pair_no_theme_makes_read_is_the_layouts():
    from poster_gen.page_model import CMYK
    from poster_gen.compose.layout_lint.contrast import theme_blame as blame
    from poster_gen.compose.layout_lint.kit import ContrastCause
    from poster_gen.load.layout_models import LintSpec
    from poster_gen.load.project import load_project

    themes = load_project(Path(__file__).resolve().parents[2]).themes
    ic = themes["integrated-circuits"]
    fg, bg = CMYK(*ic.colours["tint"].cmyk, "Lilac"), CMYK(*ic.colours["ground"].cmyk, "Lilac paper")
    assert blame(ContrastCause(fg, bg, fg.contrast(bg), 4.5, "integrated-circuits"), themes, LintSpec()) is None


def test_a_style_colour_no_theme_makes_read_is_the_styles_line():
    from poster_gen.page_model import CMYK
    from poster_gen.compose.layout_lint.contrast import layout_blame
    from poster_gen.compose.layout_lint.kit import ContrastCause
    from poster_gen.load.project import load_project

    project = load_project(Path(__file__).resolve().parents[2])
    layout = project.layouts["poster"]
    styles = {**layout.styles, "ambition_zh": replace(layout.styles["ambition_zh"], colour="tint")}
    layout = replace(layout, styles=styles)
    ic = project.themes["integrated-circuits"]
    fg, bg = CMYK(*ic.colours["tint"].cmyk, "Lilac"), CMYK(*ic.colours["ground"].cmyk, "Lilac paper")
    cause = ContrastCause(fg, bg, fg.contrast(bg), 3.0, "integrated-circuits", "ambition_zh")
    path, message = layout_blame(cause, project.themes, layout, "poster")
    assert path == ("styles", "ambition_zh", "colour")
    assert message.startswith("tint text on the ground background has a contrast of ")
    assert "(region 'ambition') needs 3:1" in message
