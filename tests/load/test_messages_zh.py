"""Every message in Chinese too (issue 17): the catalogue (poster_gen/messages_zh.yaml)
knows every message the loader, the build's checks, the layout lint and the font step
can word, and its Chinese is Chinese.

Three ways to see none is left out: the code's own words (every English fragment a
message is built from, read from the source) are in the catalogue; every description
of what a field expects translates; and hostile inputs, here and in tests/load/bad_inputs,
give problems that translate into Chinese with no English left but the data's own
(quoted values, field names, files, numbers).
"""
from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from poster_gen.errors import InputError, MachineError, Problem, machine_error
from poster_gen.load.layout_models import BoxSpec, Colour, FontSpec, Layout, Step, Style, Theme
from poster_gen.load.model_reader import describe, load_model, model_fields
from poster_gen.load.models import Campaign, KeyFigure, Landmark, Quote, Text
from poster_gen.load.yamlsrc import parse_yaml
from poster_gen.messages import CATALOGUE, PLACEHOLDER, catalogue, translate, translation

PACKAGE = ROOT / "src" / "poster_gen"
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")

#: Latin words a Chinese message may keep though its English template has them not
#: (the English says the same otherwise): names of formats, units and keys.
TERMS = {"Tab", "MB", "Unicode", "URI", "C", "M", "Y", "K", "U+", "E2000", "i", "x", "y", "DIR", "yaml", "true", "false"}
#: English words that are never a name: their being in the Chinese is English left in.
PROSE = {"the", "is", "are", "a", "an", "of", "to", "and", "or", "not", "it", "in", "on", "with", "for", "be",
         "expected", "found", "missing", "unknown", "empty", "cannot", "must", "needs", "use", "remove", "text"}


def explain(message: str):
    return catalogue().explain(message, "message")


