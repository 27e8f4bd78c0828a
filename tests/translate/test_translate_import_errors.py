"""poster-gen translate import refuses what cannot go into the data: each problem one
line at the XLIFF file, its line and the unit, exit code 2, and not a byte of data/
changed (not even the files of a good XLIFF imported together with a bad one)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import copy_project, run_cli
from xliff_kit import SAMPLE_SLUG, SLR, fill, fingerprint, line_of, q, sample_ja, units

IC = "integrated-circuits"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with one multi-line English text, exported to Japanese."""
    root = copy_project(tmp_path_factory.mktemp("import-errors"))
    nev = root / f"data/landmarks/{SAMPLE_SLUG}.yaml"
    nev.write_text(nev.read_text("utf-8").replace(
        "    en: South Korea’s largest integrated chemical company and the world’s leading battery maker",
        "    en: |-\n      South Korea’s largest integrated chemical company\n      and the world’s leading battery maker"),
        "utf-8")
    done = run_cli("translate", "export", "--lang", "ja", "--project", str(root))
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def returned(project: Path, request):
    """A fresh copy of an exported file, as the agency returns it (a name of its own)."""
    made: list[Path] = []

    def copy(slug: str = SAMPLE_SLUG) -> Path:
        test = request.node.originalname.removeprefix("test_")[:40]
        dest = project / "returned" / f"{test}-{request.node.callspec.id if hasattr(request.node, 'callspec') else 0}" \
            f"-{len(made)}-{slug}.xlf"
        dest.parent.mkdir(exist_ok=True)
        shutil.copy(project / f"translations/ja/{slug}.xlf", dest)
        made.append(dest)
        return dest
    return copy


def refused(project: Path, *files: Path, capsys) -> list[str]:
    """Import ``files`` in this process; assert exit 2 and data/ untouched; the error lines."""
    from poster_gen.cli import main

    before = fingerprint(project)
    capsys.readouterr()
    assert main(["translate", "import", "--project", str(project), *map(str, files)]) == 2
    err = capsys.readouterr().err
    assert fingerprint(project) == before
    assert err.rstrip().endswith("nothing was written.")
    return [line.removeprefix("error: ") for line in err.splitlines() if line.startswith("error: ")]


def shown(project: Path, path: Path) -> str:
    return str(path.relative_to(project))


def test_a_target_too_long_for_its_frame(project, returned, capsys):
    xlf = returned()
    limit = int(units(xlf)["ambition"].get(q("sizeRestriction", SLR)))
    fill(xlf, {**sample_ja(), "ambition": "新" * (limit + 7)})
    (line,) = refused(project, xlf, capsys=capsys)
    assert line == (f"{shown(project, xlf)}:{line_of(xlf, 'ambition')}: unit 'ambition': the target is {limit + 7} "
                    f"characters long, 7 over its size restriction of {limit}")


def test_an_unknown_unit_id_with_the_one_meant(project, returned, capsys):
    xlf = returned()
    fill(xlf, sample_ja())
    tree = etree.parse(str(xlf))
    unit = next(u for u in tree.iter(q("unit")) if u.get("id") == "plan.measures.0")
    unit.set("id", "plan.measure.0")
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    (line,) = refused(project, xlf, capsys=capsys)
    assert line == (f"{shown(project, xlf)}:{line_of(xlf, 'plan.measure.0', 'unit')}: unit 'plan.measure.0': no such "
                    f"text in data/landmarks/{SAMPLE_SLUG}.yaml (did you mean 'plan.measures.0'?)")


def test_a_missing_or_empty_target(project, returned, capsys):
    xlf = returned()
    fill(xlf, {**sample_ja(), "plan.measures.0": ""}, keep_others=True)
    lines = refused(project, xlf, capsys=capsys)
    untranslated = [u for u in units(xlf).values() if u.find(f".//{q('target')}") is None
                    and "".join(u.find(f".//{q('source')}").itertext())]
    assert f"{shown(project, xlf)}:{line_of(xlf, 'plan.measures.0')}: unit 'plan.measures.0': the target is empty" in lines
    assert f"{shown(project, xlf)}:{line_of(xlf, 'summary', 'unit')}: unit 'summary': has no target (not translated)" \
        in lines
    assert len(lines) == len(untranslated) + 1
    # a unit the English leaves without a word (14 家 enterprise technology centres) needs none
    assert not any("'key_figures.2.unit'" in ln for ln in lines)


