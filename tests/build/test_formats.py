"""The output formats are one table, and every file name comes from ``output_name``:
the build, its no-op fast path and ``impose`` cannot disagree about a name."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from poster_gen.build.formats import BROCHURE, CHOICES, FORMATS, output_name
from poster_gen.build.options import PrintOptions
from poster_gen.build.plan import plan_outputs
from poster_gen.load.project import load_project


def test_every_name_of_every_format():
    ic = "integrated-circuits"
    assert output_name("print", ic) == "posters/integrated-circuits.pdf"
    assert output_name("print", ic, ".zh", "A1") == "posters/integrated-circuits-A1.zh.pdf"
    assert output_name("print", BROCHURE, ".en", "A1") == "brochure.en.pdf"  # --size scales the posters
    assert output_name("screen", ic, ".zh") == "screen/posters/integrated-circuits.zh.pdf"
    assert output_name("screen", BROCHURE) == "screen/brochure.pdf"
    assert output_name("social-portrait", ic) == "social/integrated-circuits-portrait.png"
    assert output_name("social-story", ic, ".en") == "social/integrated-circuits.en-story.png"
    assert output_name("social-story", BROCHURE) is None
    assert output_name("imposed", BROCHURE, ".zh") == "brochure.zh-imposed.pdf"
    assert output_name("imposed", ic) is None


def test_every_choice_is_rows_of_the_table():
    assert set(CHOICES["all"]) == {n for n, f in FORMATS.items() if f.renderer != "impose"}
    for rows in CHOICES.values():
        assert all(r in FORMATS for r in rows)


@pytest.mark.parametrize("fmt", list(CHOICES))
def test_the_plan_names_each_file_by_the_table(tmp_path: Path, fmt: str):
    project = load_project(ROOT)
    slugs = [lm.slug for lm in project.landmarks]
    options = PrintOptions(size="A1", lang="zh", fmt=fmt)
    plan = plan_outputs(project, tmp_path, slugs, True, options)
    want = {n for row in CHOICES[fmt] for t in [*slugs, BROCHURE] if (n := output_name(row, t, ".zh", "A1"))}
    assert {o.name for o in plan.values()} == want
    assert all(o.path == tmp_path / o.name for o in plan.values())
    assert all(o.layout == FORMATS[o.fmt].layout_for(o.target) for o in plan.values())


@pytest.mark.parametrize("args", [["--size", "A2"], ["--size", "A3", "--lang", "en"], ["--format", "screen"]],
                         ids=["the-layouts-own-size", "another-size-and-edition", "screen"])
@pytest.mark.slow
def test_a_second_identical_build_takes_the_no_op_path(tmp_path: Path, args: list[str]):
    """Measured on the old layout: ``--size A2`` (the layout's own size) wrote
    posters/<slug>.pdf while the fast path looked for -A2 names, so it never took it."""
    common = ["--project", str(ROOT), "--out", str(tmp_path), "--only", "integrated-circuits", *args]
    first = run_cli("build", *common)
    assert first.returncode == 0, first.stderr
    second = run_cli("build", *common)
    assert second.returncode == 0, second.stderr
    assert "nothing to do" in second.stdout, second.stdout
    size = args[1] if args[0] == "--size" else ""
    ed = ".en" if "en" in args else ""
    fmt = "screen" if "screen" in args else "print"
    assert (tmp_path / output_name(fmt, "integrated-circuits", ed, size)).is_file()


def test_file_names_are_made_in_one_place():
    """No module but build/formats.py spells an output's path: the build, the fast path,
    impose, preview and the studio all ask output_name()."""
    import ast

    package = Path(__file__).resolve().parents[2] / "src" / "poster_gen"
    found = []
    for path in package.rglob("*.py"):
        if path.name == "formats.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            parts = node.values if isinstance(node, ast.JoinedStr) else [node]
            for part in parts:
                text = part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else ""
                if text.startswith(("posters/", "screen/", "social/")) or text in ("brochure.pdf", "brochure"):
                    if not isinstance(node, ast.JoinedStr) and text == "brochure":
                        continue  # the word, not a file
                    found.append(f"{path.relative_to(package)}:{node.lineno}: {text!r}")
    assert not found, found