def assert_chinese(message: str) -> str:
    """``message`` in Chinese, asserted to be: a catalogue template's Chinese with the
    message's values in place, and no English sentence hidden in a value."""
    got = explain(message)
    assert got is not None, f"no Chinese in the catalogue for: {message!r}"
    for name, value in got.kept_values():
        if name == "detail":  # a library's or the system's own words (an exception's text)
            continue
        unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", value)
        assert not re.search(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b", unquoted), \
            f"English words kept as a value ({name}={value!r}) in: {message!r}"
    zh = got.render()
    assert HAN.search(zh), (message, zh)
    return zh


# -- the catalogue itself --------------------------------------------------------------

def test_the_catalogue_reads_and_gives_no_template_twice():
    source = parse_yaml(CATALOGUE.read_bytes(), CATALOGUE, "messages_zh.yaml")  # refuses a key given twice
    assert set(source.value) == set(catalogue().tables)
    assert len(catalogue().tables["message"]) > 150


def test_every_chinese_template_is_chinese():
    """The Chinese keeps Latin words only where the English has them too (a field, an
    option, a format) or they are a term; full-width punctuation inside Chinese."""
    wrong = []
    for kind, templates in catalogue().tables.items():
        for t in templates:
            zh, en = PLACEHOLDER.sub(" ", t.zh), PLACEHOLDER.sub(" ", t.en)
            en_words = set(re.findall(r"[A-Za-z][A-Za-z0-9_./+\-]*", en))
            for word in re.findall(r"[A-Za-z][A-Za-z0-9_./+\-]*", zh):
                if word not in en_words and word not in TERMS:
                    wrong.append(f"{kind}: {t.zh!r} has {word!r}")
                if word.lower() in PROSE and word not in ("true", "false", "text"):
                    wrong.append(f"{kind}: {t.zh!r} has the English word {word!r}")
            if re.search("[a-z]{2,}", en.replace("U+", "")) and not HAN.search(zh) and kind not in (
                    "found", "none", "yaml_problem", "reason", "page_label", "colour_name", "ground_name", "users"):
                wrong.append(f"{kind}: {t.zh!r} is not Chinese")
            if re.search(r"[()]|;|(?<=[\u4e00-\u9fff])[,:]", re.sub("“[^”]*”", "", zh)):  # “键: 值” is YAML
                wrong.append(f"{kind}: {t.zh!r} has half-width punctuation in Chinese")
    assert not wrong, "\n".join(wrong)


def test_the_catalogue_refuses_what_it_could_not_read():
    from poster_gen.messages import Catalogue

    with pytest.raises(ValueError, match="needs a kind"):
        Catalogue.from_mapping({"message": {"{a}{b}": "{a}{b}"}})
    with pytest.raises(ValueError, match="no table"):
        Catalogue.from_mapping({"message": {"x {a:nowhere}": "{a}"}})
    with pytest.raises(ValueError, match="not in"):
        Catalogue.from_mapping({"message": {"x {a}": "{b}"}})


# -- every message the code can word ----------------------------------------------------

#: The files whose words make the messages, and which of their strings are messages:
#: "all" (every string but docs, keys, comparisons and internal errors), "raise" (those
#: raised), or the names of the functions that word them.
SOURCES = {
    **{p.relative_to(PACKAGE).as_posix(): "all" for p in sorted((PACKAGE / "load").glob("*.py"))
       if p.name != "json_schema.py"},
    "errors.py": "all", "suggest.py": "all",
    "build/checks.py": "all", "build/glyphs.py": "all", "build/lock.py": "raise", "build/plan.py": "raise",
    **{p.relative_to(PACKAGE).as_posix(): "all" for p in sorted((PACKAGE / "compose/layout_lint").glob("*.py"))},
    "compose/page.py": "raise", "compose/text.py": {"_overflow"}, "compose/regions/landmark_index.py": "raise",
    "fonts/prepare.py": "all", "fonts/convert.py": "raise",
    "studio/engine.py": {"validate", "_plain"}, "studio/uploads.py": {"_keep_image"},
}
NOT_MESSAGE_KEYWORDS = {"doc", "doc_zh", "labels", "summary_zh", "name_zh", "example", "default"}
NOT_MESSAGE_CALLS = {"compile", "match", "search", "finditer", "sub", "get", "startswith", "endswith", "split",
                     "rsplit", "replace", "join", "encode", "decode", "getattr", "hasattr", "setdefault", "strip",
                     "lstrip", "rstrip", "index", "find", "rfind", "glob", "rglob", "with_suffix", "normalize",
                     "memoised", "print", "read_entry", "_damaged", "MotifSpec", "ParamSpec", "common_params", "token", "damaged",
                     "TypeError", "ValueError", "KeyError", "AssertionError", "RuntimeError", "dotted"}


def _fragments(path: Path, which) -> list[tuple[int, str]]:
    """The English a message of ``path`` may be made of: each string, or each literal
    part of an f-string, with a space and a word in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {c: n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        text = node.value
        if " " not in text.strip() or not re.search("[a-z]{2,}", text) or HAN.search(text):
            continue
        chain, child, keep, raised, function = [], node, True, False, None
        while child in parents:
            up = parents[child]
            if isinstance(up, ast.Expr) and isinstance(child, ast.Constant):
                keep = False  # a docstring
            elif isinstance(up, ast.keyword) and up.arg in NOT_MESSAGE_KEYWORDS:
                keep = False
            elif isinstance(up, ast.Call) and child is not up.func:
                f = up.func
                if (f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")) in NOT_MESSAGE_CALLS:
                    keep = False
            elif isinstance(up, (ast.Compare, ast.Subscript)) or (isinstance(up, ast.Dict) and child in up.keys):
                keep = False
            elif isinstance(up, ast.Assign) and any(isinstance(t, ast.Name) and (t.id.startswith("__describe")
                                                    or t.id.endswith("_NAMES")) for t in up.targets):
                keep = False
            elif isinstance(up, ast.Raise):
                raised = True
            elif isinstance(up, (ast.FunctionDef, ast.ClassDef)) and function is None:
                function = up.name
            child = up
        if not keep or (which == "raise" and not raised) or (isinstance(which, set) and function not in which):
            continue
        found.append((node.lineno, text))
    return found


def _catalogue_english() -> str:
    """Every literal text of the catalogue's English, with each kind's part filled in
    by each of its table's entries (two deep), joined by NULs."""
    tables = catalogue().tables
    seen: set[str] = set()
    frontier = [t.en for ts in tables.values() for t in ts]
    for _ in range(2):
        grown = []
        for en in frontier:
            if en in seen:
                continue
            seen.add(en)
            for m in PLACEHOLDER.finditer(en):
                if m.group(2):
                    grown += [en[:m.start()] + e.en + en[m.end():] for e in tables[m.group(2)]]
        frontier = grown
    seen.update(frontier)
    return "\0".join(chunk for en in seen for chunk in PLACEHOLDER.split(en)[::3])


def test_every_message_the_code_words_is_in_the_catalogue():
    english = _catalogue_english()
    missing = []
    for rel, which in SOURCES.items():
        for line, text in _fragments(PACKAGE / rel, which):
            if text.strip(" ") not in english:
                missing.append(f"{rel}:{line}: {text!r}")
    assert not missing, "add these to src/poster_gen/messages_zh.yaml:\n" + "\n".join(missing)


def test_the_source_scan_sees_messages():
    """The scan is not empty-handed: it finds known messages where they are worded."""
    found = {text for line, text in _fragments(PACKAGE / "load/model_reader.py", "all")}
    assert "expected a finite number" in found and " is below the minimum " in found
    raised = {text for line, text in _fragments(PACKAGE / "compose/regions/landmark_index.py", "raise")}
    assert any("holds at most" in t for t in raised)


def _hints():
    seen: dict[str, typing.Any] = {}

    def walk(hint):
        if repr(hint) in seen:
            return
        seen[repr(hint)] = hint
        if dataclasses.is_dataclass(hint):
            for f in model_fields(hint).values():
                walk(f.hint)
        for arg in typing.get_args(hint):
            if arg is not type(None) and not isinstance(arg, str):
                walk(arg)

    for model in (Landmark, Campaign, Layout, Theme):
        walk(model)
    return list(seen.values())


def test_every_description_of_a_field_translates():
    hints = _hints()
    assert len(hints) > 40
    missing = [describe(h) for h in hints if translation(describe(h), "zh", "expected") is None]
    assert not missing, missing
    # where a model gives its Chinese description, the catalogue says the same
    for h in hints:
        if dataclasses.is_dataclass(h) and getattr(h, "__describe_zh__", None):
            assert translation(describe(h), "zh", "expected") == h.__describe_zh__, h


# -- hostile inputs ---------------------------------------------------------------------

def problems_of(cls, text: str | bytes) -> list[Problem]:
    try:
        src = parse_yaml(text if isinstance(text, bytes) else text.encode("utf-8"), None, "f.yaml")
    except InputError as exc:
        return exc.problems
    return load_model(cls, src)[1]


TEXT = "{zh: 南京, en: Nanjing}"
HOSTILE = [
    (Colour, "name: Gold\ncmky: [8, 30, 92, 0]\n"),
    (Colour, "cmyk: [\"62\", 1e309, inf, 1e5]\n"),
    (Colour, "cmyk: [1, 2, 3]\n"), (Colour, "cmyk: [100, 100, 100, 100]\n"), (Colour, "cmyk: [-5, 0, 0, 0]\n"),
    (Colour, "cmyk: text\n"), (Colour, "cmyk: [.nan, 0, 0, 0]\n"), (Colour, "name: 3\ncmyk: [0, 0, 0, 0]\n"),
    (Theme, f"name: {TEXT}\ncolours: {{primary: [0, 0, 0, 0]}}\ncolours_zh: {{primray: 紫}}\n"),
    (Theme, "name: {}\ncolours: []\n"), (Theme, f"name: {TEXT}\ncolours: {{primary: {{cmyk: [0, 0, 0, 0], x: 1}}}}\n"),
    (FontSpec, "file: a.ttf\nweights: {regular: 400, bold: 7000}\n"),
    (Style, "size: 9\nmin: 8\n"), (Style, "size: 9\nshrink: 1\nlevel: display\ncolour: purple\n"),
    (Style, "size: 9\nfont: heavy\ncase: lower\n"), (Style, "size: 9000\nleading: yes\n"),
    (BoxSpec, "col: 1\nleft: 3\ntop: 0\nheight: 1\n"), (BoxSpec, "col: 1\ntop: 0\nheight: 1\n"),
    (BoxSpec, "left: 1\ntop: 0\nheight: 1\n"), (BoxSpec, "top: 0\nheight: 1\n"), (BoxSpec, "top: '0'\nheight: 1\n"),
    (Step, "templates: [a]\n"), (Step, "each: landmark\n"), (Step, "template: a\neach: landmark\n"),
    (Text, "zh: ''\nen: ' '\n"), (Text, "zh: 1\nen: [a]\n"), (Text, "zh: \"a\\u202eb\"\n"), (Text, "zh: \"a\\uE000\"\n"),
    (Text, "zh: \"a\\uFFFD\"\n"), (Text, "zh: \"a\\uFDD0\"\n"), (Text, "zh: \"\\u0301a\"\n"), (Text, "zh: \"e\\u0332\"\n"),
    (Text, "zh: \"a\\u2028b\"\n"), (Text, "zh: \"a\\x07b\"\n"), (Text, "zh: \"\\ud83d\\ude80\"\n"),
    (Text, "en: " + "x" * 2600 + "\n"),
    (KeyFigure, "value: 200\nlabel: " + TEXT + "\n"), (KeyFigure, "value: '200'\nunit: x\nlabel: {}\n"),
    (Quote, "text: {en: We build here}\nexcerpt: {en: We made it, zh: " + "字" * 41 + "}\n"
            "speaker: " + TEXT + "\ntitle: " + TEXT + "\norganisation: " + TEXT + "\n"),
    (Landmark, "order: 0\nname: {zh: 南京}\nambition: x\nsummary: null\ntheme: 7\nmotifs: {nanjing: []}\n"
               "plan: {name: " + TEXT + ", status: done, year: 3000}\nkey_figures: []\nqr_url: ftp://x\n"
               "hero_focus: {x: 2}\nhighlights: [a, b, c, d, e, f, g]\n"),
    (Campaign, "year: 2024\nwords: [南京, 南京, ab, 南]\nlabels: {a: 1}\n"),
    (Layout, "kind: poster\n"),
    (Text, "a: 1\na: 2\n"), (Text, "<<: {a: 1}\n"), (Text, "? [a]\n: 1\n"), (Text, "yes: 1\n"),
    (Text, "a: !!python/object x\n"), (Text, "a: 1\n---\nb: 2\n"), (Text, "a: [1, 2\n"), (Text, "a: 'x\n"),
    (Text, "a:\n\t- b\n"), (Text, ""), (Text, "- a\n"), (Text, "just text\n"), (Text, b"a: \xff\n"),
    (Text, "a: b: c\n"), (Text, "a: *nowhere\n"), (Text, "a: x\0y\n"), (Text, "a: x\x1bz\n"),
    (Text, "a: x\u2028b: y\n"), (Text, "k" * 1100 + ": 1\n"), (Text, 'a: "\\ud83d\\ude80"\n'),
    (Text, "a: " + "x\0" * 40 + "\n"), (Text, "a: 2001-01-01\nb: 0x1g\n"),
]


@pytest.mark.parametrize("cls, text", HOSTILE, ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(HOSTILE)])
def test_every_problem_of_a_hostile_input_is_said_in_chinese(cls, text):
    found = problems_of(cls, text)
    assert found, "a hostile input must give a problem"
    for p in found:
        zh = p.message_in("zh")
        assert zh == assert_chinese(p.message)
        assert p.message_in("en") == p.message  # the CLI's English, as it was


