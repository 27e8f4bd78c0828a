"""Shared fixtures: one real build of the repository's project per test session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
