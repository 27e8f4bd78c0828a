"""`build --events`: the machine-readable progress stream the studio reads instead of
the printed table (one JSON object per line on stdout)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_project, run_cli


def events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.slow
def test_events_follow_a_build_then_a_no_op(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    r = run_cli("build", "--events", "--project", str(proj), "--only", "integrated-circuits")
    assert r.returncode == 0, r.stderr
    got = events(r.stdout)  # every stdout line is JSON: nothing else is printed
    kinds = [e["event"] for e in got]
    assert kinds[0] == "start" and kinds[-1] == "done"
    (start,) = [e for e in got if e["event"] == "start"]
    files = [e for e in got if e["event"] == "file"]
    assert sorted(f["name"] for f in files) == sorted(start["outputs"])
    assert [f["done"] for f in files] == list(range(1, len(files) + 1))
    rows = {e["name"]: e for e in got if e["event"] == "summary"}
    assert rows["posters/integrated-circuits.pdf"]["status"] == "written"
    assert rows["posters/integrated-circuits.pdf"]["pages"] == 1
    assert got[-1]["written"] == len(start["outputs"])

    again = run_cli("build", "--events", "--project", str(proj), "--only", "integrated-circuits")
    assert again.returncode == 0, again.stderr
    rows = [e for e in events(again.stdout) if e["event"] == "summary"]
    assert rows and all(e["status"] == "up to date" for e in rows)


@pytest.mark.slow
def test_events_name_each_problem_with_its_place(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    path = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("order: ", "order: x", 1), encoding="utf-8")
    r = run_cli("build", "--events", "--project", str(proj))
    assert r.returncode == 2
    problems = [e for e in events(r.stdout) if e["event"] == "problem"]
    assert problems and problems[0]["file"].endswith("integrated-circuits.yaml")
    assert problems[0]["field"] == "order" and problems[0]["line"] > 0
    assert "error:" in r.stderr  # people still read the one printer on stderr