def test_the_project_checks_say_their_problems_in_chinese(tmp_path: Path):
    """Problems of the whole project: a theme's name, a layout's references, a photo,
    the series' order and hues, a missing translation and a missing glyph."""
    from poster_gen.build.checks import project_problems
    from poster_gen.load.project import load_project

    proj = copy_project(tmp_path / "p")
    lm = next((proj / "data" / "landmarks").glob("*.yaml"))
    text = lm.read_text(encoding="utf-8")
    text = re.sub(r"^theme: .*$", "theme: purpel", text, count=1, flags=re.M)
    text = re.sub(r"^order: .*$", "order: 2", text, count=1, flags=re.M)
    text += "hero_image: ../outside.jpg\n"
    lm.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_project(proj)
    said = [assert_chinese(p.message) for p in exc.value.problems]
    assert any("未知的主题 'purpel'" in s for s in said), said
    assert any("在项目文件夹之外" in s for s in said), said

    proj = copy_project(tmp_path / "q")
    lm = next((proj / "data" / "landmarks").glob("*.yaml"))
    lm.write_text(re.sub(r"(\n  en: )[^\n]*", r"\1''", lm.read_text(encoding="utf-8"), count=1).replace(
        "\n  zh: ", "\n  zh: 𠀀", 1), encoding="utf-8")
    project = load_project(proj, lenient=True)
    found = [p for ps in project_problems(project, ("zh", "en")).values() for p in ps]
    assert found
    said = [assert_chinese(p.message) for p in found]
    assert any("字体里没有" in s for s in said) and any("没有英文文字" in s for s in said), said


