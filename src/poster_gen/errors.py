"""Errors are values with a location. Every stage collects ``Problem``s and raises one
``InputError`` carrying all of them; the CLI prints each once, as one line, and exits 2.
"""
from __future__ import annotations

from pathlib import Path


class Problem:
    """One thing to fix: where (file, line, column, field) and what.

    A plain class rather than a dataclass: the CLI imports this module on every run,
    including the no-op build that must stay cheap.
    """

    __slots__ = ("file", "line", "column", "field", "message")

    def __init__(self, file: str, line: int, column: int, field: str, message: str):
        self.file = file  # path as shown to the user (relative to the project when possible)
        self.line = line  # 1-based; 0 when unknown
        self.column = column  # 1-based; 0 when unknown
        self.field = field  # dotted path inside the file, e.g. "key_figures[2].label.en"
        self.message = message  # what is wrong (what was expected)

    def _key(self) -> tuple:
        return (self.file, self.line, self.column, self.field, self.message)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __lt__(self, other: "Problem") -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Problem{self._key()!r}"

    def __getstate__(self):
        return self._key()

    def __setstate__(self, state) -> None:
        self.file, self.line, self.column, self.field, self.message = state

    def __str__(self) -> str:
        loc = self.file
        if self.line:
            loc += f":{self.line}"
            if self.column:
                loc += f":{self.column}"
        return f"{loc}: {self.field}: {self.message}" if self.field else f"{loc}: {self.message}"


class InputError(Exception):
    """Invalid input: one or more problems the user can fix. Exit code 2."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """A build step failed for a reason that is not the user's input. Exit code 1."""


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to the project root when it lies inside it."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)
