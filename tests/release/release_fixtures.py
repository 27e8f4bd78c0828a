"""A built project per test module (the example project with quantities in its campaign
data, built in every format once), and a fresh copy of it per test: releases, edits
and kills in one test never meet another's. Imported by the test modules (one conftest
per suite: tests/conftest.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_project
from poster_gen.cli import main

QUANTITIES = "\nquantities: {brochure: 2000, new-energy-vehicles: 300, new-energy-vehicle: 5}\n"  # the last: a typo


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    proj = copy_project(tmp_path_factory.mktemp("release-base") / "p")
    with open(proj / "data" / "campaign.yaml", "a", encoding="utf-8") as fh:
        fh.write(QUANTITIES)
    assert main(["build", "--project", str(proj), "--format", "all"]) == 0
    return proj


@pytest.fixture
def proj(built_project: Path, tmp_path: Path) -> Path:
    """A copy of the built project, output folder and build record included."""
    dest = tmp_path / "p"
    shutil.copytree(built_project, dest)
    return dest


def release_folder(proj: Path, n: int) -> Path:
    found = [p for p in (proj / "releases").iterdir() if p.name.startswith(f"{n}-")]
    assert len(found) == 1, found
    return found[0]


def stderr_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]