# Each case of tests/load/bad_inputs: test_bad_inputs.py runs it through the CLI and
# checks that every problem any stage raises has its Chinese (one run per case, not two).


# -- what the messages say -------------------------------------------------------------

@pytest.mark.parametrize("english, chinese", [
    ("is empty (expected text)", "为空（应填文字）"),
    ("expected a whole number, found text (remove the quotes)", "应为整数，实为文字（请去掉引号）"),
    ("'done' is not allowed (expected one of 'issued', 'forthcoming') (did you mean 'done'?)",
     "不能填 'done'（应为以下之一：'issued', 'forthcoming'）（是不是 'done'？）"),
    ("unknown key (did you mean 'cmyk'?); expected one of: name, cmyk", "未知的键（是不是 'cmyk'？）；可用的键：name, cmyk"),
    ("expected a list of numbers, found text", "应为列表，每项为数字，实为文字"),
    ("3000 is above the maximum 2100", "3000 大于最大值 2100"),
    ("has 2 item(s); at least 3 expected", "只有 2 项，至少需要 3 项"),
    ("C is 185; each channel is 0-100 (percent ink)", "C 为 185；每个通道应在 0–100 之间（油墨百分比）"),
    ("no English text; the zh-en edition prints it", "没有英文文字；zh-en 版要印出它"),
    ("about 12 characters too long for this space", "约多出 12 个字，此处放不下"),
    ("follow: 'wave' is not one of battlements, grid (did you mean 'grid'?)",
     "follow：'wave' 不是可选值（battlements, grid）之一（是不是 'grid'？）"),
    ("circuit-traces: unknown parameter 'folow' (did you mean 'follow'?)",
     "circuit-traces：未知的参数 'folow'（是不是 'follow'？）"),
    ("remove the control character U+001B (ESCAPE) at line 2, column 5; YAML does not accept it in a file",
     "请删除第 2 行第 5 列的控制字符 U+001B；YAML 文件中不能有它"),
    ("YAML syntax error: mapping values are not allowed here",
     "YAML 语法错误：这里不能出现“键: 值”（冒号后少了空格，或缩进不对？）"),
    ("does not fit the 'ambition' frame of ic.pdf at the series' type sizes (3 lines where 2 fit; cut about 14 "
     "characters)", "按系列统一的字号，放不进 ic.pdf 的 'ambition' 文本框（3 行，只放得下 2 行；请删减约 14 个字）"),
    ("region 'name': the text '南京' is 6.0 pt, off the type scale (9, 12 pt on this page, near x 10, y 20 mm); "
     "set it in a style whose size is on the scale [ic.pdf]",
     "区域 'name'：文字 '南京' 为 6.0 pt，不在字号阶梯上（本页可用 9, 12 pt，约在 x 10、y 20 mm 处）："
     "请改用字号在阶梯上的样式（ic.pdf）"),
    ("primary (Violet) on ground (Lilac paper) has a contrast of 2.10:1; text in these colours needs 4.5:1 "
     "(3:1 when large): make primary darker",
     "primary（Violet）在 ground（Lilac paper）上的对比度为 2.10:1；这组颜色的文字需要 4.5:1（大字 3:1）：请把 primary 调深一些"),
    ("repeats the phrase '集成电路', the number 200 (en) from region 'x' on this page (p3): a spread says each fact "
     "once; cut the repeat here or there",
     "重复了本页区域 'x' 中的词句 '集成电路'、数字 200（en）（本处在第 3 页）：一个跨页中每件事只说一次；请删掉这里或那里的重复"),
])
def test_what_a_message_says_in_chinese(english, chinese):
    assert translate(english, "zh") == chinese
    assert translate(english, "en") == english


