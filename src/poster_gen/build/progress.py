"""Live progress of a build: a bar per output in a terminal, plain lines otherwise."""
from __future__ import annotations

import sys
from typing import TextIO

PHASES = ("queued", "compose", "render", "finish", "preflight", "ready")


class Progress:
    def __init__(self, names: dict[str, str], stream: TextIO | None = None):
        self.names = names  # key -> shown name
        self.stream = stream or sys.stdout
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.state = {k: "queued" for k in names}
        self.width = max((len(n) for n in names.values()), default=10)
        self.drawn = 0

    def __call__(self, key: str, phase: str) -> None:
        if key not in self.state:
            return
        self.state[key] = phase
        if self.tty:
            self._draw()
        elif phase in ("ready", "failed"):
            n = sum(1 for p in self.state.values() if p in ("ready", "failed"))
            print(f"[{n}/{len(self.state)}] {self.names[key]}: {phase}", file=self.stream, flush=True)

    def _draw(self) -> None:
        out = self.stream
        if self.drawn:
            out.write(f"\x1b[{self.drawn}F")  # back to the first bar
        for key, name in self.names.items():
            phase = self.state[key]
            step = PHASES.index(phase) if phase in PHASES else len(PHASES) - 1
            filled = round(20 * step / (len(PHASES) - 1))
            bar = "#" * filled + "-" * (20 - filled)
            out.write(f"\x1b[2K{name:<{self.width}}  [{bar}] {phase}\n")
        self.drawn = len(self.names)
        out.flush()

    def finish(self) -> None:
        if self.tty and self.drawn:  # leave the bars; the summary table follows
            self.stream.flush()
