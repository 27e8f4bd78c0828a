"""Nothing lost: mutated inputs, killed builds, two builds at once, --keep-going."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, copy_project, run_cli
from poster_gen.cli import main

pytestmark = pytest.mark.slow  # whole builds, killed processes: left out of the inner loop

FILES = ["data/landmarks/integrated-circuits.yaml", "data/landmarks/new-medicine-life-health.yaml",
         "data/campaign.yaml", "layouts/themes/artificial-intelligence.yaml"]


@pytest.fixture(scope="module")
def project(tmp_path_factory, built: Path) -> Path:
    """A project copy whose output/ holds a complete earlier build."""
    proj = copy_project(tmp_path_factory.mktemp("robust") / "p")
    for p in built.rglob("*.pdf"):
        dest = proj / "output" / p.relative_to(built)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(p.read_bytes())
    return proj


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
            and not p.name.startswith(".poster-gen")}


def _paths(node, prefix=()):
    """Every key path and list index path in a loaded YAML value."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


def _set(node, path, value=None, delete=False):
    for part in path[:-1]:
        node = node[part]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value


values = st.one_of(st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
                   st.text(max_size=30), st.lists(st.integers(), max_size=3),
                   st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
strange_text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)
long_text = st.text(st.sampled_from("南京产业地标 Nanjing landmark 0123456789"), min_size=200, max_size=3000)


@st.composite
def mutations(draw):
    name = draw(st.sampled_from(FILES))
    text = (ROOT / name).read_text(encoding="utf-8")
    kind = draw(st.sampled_from(["drop", "retype", "unicode", "long", "truncate", "garble"]))
    if kind == "truncate":
        raw = text.encode("utf-8")
        return name, kind, raw[: draw(st.integers(0, len(raw) - 1))]
    if kind == "garble":
        raw = bytearray(text.encode("utf-8"))
        at = draw(st.integers(0, len(raw) - 1))
        raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        return name, kind, bytes(raw)
    data = yaml.safe_load(text)
    paths = list(_paths(data))
    path = draw(st.sampled_from(paths))
    if kind == "drop":
        _set(data, path, delete=True)
    elif kind == "retype":
        _set(data, path, draw(values))
    else:
        strings = [p for p in paths if isinstance(_get(data, p), str)]
        path = draw(st.sampled_from(strings))
        _set(data, path, draw(strange_text if kind == "unicode" else long_text))
    return name, kind, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _get(node, path):
    for part in path:
        node = node[part]
    return node


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations())
def test_mutated_inputs_end_in_success_or_a_clean_exit_2(project: Path, capsys, mutation):
    name, kind, data = mutation
    path = project / name
    original = path.read_bytes()
    before = snapshot(project / "output")
    path.write_bytes(data)
    try:
        code = main(["build", "--project", str(project), "--only", "integrated-circuits"])
    finally:
        path.write_bytes(original)
    out = capsys.readouterr()
    assert code in (0, 2), (kind, out.err)
    assert "Traceback" not in out.err and "internal error" not in out.err, (kind, out.err)
    if code == 2:
        lines = [line for line in out.err.splitlines() if line.strip()]
        assert lines and all(line.startswith("error: ") for line in lines[:-1]), out.err
        assert snapshot(project / "output") == before, "a failed build changed an output"
    assert not list((project / "output").rglob("*.tmp"))


def test_a_build_never_writes_the_data(project: Path):
    before = snapshot(project / "data") | {f"layouts/{k}": v for k, v in snapshot(project / "layouts").items()}
    assert main(["build", "--project", str(project)]) == 0
    after = snapshot(project / "data") | {f"layouts/{k}": v for k, v in snapshot(project / "layouts").items()}
    assert before == after


def _start_build(proj: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "poster_gen", "build", "--project", str(proj)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))


def test_killed_builds_leave_every_output_intact(tmp_path: Path, built: Path):
    """SIGKILL at random moments: each output is the complete old file (identical, since
    the build is reproducible); the next build removes what the killed one left behind."""
    proj = copy_project(tmp_path / "p")
    assert run_cli("build", "--project", str(proj)).returncode == 0
    good = snapshot(proj / "output")
    rng = random.Random(7)
    for _ in range(6):
        proc = _start_build(proj)
        time.sleep(rng.uniform(0.3, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = {k: v for k, v in snapshot(proj / "output").items() if not k.split("/")[-1].startswith(".")}
        assert now == good
    r = run_cli("build", "--project", str(proj))
    assert r.returncode == 0, r.stderr
    assert not list((proj / "output").rglob("*.tmp"))
    assert snapshot(proj / "output") == good


def test_ctrl_c_and_kill_clean_up(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    assert run_cli("build", "--project", str(proj)).returncode == 0
    good = snapshot(proj / "output")
    for n, delay in enumerate((0.15, 0.25, 0.35, 0.5, 0.7, 0.9, 1.1, 1.3, 1.6, 2.0)):
        proc = _start_build(proj)
        time.sleep(delay)  # from the imports to the last file written
        sig = signal.SIGINT if n % 2 else signal.SIGTERM  # Ctrl-C or kill
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        # a clean exit, or (a signal during the interpreter's start, before the handlers are
        # installed: slow under a loaded machine) the signal's own death; either way nothing
        # is lost, as checked below
        assert proc.returncode in (0, 130 if sig == signal.SIGINT else 143, -sig), err
        assert b"Traceback" not in err
        assert not list((proj / "output").rglob("*.tmp"))
        assert snapshot(proj / "output") == good


def test_two_builds_at_once_do_not_corrupt_each_other(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    a, b = _start_build(proj), _start_build(proj)
    out_a, out_b = a.communicate(timeout=300), b.communicate(timeout=300)
    assert a.returncode == 0, out_a[1]
    assert b.returncode == 0, out_b[1]
    first = snapshot(proj / "output")
    assert run_cli("build", "--project", str(proj)).returncode == 0
    assert snapshot(proj / "output") == first  # both wrote whole, identical files
    import pikepdf
    for p in (proj / "output").rglob("*.pdf"):
        pikepdf.open(p).close()


def test_keep_going_writes_the_good_ones_and_reports_the_rest(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    bad = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("theme: integrated-circuits", "theme: nope"),
                   encoding="utf-8")
    r = run_cli("build", "--project", str(proj))
    assert r.returncode == 2
    assert "not written" in r.stdout and "failed" in r.stdout  # the others' status is reported
    assert not list((proj / "output").rglob("*.pdf")) and not list((proj / "output").rglob("*.tmp"))
    r = run_cli("build", "--project", str(proj), "--keep-going")
    assert r.returncode == 2
    written = sorted(p.name for p in (proj / "output" / "posters").glob("*.pdf"))
    assert "integrated-circuits.pdf" not in written and len(written) == 4
    assert "theme: unknown theme 'nope'" in r.stderr
    assert "4 good file(s) written" in r.stderr