def test_the_machine_s_faults_are_said_in_chinese(tmp_path):
    import errno
    import os

    for code in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EMFILE, errno.EIO, errno.EISDIR):
        err = machine_error(OSError(code, os.strerror(code), str(tmp_path / "x")), tmp_path, size=2_000_000,
                            name="poster.pdf")
        assert err is not None
        for p in err.problems:
            assert_chinese(p.message)
    assert_chinese(machine_error(MemoryError()).problems[0].message)
    assert "没有权限" in MachineError("x", "cannot be written (permission denied); make it writable (chmod u+w, or "
                                            "chattr -i when it is immutable), or build elsewhere with --out DIR"
                                 ).problems[0].message_in("zh")


def test_a_problem_is_shown_in_either_language():
    p = Problem("data/landmarks/ic.yaml", 4, 7, "order", "0 is below the minimum 1")
    assert p.shown("en") == str(p) == "data/landmarks/ic.yaml:4:7: order: 0 is below the minimum 1"
    assert p.shown("zh") == "data/landmarks/ic.yaml:4:7: order: 0 小于最小值 1"
    assert Problem("", 0, 0, "", "file not found").shown("zh") == "找不到文件"


def test_a_message_the_catalogue_lacks_stays_in_english():
    assert translation("a message nobody wrote", "zh") is None
    assert translate("a message nobody wrote", "zh") == "a message nobody wrote"
    assert Problem("f.yaml", 1, 1, "x", "a message nobody wrote").message_in("zh") == "a message nobody wrote"
    with pytest.raises(ValueError):
        translate("is empty", "fr")


