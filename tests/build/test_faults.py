"""The machine's faults: killed builds and their workers, Ctrl-C, the output lock, folders
that cannot be written, a full disk, stale temporary files, misused --jobs, preflight of
what is not a PDF. Each is the user's (or their machine's) to fix: one line, exit 2,
nothing temporary left behind.

The file-system faults are real: a read-only bind mount, a full tmpfs and an immutable
folder when the tests run as root (chmod does not stop root), a folder without write
permission otherwise; each skips with its reason where it cannot be set up.
"""
from __future__ import annotations

import errno
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from poster_gen.cli import main
from poster_gen.errors import InputError, MachineError, machine_error
from poster_gen.build.lock import LOCK_NAME, output_lock, pid_alive
from poster_gen.parallel import fork_map

pytestmark = pytest.mark.slow  # whole builds, killed processes: left out of the inner loop

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
LINUX = sys.platform.startswith("linux")
needs_proc = pytest.mark.skipif(not LINUX, reason="finds worker processes through /proc (Linux)")


# -- helpers -------------------------------------------------------------------------------

@pytest.fixture()
def proj(tmp_path: Path) -> Path:
    """A project copy with a complete build in output/."""
    p = copy_project(tmp_path / "p")
    r = run_cli("build", "--project", str(p))
    assert r.returncode == 0, r.stderr
    return p


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.tmp"))


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("error", "internal error"))]


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def start_build(proj: Path, *extra: str, new_session: bool = False) -> tuple[subprocess.Popen, list[int]]:
    """A ``build --force`` caught while its worker processes run: (process, worker pids)."""
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-m", "poster_gen", "build", "--force", "--project", str(proj),
                                 *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=new_session)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            kids = children(proc.pid)
            if kids:
                return proc, kids
            time.sleep(0.003)
        proc.communicate()
    pytest.fail("the build never started a worker process")


def wait_gone(pids: list[int], seconds: float = 5.0) -> list[int]:
    """The processes of ``pids`` still running after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(pid_alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if pid_alive(p)]


def kill_all(pids: list[int]) -> None:
    for p in pids:
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass


HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.pwrite(fd, (sys.argv[2] if sys.argv[2] != "self" else str(os.getpid())).encode(), 0)
print("held", flush=True)
time.sleep(300)
"""


@contextmanager
def lock_held(folder: Path, recorded_pid: int | None = None):
    """Another process holding ``folder``'s output lock, recording ``recorded_pid`` as the
    holder (default: itself, a live build; a dead pid: the orphans of a killed build)."""
    folder.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder / LOCK_NAME),
                               "self" if recorded_pid is None else str(recorded_pid)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def dead_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


@contextmanager
def mounted(*args: str):
    """Run ``mount`` (root only); skip the test with the reason when it cannot."""
    if not ROOT_USER:
        pytest.skip("needs root to mount a tmpfs or a read-only bind mount")
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    r = subprocess.run(["mount", *args], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"mount {' '.join(args)} failed: {r.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", args[-1]], capture_output=True)


# -- 1. a killed build takes its workers with it; a dead holder's lock is taken at once ----

@needs_proc
def test_kill_9_of_the_build_kills_its_workers_and_the_next_build_goes_at_once(proj: Path):
    proc, workers = start_build(proj)
    proc.send_signal(signal.SIGKILL)  # as the out-of-memory killer does
    proc.wait()
    proc.stdout.close()  # not communicate(): workers that outlived it would hold the pipes
    proc.stderr.close()
    try:
        assert wait_gone(workers) == [], "workers outlived the killed build"
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "poster_gen", "build", "--force", "--project", str(proj)],
                           capture_output=True, text=True, timeout=90)
        assert r.returncode == 0, r.stderr
        assert "waiting for another" not in r.stderr
        assert time.monotonic() - t0 < 60
    finally:
        kill_all(workers)


@needs_proc
def test_kill_of_the_build_alone_stops_its_workers_and_leaves_nothing(proj: Path):
    """SIGTERM to the build only (not its process group): it stops its workers, which
    remove what they were writing; no temporary file, every output as it was."""
    good = outputs(proj / "output")
    proc, workers = start_build(proj)
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, 143), err
        assert wait_gone(workers) == []
        assert temporaries(proj / "output") == []
        assert outputs(proj / "output") == good
    finally:
        kill_all(workers)


@needs_proc
def test_a_killed_worker_costs_time_not_the_build(proj: Path):
    good = outputs(proj / "output")
    proc, workers = start_build(proj)
    os.kill(workers[0], signal.SIGKILL)  # one worker dies (out of memory): the build finishes without it
    try:
        out, err = proc.communicate(timeout=300)
    finally:
        kill_all(workers)
    assert proc.returncode == 0, err.decode()
    assert b"internal error" not in err
    assert outputs(proj / "output") == good and temporaries(proj / "output") == []


