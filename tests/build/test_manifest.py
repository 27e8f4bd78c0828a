"""The build record answers "what changed since the last export" (the studio's cards)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project
from poster_gen.build.manifest import changed_inputs
from poster_gen.cli import main


@pytest.mark.slow
def test_changed_since_the_last_build(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    out = proj / "output"
    assert main(["build", "--project", str(proj), "--only", "integrated-circuits"]) == 0
    name = "posters/integrated-circuits.pdf"
    assert changed_inputs(proj, out, name) == []
    assert changed_inputs(proj, out, "posters/artificial-intelligence.pdf") is None  # never built
    path = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n", encoding="utf-8")
    assert changed_inputs(proj, out, name) == ["data/landmarks/integrated-circuits.yaml"]
    (proj / "data" / "landmarks" / "software-information-services.yaml").unlink()
    assert "listing:data/landmarks" in changed_inputs(proj, out, name)