def test_values_keep_their_characters_and_spacing():
    """Data inside a Chinese sentence is as written; a space parts Chinese from Latin
    where the sentence meets a value, never inside it."""
    zh = translate("'集成电路IC' is listed twice", "zh")
    assert zh == "'集成电路IC' 列了两次"
    assert translate("expected a number or text, found a list", "zh") == "应为数字或文字，实为列表"
    assert translate("expected true or false, found the number 3", "zh") == "应为 true 或 false，实为数字 3"


def test_importing_the_catalogue_costs_nothing():
    """errors is imported by every run; messages only on a translation, and neither
    reads YAML until a message is translated."""
    code = ("import sys, poster_gen.errors, poster_gen.messages; "
            "assert 'yaml' not in sys.modules, 'yaml'; "
            "from poster_gen.errors import Problem; Problem('', 0, 0, '', 'file not found').message_in('en'); "
            "assert 'yaml' not in sys.modules; "
            "print(Problem('', 0, 0, '', 'file not found').message_in('zh'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "找不到文件"


# -- theme colours ----------------------------------------------------------------------

def test_every_theme_colour_has_a_chinese_name():
    from poster_gen.load.project import load_project

    themes = load_project(ROOT).themes
    assert len(themes) >= 6
    for name, theme in themes.items():
        assert theme.name.zh and theme.name.en, name
        for token, colour in theme.colours.items():
            assert colour.name and colour.name_zh, (name, token)
            assert HAN.fullmatch(colour.name_zh[0]) and not re.search("[A-Za-z]", colour.name_zh), colour.name_zh
            assert colour.name_in("zh") == colour.name_zh and colour.name_in("en") == colour.name
    # one English name, one Chinese name, in every theme that uses it
    names: dict[str, set[str]] = {}
    for theme in themes.values():
        for colour in theme.colours.values():
            names.setdefault(colour.name, set()).add(colour.name_zh)
    assert all(len(zh) == 1 for zh in names.values()), names


def test_a_theme_names_its_colours_in_chinese_by_token():
    theme, found = load_model(Theme, parse_yaml(
        f"name: {TEXT}\ncolours:\n  primary: {{name: Violet, cmyk: [62, 85, 0, 0]}}\n  ink: [0, 0, 0, 90]\n"
        "colours_zh: {primary: 紫罗兰}\n".encode(), None, "t.yaml"))
    assert [p.field for p in found] == ["colours"] * 7  # the other tokens are missing
    assert theme.colours["primary"].name_zh == "紫罗兰"
    theme = Theme(name=Text(zh="紫", en="Violet"), colours={"primary": Colour(name="Violet", cmyk=[62, 85, 0, 0]),
                                                             "ink": Colour(cmyk=[0, 0, 0, 90])},
                  colours_zh={"primary": "紫罗兰"})
    assert theme.colours["primary"].name_zh == "紫罗兰" and theme.colours["primary"].name_in("zh") == "紫罗兰"
    assert theme.colours["ink"].name_in("zh") == "" and theme.colours["ink"].name_in("en") == ""
    assert Colour(name="Gold", cmyk=[0, 0, 0, 0]).name_in("zh") == "Gold"  # no Chinese: the English
    unknown = [p for p in problems_of(Theme, f"name: {TEXT}\ncolours: {{}}\ncolours_zh: {{primray: 紫}}\n")
               if p.field.startswith("colours_zh")]
    assert [p.message for p in unknown] == ["no colour 'primray' in colours"]
    assert assert_chinese(unknown[0].message) == "colours 中没有颜色 'primray'"


def test_the_chinese_colour_names_are_not_in_the_fonts_text():
    """No output prints a colour's name: its characters are not added to the fonts
    (the outputs stay byte for byte as they were)."""
    from poster_gen.build.glyphs import project_text
    from poster_gen.load.project import load_project

    project = load_project(ROOT)
    names = {ch for t in project.themes.values() for c in t.colours.values() for ch in c.name_zh}
    assert names - set(project_text(project)), "the colour names' characters went into the fonts"
