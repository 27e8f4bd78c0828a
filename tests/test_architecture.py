"""The package's shape: stages import only upstream, and no module imports itself round.

Every import counts, the ones inside functions too (they are kept there for a fast
no-op build, not to hide a dependency). The pipeline order, left to right:

    shared -> load -> fonts -> compose -> render -> finish -> preflight -> build -> release
    -> commands, studio -> cli
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "poster_gen"

#: Each top-level module or package of poster_gen and its place in the pipeline.
STAGES = {
    # shared by every stage: errors, units and print rules, the page model, the disk cache, workers
    "": 0, "errors": 0, "units": 0, "print_rules": 0, "colour": 0, "page_model": 0, "disk_cache": 0,
    "atomic": 0, "parallel": 0, "suggest": 0, "example_project": 0, "lazy": 0, "tool_identity": 0,
    "messages": 0,  # the catalogue of problem messages in each language
    "pdfx_standards": 0,  # the PDF/X standards table: loader, build, finish and preflight read it
    "load": 1,
    "fonts": 2,
    "compose": 3,
    "render": 4,
    "finish": 5,
    "preflight": 6,
    "build": 7,
    "release": 8, "translate": 8,  # releases, proofs and reprints; the translation round trip (composes for sizes)
    "commands": 9, "studio": 9,
    "cli": 10, "__main__": 10,
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path) -> set[str]:
    """The poster_gen modules ``name`` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                whole = f"{target}.{alias.name}"
                found.add(whole if whole in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(module: str) -> tuple[str, int]:
    top = module.split(".")[1] if "." in module else ""
    assert top in STAGES, f"{module}: a top-level module or package without a place in STAGES"
    return top, STAGES[top]


def test_every_module_has_a_place_in_the_pipeline():
    for name in MODULES:
        _stage(name)


def test_stages_import_only_upstream():
    wrong = []
    for name, targets in sorted(GRAPH.items()):
        top, rank = _stage(name)
        for target in sorted(targets):
            their_top, their_rank = _stage(target)
            if their_rank > rank or (their_rank == rank and their_top != top and rank == 0 and top == ""):
                wrong.append(f"{name} -> {target}")
    assert not wrong, "imports against the pipeline order:\n" + "\n".join(wrong)


def test_no_import_cycles():
    """Tarjan's strongly connected components: any with two or more modules is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                cycles.append(sorted(part))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


@pytest.mark.parametrize("stage", ["load", "fonts", "compose", "render", "finish", "preflight"])
def test_the_checker_sees_what_it_should(stage):
    """The graph is not empty by mistake: the build package imports every stage before it."""
    build = set().union(*(t for n, t in GRAPH.items() if n.startswith("poster_gen.build")))
    assert any(t.startswith(f"poster_gen.{stage}") for t in build)


def test_the_loader_and_the_composer_know_the_same_names():
    """The loader checks names against ``load.vocabulary``; the composer draws and
    composes them: every motif spec has its drawing and every region kind its composer,
    and nothing is drawn or composed that the loader would refuse."""
    from poster_gen.compose.regions import REGISTRY
    from poster_gen.compose.motifs import MOTIFS
    from poster_gen.load.vocabulary import MOTIF_SPECS, REGION_KINDS

    assert sorted(MOTIFS) == sorted(MOTIF_SPECS)
    assert all(MOTIFS[n].spec is MOTIF_SPECS[n] for n in MOTIFS)
    assert sorted(REGISTRY) == sorted(REGION_KINDS)


FRONTS = ["load", "compose", "render", "finish", "build"]


@pytest.mark.parametrize("stage", FRONTS)
def test_each_stage_names_its_entry_points(stage: str):
    import importlib

    pkg = importlib.import_module(f"poster_gen.{stage}")
    assert pkg.__all__ and pkg.__doc__
    for name in pkg.__all__:
        assert getattr(pkg, name) is not None, f"{stage}.{name}"


def test_front_modules_import_only_the_standard_library():
    """Naming the entry points costs nothing: the no-op build imports these packages."""
    import subprocess
    import sys

    code = ("import sys; import " + ", ".join(f"poster_gen.{s}" for s in FRONTS) + "; "
            "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in "
            "('reportlab', 'PIL', 'yaml', 'pikepdf', 'fontTools', 'pypdfium2', 'jieba', 'ruamel')}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
