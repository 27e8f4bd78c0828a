"""`poster-gen watch`: file events, the edited poster first, the same bytes as a build."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import copy_project, run_cli

SLUG = "integrated-circuits"


class Watch:
    """A `poster-gen watch` process and the lines it printed (stdout and stderr)."""

    def __init__(self, project: Path, *args: str, env: dict | None = None):
        self.proc = subprocess.Popen([sys.executable, "-m", "poster_gen", "watch", "--project", str(project), *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env=dict(os.environ, **(env or {})))
        self.lines: list[str] = []
        self.incoming: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [self.incoming.put(x) for x in self.proc.stdout], daemon=True).start()

    def wait_for(self, text: str, timeout: float = 30) -> list[str]:
        """The lines up to and including the first (not yet seen) one containing ``text``."""
        start, seen = time.monotonic(), []
        while time.monotonic() - start < timeout:
            try:
                line = self.incoming.get(timeout=0.2)
            except queue.Empty:
                continue
            self.lines.append(line)
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"{text!r} not seen in:\n{''.join(self.lines)}")

    def stop(self, sig: int = signal.SIGINT) -> int:
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=20)
        self.wait_for("stopped watching")
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    proj = copy_project(tmp_path / "p")
    r = run_cli("build", "--project", str(proj))
    assert r.returncode == 0, r.stderr
    return proj


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))
            if "previews" not in p.parts}


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


@pytest.mark.slow
def test_watch_rebuilds_on_save_reports_errors_and_stops_cleanly(project: Path):
    """A save rebuilds the landmark's poster first, then the brochure, and the files are
    the bytes `poster-gen build` makes; a mistake is reported and the watch goes on;
    Ctrl-C stops it with nothing left behind."""
    out = project / "output"
    lm = project / "data" / "landmarks" / f"{SLUG}.yaml"
    text = lm.read_text(encoding="utf-8")
    before = pdfs(out)
    w = Watch(project, "--previews")
    try:
        w.wait_for("watching data/, layouts/, assets/")
        lm.write_text(text.replace('- value: "200+"', '- value: "220+"'), encoding="utf-8")
        round_ = w.wait_for("watching (")
        printed = "".join(round_)
        assert f"changed: data/landmarks/{SLUG}.yaml" in printed
        assert "previews refreshed" in printed
        # the poster alone first (its own summary), then the rest
        mine = next(i for i, x in enumerate(round_) if x.startswith(f"posters/{SLUG}.pdf") and "written" in x)
        brochure = next(i for i, x in enumerate(round_) if x.startswith("brochure.pdf") and "written" in x)
        assert mine < brochure
        assert (out / "posters" / f"{SLUG}.pdf").stat().st_mtime_ns < (out / "brochure.pdf").stat().st_mtime_ns
        assert f"{SLUG} in " in round_[-1] and "the rest in " in round_[-1]
        now = pdfs(out)
        assert {k for k in now if now[k] != before[k]} == {f"posters/{SLUG}.pdf", "brochure.pdf"}
        # the same bytes as one build of the same inputs
        r = run_cli("build", "--project", str(project), "--out", str(project / "fresh"))
        assert r.returncode == 0, r.stderr
        assert pdfs(project / "fresh") == now

        lm.write_text(text.replace("order: 2", "order: [2"), encoding="utf-8")  # a mistake
        printed = "".join(w.wait_for("watching ("))
        assert "YAML syntax error" in printed and "Still watching" in printed
        assert pdfs(out) == now  # nothing written
        assert w.proc.poll() is None
        lm.write_text(text, encoding="utf-8")  # fixed
        printed = "".join(w.wait_for("watching ("))
        assert f"posters/{SLUG}.pdf" in printed and "written" in printed
        assert pdfs(out) == before
        assert w.stop() == 0
        assert temporaries(out) == []
    finally:
        w.kill()


@pytest.mark.slow
def test_a_shared_file_rebuilds_everything_in_one_build(project: Path):
    """A theme, the campaign or a layout is no one landmark's: one build of everything
    (here with nothing to do: the same bytes were saved again). SIGTERM stops it too."""
    w = Watch(project)
    try:
        w.wait_for("watching data/")
        campaign = project / "data" / "campaign.yaml"
        campaign.write_bytes(campaign.read_bytes())
        round_ = w.wait_for("watching (")
        assert "changed: data/campaign.yaml" in "".join(round_)
        assert round_[-1].startswith("watching (done in ")
        assert w.stop(signal.SIGTERM) == 0
    finally:
        w.kill()


@pytest.mark.slow
def test_polling_when_asked(project: Path):
    """`--poll` (and WATCHFILES_FORCE_POLLING) look at the folders every --interval seconds."""
    lm = project / "data" / "landmarks" / f"{SLUG}.yaml"
    text = lm.read_text(encoding="utf-8")
    w = Watch(project, "--interval", "0.1", env={"WATCHFILES_FORCE_POLLING": "1"})
    try:
        w.wait_for("by looking every 0.1 s")
        lm.write_text(text.replace('- value: "200+"', '- value: "230+"'), encoding="utf-8")
        printed = "".join(w.wait_for("watching ("))
        assert f"changed: data/landmarks/{SLUG}.yaml" in printed and "written" in printed
        assert w.stop() == 0
    finally:
        w.kill()


def test_a_saved_landmark_goes_first(tmp_path: Path):
    from poster_gen.build.warm import landmark_slug, stages

    root = copy_project(tmp_path / "p")
    known = {"integrated-circuits", "artificial-intelligence"}
    ic = f"data/landmarks/{SLUG}.yaml"
    assert landmark_slug(root, ic) == SLUG
    assert landmark_slug(root, str(root / ic)) == SLUG
    assert landmark_slug(root, "data/campaign.yaml") is None
    assert landmark_slug(root, "data/landmarks/notes.txt") is None
    assert stages(root, [ic], [], known) == [[SLUG], []]
    assert stages(root, [str(root / ic)], ["brochure", SLUG], known) == [[SLUG], ["brochure", SLUG]]
    assert stages(root, [ic], [SLUG], known) == [[SLUG]]  # that poster is all that is watched
    assert stages(root, [ic], ["artificial-intelligence"], known) == [["artificial-intelligence"]]
    assert stages(root, [ic, "layouts/poster.yaml"], [], known) == [[]]  # shared: everything at once
    (root / "data" / "landmarks" / "new-one.yaml").write_text("order: 9\n", encoding="utf-8")
    assert stages(root, ["data/landmarks/new-one.yaml"], [], known) == [[]]  # the series changes
    (root / ic).unlink()
    assert stages(root, [ic], [], known) == [[]]  # deleted: the series changes


def test_events_unless_polling_is_asked_for_or_watchfiles_is_missing(monkeypatch):
    from poster_gen.commands.watch import _can_follow_events

    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    assert _can_follow_events()
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "false")
    assert _can_follow_events()
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")
    assert not _can_follow_events()
    monkeypatch.delenv("WATCHFILES_FORCE_POLLING")
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # not installed
    assert not _can_follow_events()
