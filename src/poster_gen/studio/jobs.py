"""Builds started from the studio: the CLI's own `poster-gen build --events --keep-going` (the same
incremental engine, its lock, its preflight, its worker processes kept out of the
server) in a child process, followed through its JSON event stream (commands/events.py)
so the page can show progress. One broken landmark does not stop the export: the good
files are written and offered, the broken one is named with its problems. A failed
build is reported; the server keeps serving.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

@dataclass
class Job:
    id: str
    state: str = "queued"  # queued, running, done, failed
    progress: float = 0.0
    files: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    edition: str = "zh-en"  # the languages it prints (build --lang)

    def as_json(self) -> dict:
        return {"id": self.id, "state": self.state, "progress": round(self.progress, 3), "files": self.files,
                "errors": self.errors, "edition": self.edition}


GOOD = ("written", "up to date")  # a file this export made or found current


class Jobs:
    def __init__(self, root: Path, out: Path):
        self.root, self.out = root, out
        self.exported: list[str] | None = None  # the good files of the last export (the print set)
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, edition: str = "zh-en") -> Job:
        """A build of every output in ``edition`` (already checked against EDITIONS)."""
        job = Job(uuid.uuid4().hex[:12], edition=edition)
        with self._lock:
            self.jobs[job.id] = job
        threading.Thread(target=self._run, args=(job,), daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    @staticmethod
    def _file(job: Job, name: str, status: str) -> None:
        for f in job.files:
            if f["name"] == name:
                f["status"] = status
                return
        job.files.append({"name": name, "status": status, "url": f"/files/{name}"})

    def _run(self, job: Job) -> None:
        job.state = "running"
        cmd = [sys.executable, "-m", "poster_gen", "build", "--events", "--keep-going", "--project", str(self.root),
               "--out", str(self.out), "--lang", job.edition]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        except OSError as exc:
            job.state, job.errors = "failed", [f"cannot start the build: {exc}"]
            return
        tail: list[str] = []  # stderr, kept only to explain a build that died without an event
        reader = threading.Thread(target=lambda: tail.extend(line.rstrip() for line in proc.stderr), daemon=True)
        reader.start()
        for line in proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            self._event(job, event)
        code = proc.wait()
        reader.join(timeout=5)
        job.progress = 1.0
        good = [f["name"] for f in job.files if f["status"] in GOOD]
        # exit 2 with good files: some landmarks are broken, the rest exported (--keep-going)
        job.state = "done" if code == 0 or (code == 2 and good) else "failed"
        if job.state == "done":
            self.exported = good
        if code not in (0, 2) and not job.errors:
            job.errors.append(next((t for t in reversed(tail) if t.startswith(("error:", "internal error:"))),
                                   f"the build stopped (exit code {code})"))

    def _event(self, job: Job, event: dict) -> None:
        kind = event.get("event")
        if kind == "file":  # each file as it is made: the page's list fills while the build runs
            job.progress = event["done"] / max(1, event["total"]) * 0.95
            self._file(job, event["name"], event["status"])
        elif kind == "summary":
            self._file(job, event["name"], event["status"])
        elif kind == "problem":
            job.errors.append(f"error: {event['message']}")
        elif kind in ("warning", "error"):
            message = event["message"]
            job.errors.append(message if message.startswith(("warning:", "error:")) else f"{kind}: {message}")