def test_a_lock_whose_holder_is_gone_is_taken_over_at_once(proj: Path):
    """Workers of a build killed by an older poster-gen still hold the lock, which
    records the dead build's pid: the next build does not wait 120 s for it."""
    with lock_held(proj / "output", dead_pid()):
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "poster_gen", "build", "--force", "--project", str(proj)],
                           capture_output=True, text=True, timeout=90)
        assert r.returncode == 0, r.stderr
        assert time.monotonic() - t0 < 60
        assert "waiting for another" not in r.stderr


def test_workers_do_not_hold_the_output_lock(tmp_path: Path):
    lock = str(tmp_path / LOCK_NAME)

    def lock_fds() -> int:  # in the worker: its descriptors open on the lock file
        fds = os.listdir("/proc/self/fd") if LINUX else []
        return sum(1 for fd in fds if os.path.realpath(f"/proc/self/fd/{fd}") == lock)

    if not LINUX:
        pytest.skip("lists descriptors through /proc (Linux)")
    with output_lock(tmp_path):
        results = fork_map([lock_fds, lock_fds], 2)
        assert results == [(True, 0), (True, 0)]
        import fcntl

        fd = os.open(lock, os.O_RDONLY)  # and the build still holds it
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)


# -- 2. Ctrl-C: one message ----------------------------------------------------------------

@needs_proc
def test_ctrl_c_is_reported_once_and_leaves_nothing(proj: Path):
    good = outputs(proj / "output")
    proc, workers = start_build(proj, new_session=True)
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal does: the whole process group
    try:
        _, err = proc.communicate(timeout=60)
        text = err.decode()
        assert proc.returncode in (0, 130), text
        if proc.returncode == 130:
            assert text.count("interrupted") == 1, text
        assert "Traceback" not in text and "KeyboardInterrupt" not in text
        assert wait_gone(workers) == []
        assert temporaries(proj / "output") == []
        assert outputs(proj / "output") == good
    finally:
        kill_all(workers)


# -- 7. another build holding the folder is not our bug ------------------------------------

def test_a_live_holder_is_waited_for_then_named_exit_2(tmp_path: Path):
    with lock_held(tmp_path) as holder:
        t0 = time.monotonic()
        with pytest.raises(MachineError) as caught:
            with output_lock(tmp_path, wait=0.5):
                pass
        assert time.monotonic() - t0 >= 0.5
    assert isinstance(caught.value, InputError)  # exit code 2
    line = str(caught.value.problems[0])
    assert f"pid {holder.pid}" in line and str(tmp_path) in line and "try again" in line


# -- 3. the machine's faults: one line naming the folder, exit 2, no temporary file ---------

@pytest.mark.parametrize("where", ["file", "file/sub"])
def test_out_pointing_at_a_file(tmp_path: Path, where: str):
    proj = copy_project(tmp_path / "p")
    (tmp_path / "file").write_text("not a folder")
    r = run_cli("build", "--project", str(proj), "--out", str(tmp_path / where))
    assert r.returncode == 2, r.stderr
    assert error_lines(r.stderr) == [f"error: {tmp_path / 'file'}: is a file, not a folder; "
                                     "give --out a folder, or move the file away"]
    assert (tmp_path / "file").read_text() == "not a folder"


def _refused(r: subprocess.CompletedProcess, folder: Path, *words: str) -> None:
    assert r.returncode == 2, r.stderr
    lines = error_lines(r.stderr)
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"error: {folder}"), lines[0]
    assert all(w in lines[0] for w in words), lines[0]
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(ROOT_USER, reason="root writes through chmod 0o555; the read-only mount test covers it")
def test_output_folder_without_write_permission(proj: Path):
    out = proj / "output"
    good = outputs(out)
    folders = [out, out / "posters"]
    for f in folders:
        f.chmod(0o555)
    try:
        r = run_cli("build", "--project", str(proj), "--force")
    finally:
        for f in folders:
            f.chmod(0o755)
    _refused(r, out, "permission denied", "--out")
    assert outputs(out) == good and temporaries(out) == []


def test_output_folder_on_a_read_only_file_system(proj: Path):
    out = proj / "output"
    good = outputs(out)
    with mounted("--bind", str(out), str(out)):
        r = subprocess.run(["mount", "-o", "remount,bind,ro", str(out)], capture_output=True, text=True)
        if r.returncode:
            pytest.skip(f"cannot remount read-only: {r.stderr.strip()}")
        r = run_cli("build", "--project", str(proj), "--force")
    _refused(r, out, "read-only", "--out")
    assert outputs(out) == good and temporaries(out) == []


def test_an_immutable_posters_folder(proj: Path):
    if not ROOT_USER or shutil.which("chattr") is None:
        pytest.skip("needs root and chattr to make a folder immutable")
    out = proj / "output"
    good = outputs(out)
    posters = out / "posters"
    if subprocess.run(["chattr", "+i", str(posters)], capture_output=True).returncode:
        pytest.skip("this file system does not take chattr +i")
    try:
        r = run_cli("build", "--project", str(proj), "--force")
    finally:
        subprocess.run(["chattr", "-i", str(posters)], check=True)
    _refused(r, posters, "cannot be written", "chattr -i", "--out")
    assert outputs(out) == good and temporaries(out) == []