def test_a_tool_s_copy_marked_initial_is_not_a_translation(project, returned, capsys):
    xlf = returned()
    fill(xlf, sample_ja(), state="initial")
    lines = refused(project, xlf, capsys=capsys)
    assert len(lines) == len(sample_ja()) and all("still state 'initial'" in ln for ln in lines)


@pytest.mark.parametrize("slug, targets, unit, said", [
    (IC, {"key_figures.1.value": "300～600", "key_figures.1.unit": "億元"}, "key_figures.1.value",
     "the ja text has '300～600億' where the en text has '30–50 billion'; a translation cannot change a figure"),
    (SAMPLE_SLUG, {**sample_ja(), "key_figures.1.label": "2018年の主要事業収入の伸び率"}, "key_figures.1.label",
     "the ja text has '2018' where the en text has '2019'; a translation cannot change a figure"),
    (SAMPLE_SLUG, {**sample_ja(), "key_figures.0.unit": "万元"}, "key_figures.0.value",
     "the ja text has '50万' where the en text has '5 billion'; a translation cannot change a figure"),
], ids=["range", "year", "scale"])
def test_a_changed_figure(project, returned, capsys, slug, targets, unit, said):
    xlf = returned(slug)
    fill(xlf, targets)
    (line,) = refused(project, xlf, capsys=capsys)
    assert line == f"{shown(project, xlf)}:{line_of(xlf, unit)}: unit '{unit}': {said}"


