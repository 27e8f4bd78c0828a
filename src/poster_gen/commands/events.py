"""`build --events`: the build's progress as one JSON object per line on stdout, for
programs (the studio) rather than people. The printed table is for people and may
change; these events are the interface:

    {"event": "start", "outputs": ["posters/a.pdf", ...]}      the files being made
    {"event": "file", "name": ..., "status": "ready"|"failed", "done": 3, "total": 7}
    {"event": "warning", "message": ...}
    {"event": "problem", "message": ..., "file": ..., "line": ..., "field": ...}
    {"event": "error", "message": ...}                           the build stopped
    {"event": "summary", "name": ..., "status": ..., "pages": ..., "size": ...}  one per output
    {"event": "done", "written": 2, "seconds": 1.3}
"""
from __future__ import annotations

import json


def emit(event: str, **fields) -> None:
    print(json.dumps({"event": event, **fields}, ensure_ascii=False), flush=True)


class Events:
    """The hooks `build()` takes (on_start, progress, warn), written as events."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.finished: set[str] = set()

    def on_start(self, names: dict[str, str]) -> None:
        self.names = dict(names)
        emit("start", outputs=list(names.values()))

    def progress(self, key: str, phase: str) -> None:
        if key in self.names and phase in ("ready", "failed") and key not in self.finished:
            self.finished.add(key)
            emit("file", name=self.names[key], status=phase, done=len(self.finished), total=len(self.names))

    @staticmethod
    def warn(message: str) -> None:
        emit("warning", message=message)

    @staticmethod
    def problems(problems) -> None:
        for p in problems:
            emit("problem", message=str(p), file=p.file, line=p.line, field=p.field)

    @staticmethod
    def error(message: str) -> None:
        emit("error", message=message)

    @staticmethod
    def summary(rows, written: int, seconds: float) -> None:
        """``rows``: (name, status, pages, size) of every output."""
        for name, status, pages, size in rows:
            emit("summary", name=name, status=status, pages=pages, size=size)
        emit("done", written=written, seconds=round(seconds, 3))