@pytest.mark.parametrize("filled", [False, True], ids=["nearly-full", "full"])
def test_a_full_disk_names_the_folder_and_the_space_needed(tmp_path: Path, filled: bool):
    proj = copy_project(tmp_path / "p")
    disk = tmp_path / "disk"
    disk.mkdir()
    with mounted("-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)):
        if filled:
            with open(disk / "filler", "wb") as fh:
                try:
                    fh.write(b"\0" * 400_000)
                except OSError as err:
                    assert err.errno == errno.ENOSPC
        r = run_cli("build", "--project", str(proj), "--out", str(disk))
        assert temporaries(disk) == []
        assert not list(disk.rglob("*.pdf"))
    _refused(r, disk, "no space left", "needs about", "--out")
    assert any(unit in error_lines(r.stderr)[0] for unit in (" KB", " MB"))


def test_machine_faults_are_the_users_to_fix_and_cross_processes():
    cases = {errno.ENOSPC: "no space left", errno.EROFS: "read-only", errno.EACCES: "cannot be written",
             errno.EPERM: "chattr -i", errno.EIO: "check the device"}
    for code, words in cases.items():
        fault = machine_error(OSError(code, os.strerror(code)), "/some/folder")
        assert isinstance(fault, MachineError) and isinstance(fault, InputError)
        assert str(fault.problems[0]).startswith("/some/folder: ") and words in str(fault.problems[0])
        back = pickle.loads(pickle.dumps(fault))  # raised in a worker, re-raised in the build
        assert type(back) is MachineError and back.problems == fault.problems
    assert "about 2.0 MB" in str(machine_error(OSError(errno.ENOSPC, "full"), "/f", 2 * 1024 * 1024, "b.pdf"))
    assert machine_error(FileNotFoundError(errno.ENOENT, "gone", "/x")) is None  # may be ours: internal
    assert machine_error(ValueError("bug")) is None


# -- 4. stale temporary files are swept on every path --------------------------------------

def test_every_build_sweeps_what_a_killed_build_left_unless_one_is_running(proj: Path):
    out = proj / "output"
    (out / "screen").mkdir()
    stale = [out / ".brochure.pdf.k1ll3d.tmp", out / "posters" / ".integrated-circuits.pdf.x.tmp",
             out / "screen" / ".brochure.pdf.y.tmp"]

    def leave() -> None:
        for p in stale:
            p.write_bytes(b"half a PDF")

    leave()
    with lock_held(out):  # a build is running: its temporaries are live
        r = run_cli("build", "--project", str(proj))
        assert r.returncode == 0 and "nothing to do" in r.stdout, r.stderr
        assert all(p.exists() for p in stale)
    r = run_cli("build", "--project", str(proj))  # the no-op fast path
    assert r.returncode == 0 and "nothing to do" in r.stdout, r.stderr
    assert temporaries(out) == []
    leave()  # a build that stops at a mistake in the data
    bad = proj / "data" / "campaign.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "\n: [\n", encoding="utf-8")
    r = run_cli("build", "--project", str(proj))
    assert r.returncode == 2, r.stderr
    assert temporaries(out) == []


# -- 5. --jobs -------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["-2", "-1", "x", "1.5", ""])
def test_jobs_must_be_a_number_of_processes(tmp_path: Path, value: str):
    r = run_cli("build", "--project", str(tmp_path), "--jobs", value)
    assert r.returncode == 2
    assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("error: ") and "--jobs" in r.stderr, r.stderr
    assert "one per core" in r.stderr


def test_jobs_0_is_one_per_core_as_the_help_says(proj: Path):
    assert "0: one per core" in " ".join(run_cli("build", "--help").stdout.split())
    r = run_cli("build", "--project", str(proj), "--jobs", "0")
    assert r.returncode == 0, r.stderr


# -- 6. preflight of what is not a PDF -------------------------------------------------------

@pytest.mark.parametrize("name, content, words", [
    ("picture.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "not a PDF (it is a PNG image)"),
    ("notes.pdf", b"Dear printer,\nplease print this.\n", "not a PDF"),
    ("empty.pdf", b"", "not a PDF (the file is empty)"),
    ("cut.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "not a PDF"),
    ("missing.pdf", None, "not found"),
    ("folder.pdf", "dir", "is a folder"),
])
def test_preflight_of_what_is_not_a_pdf_is_one_line_exit_2(tmp_path: Path, capsys, name, content, words):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    assert main(["preflight", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [err.splitlines()[0]] and err.startswith(f"error: {path}: "), err
    assert words in err
    assert not any(w in err for w in ("internal error", "pikepdf", "qpdf", "trailer"))


def test_preflight_checks_the_good_files_and_names_the_bad_one(tmp_path: Path, built: Path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_text("hello")
    good = built / "brochure.pdf"
    assert main(["preflight", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"error: {bad}: not a PDF (it does not start with %PDF-)"]
    assert captured.out.splitlines()[-1] == "1 passed, 0 failed, 1 not checked"


def test_preflight_without_outputs_says_to_build_first(tmp_path: Path, capsys):
    assert main(["preflight", "--project", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"error: {tmp_path / 'output'}: not found; build first (poster-gen build), "
                                "or name the PDFs to check"]