def test_a_figure_translated_right_passes(project, returned, capsys):
    """The control of the test above: the same units with the figure kept import."""
    from poster_gen.cli import main

    work = copy_project(project.parent / "figure-right")
    shutil.copy(project / f"translations/ja/{IC}.xlf", work / "ic.xlf")
    fill(work / "ic.xlf", {"key_figures.1.value": "300～500", "key_figures.1.unit": "億元"})
    assert main(["translate", "import", "--project", str(work), str(work / "ic.xlf")]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("target, said", [
    ("韓国最大の総合化学企業、世界有数の電池メーカー",
     "the target lacks the line break placeholder(s) lb1 of the source"),
    ("韓国最大の総合化学企業\n世界有数の\n電池メーカー",
     "the target has placeholder(s) lb2 the source does not"),
], ids=["lost", "added"])
def test_a_line_break_placeholder_lost_or_added(project, returned, capsys, target, said):
    xlf = returned()
    fill(xlf, {"quote.about": "韓国最大の総合化学企業\n世界有数の電池メーカー"})
    tree = etree.parse(str(xlf))
    tgt = next(u for u in tree.iter(q("unit")) if u.get("id") == "quote.about").find(f".//{q('target')}")
    ph = tgt[0]
    for child in list(tgt):
        tgt.remove(child)
    lines = target.split("\n")
    tgt.text = lines[0]
    for n, text in enumerate(lines[1:], 1):
        extra = etree.SubElement(tgt, q("ph"), {**ph.attrib, "id": f"lb{n}"})
        extra.tail = text
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    (line,) = refused(project, xlf, capsys=capsys)
    assert line == f"{shown(project, xlf)}:{line_of(xlf, 'quote.about')}: unit 'quote.about': {said}"


def test_the_placeholder_kept_imports_the_line_break(project, capsys):
    from poster_gen.cli import main

    work = project.parent / "line-break"
    shutil.copytree(project, work)
    xlf = work / "about.xlf"
    shutil.copy(project / f"translations/ja/{SAMPLE_SLUG}.xlf", xlf)
    fill(xlf, {"quote.about": "韓国最大の総合化学企業\n世界有数の電池メーカー"})
    assert main(["translate", "import", "--project", str(work), str(xlf)]) == 0, capsys.readouterr().err
    import yaml

    data = yaml.safe_load((work / f"data/landmarks/{SAMPLE_SLUG}.yaml").read_text("utf-8"))
    assert data["quote"]["about"]["ja"] == "韓国最大の総合化学企業\n世界有数の電池メーカー"


def test_not_xliff_2_or_the_wrong_language(project, returned, capsys):
    wrong = returned()
    wrong.write_text(wrong.read_text("utf-8").replace('trgLang="ja"', 'trgLang="fr"'), "utf-8")
    v1 = project / "returned" / "v1.xlf"
    v1.write_text('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                  '<file original="x" source-language="en" datatype="plaintext"><body/></file></xliff>\n', "utf-8")
    broken = project / "returned" / "broken.xlf"
    broken.write_text("\n".join(returned().read_text("utf-8").splitlines()[:30]), "utf-8")
    lines = refused(project, wrong, v1, broken, capsys=capsys)
    assert f"{shown(project, wrong)}:2: trgLang is 'fr'; the data holds translations into ja, ko" in lines
    assert f"{shown(project, v1)}:2: is not an XLIFF 2 file (version '1.2'); export one with poster-gen translate " \
           "export" in lines
    (syntax,) = [ln for ln in lines if ln.startswith(shown(project, broken))]
    assert syntax.startswith(f"{shown(project, broken)}:30: is not well-formed XML: ")
    assert "Traceback" not in syntax


def test_the_english_changed_since_the_export(project, returned, capsys):
    xlf = returned()
    fill(xlf, sample_ja())
    tree = etree.parse(str(xlf))
    src = next(u for u in tree.iter(q("unit")) if u.get("id") == "name").find(f".//{q('source')}")
    src.text = "New-Energy Vehicles"  # as if translated from an older English
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    (line,) = refused(project, xlf, capsys=capsys)
    assert line.startswith(f"{shown(project, xlf)}:{line_of(xlf, 'name', 'unit')}: unit 'name': its source is not "
                           "the English of the field now ('New Energy Vehicles')")


def test_all_files_or_none(project, returned, capsys):
    good, bad = returned(), returned(IC)
    fill(good, sample_ja())
    fill(bad, {"key_figures.1.value": "300～600", "key_figures.1.unit": "億元"})
    lines = refused(project, good, bad, capsys=capsys)
    assert len(lines) == 1 and lines[0].startswith(f"{shown(project, bad)}:")


def test_a_line_break_typed_in_the_target(project, returned, capsys):
    xlf = returned()
    fill(xlf, {"quote.about": "韓国最大の総合化学企業\n世界有数の電池メーカー"})
    tree = etree.parse(str(xlf))
    tgt = next(u for u in tree.iter(q("unit")) if u.get("id") == "quote.about").find(f".//{q('target')}")
    tgt[0].tail = "世界有数の\n電池メーカー"  # the translator pressed Enter
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    (line,) = refused(project, xlf, capsys=capsys)
    assert line == (f"{shown(project, xlf)}:{line_of(xlf, 'quote.about')}: unit 'quote.about': the target has a line "
                    "break typed in its text; a line break of the data is the source's placeholder")


def test_an_export_sent_back_untouched_is_left_out(project, capsys):
    """Importing every file of the folder when the agency translated one: the others
    hold no target and are left out, not refused."""
    from poster_gen.cli import main

    work = copy_project(project.parent / "left-out")
    shutil.copytree(project / "translations", work / "translations")
    fill(work / f"translations/ja/{SAMPLE_SLUG}.xlf", sample_ja())
    before = fingerprint(work)
    files = sorted((work / "translations/ja").glob("*.xlf"))
    assert main(["translate", "import", "--project", str(work), *map(str, files)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    (left,) = [ln for ln in out.splitlines() if ln.startswith("left out, holding no translations: ")]
    assert f"translations/ja/{IC}.xlf" in left and SAMPLE_SLUG not in left
    after = fingerprint(work)
    assert [k for k in after if after[k] != before[k]] == [f"data/landmarks/{SAMPLE_SLUG}.yaml"]


def test_every_problem_is_said_in_chinese_too(project, returned, capsys):
    """The catalogue (messages_zh.yaml) words each import problem in Chinese: what the
    studio and a Chinese-speaking user read."""
    import re

    from poster_gen.messages import translate

    xlf = returned()
    fill(xlf, {**sample_ja(), "ambition": "新" * 99, "plan.measures.0": "", "key_figures.1.label": "2018年の伸び率",
               "quote.about": "韓国最大の総合化学企業、世界有数の電池メーカー"})
    tree = etree.parse(str(xlf))
    next(u for u in tree.iter(q("unit")) if u.get("id") == "name").set("id", "nmae")
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    lines = refused(project, xlf, capsys=capsys)
    assert len(lines) == 5
    for line in lines:
        message = line.split(": ", 1)[1]
        zh = translate(message, "zh")
        assert zh != message and re.search("[\u4e00-\u9fff]", zh), message
        assert not re.search(r"\b(the|target|source|has|is)\b", re.sub(r"'[^']*'", "", zh)), zh
