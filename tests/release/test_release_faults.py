"""Releases under faults, in real processes: two at once never share a number, a kill
mid-release leaves no release (and the next one sweeps what it left), and a build
with less bleed than the house's preflight asks is refused."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli
from poster_gen.cli import main
from release_fixtures import built_project, proj, release_folder, stderr_lines  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow  # real processes, killed ones among them


def _up_to_date(proj: Path) -> None:
    """The build as a fresh process sees it (the tool's code may have changed since this
    process built it: then it is built again, as a user would)."""
    r = run_cli("build", "--project", str(proj), "--format", "all")
    assert r.returncode == 0, r.stderr


def _start_release(proj: Path, note: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "poster_gen", "release", "--project", str(proj), "--note", note],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))


def test_two_releases_at_once_never_share_a_number(proj: Path):
    _up_to_date(proj)
    procs = [_start_release(proj, f"at once {i}") for i in range(3)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [r[1] for r in results]
    numbers = sorted(json.loads((f / "release.json").read_text())["number"]
                     for f in (proj / "releases").iterdir() if not f.name.startswith("."))
    assert numbers == [1, 2, 3]
    notes = {json.loads((release_folder(proj, n) / "release.json").read_text())["note"] for n in numbers}
    assert notes == {"at once 0", "at once 1", "at once 2"}
    for n in numbers:
        assert main(["release", "--project", str(proj), "--verify", str(n)]) == 0


def test_a_kill_mid_release_leaves_no_release_and_the_next_one_sweeps_it(proj: Path, capsys):
    _up_to_date(proj)
    releases = proj / "releases"
    caught = False
    for _ in range(8):  # kill as soon as the temporary folder appears: mid-release
        proc = _start_release(proj, "killed")
        while proc.poll() is None:
            if releases.is_dir() and any(p.name.startswith(".release-") for p in releases.iterdir()):
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.0005)
        proc.communicate(timeout=60)
        if proc.returncode == -signal.SIGKILL:
            caught = True
            break
        for done in [p for p in releases.iterdir() if not p.name.startswith(".")]:  # it finished first: again
            shutil.rmtree(done)
    assert caught, "the release always finished before it could be killed"
    assert [p.name for p in releases.iterdir() if not p.name.startswith(".")] == []  # no release, half or whole
    assert [p for p in releases.iterdir() if p.name.startswith(".release-")]  # what it left, until swept
    r = run_cli("release", "--project", str(proj), "--note", "after")  # a process, as the build was: same code
    assert r.returncode == 0, r.stderr
    assert not [p for p in releases.iterdir() if p.name.startswith(".release-")]
    assert json.loads((release_folder(proj, 1) / "release.json").read_text())["note"] == "after"
    assert main(["release", "--project", str(proj), "--verify", "1"]) == 0


def test_a_build_with_less_bleed_than_preflight_asks_is_not_released(proj: Path, capsys):
    # --bleed 1 builds (the build checks the bleed it was asked for) but the release's preflight is the house's
    assert main(["build", "--project", str(proj), "--format", "all", "--bleed", "1"]) == 0
    capsys.readouterr()
    assert main(["release", "--project", str(proj)]) == 2
    err = stderr_lines(capsys.readouterr().err)
    assert len(err) == 1 and "fails preflight (boxes:" in err[0] and "bleed is 1.00 mm" in err[0], err
    assert not (proj / "releases").exists()
