"""Shared fixtures: one real build of the repository's project per test session.

The folders mirror the pipeline (load, fonts, compose, render, finish, preflight,
build, studio) with whole-project runs in e2e/. Everything in e2e/, and the tests
marked ``slow`` elsewhere, are left out by ``pytest -m "not slow"``: the inner loop.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(items):
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of a full build of the repository's project (via the CLI)."""
    from poster_gen.cli import main

    out = tmp_path_factory.mktemp("output")
    assert main(["build", "--project", str(ROOT), "--out", str(out)]) == 0
    return out


def copy_project(dest: Path) -> Path:
    for part in ("data", "layouts", "assets"):
        shutil.copytree(ROOT / part, dest / part)
    return dest


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m poster_gen`` as a user would, in a separate process."""
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "poster_gen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def metrics():
    """Font metrics of the repository project's poster and brochure layouts, by role."""
    from poster_gen.build.glyphs import prepare_layout_fonts, project_text
    from poster_gen.load.project import load_project

    project = load_project(ROOT)
    text = project_text(project)
    return {name: {r: p.metrics for r, p in prepare_layout_fonts(project, name, text).items()}
            for name in ("poster", "brochure")}
