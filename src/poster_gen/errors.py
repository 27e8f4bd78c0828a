"""Errors are values with a location. Every stage collects ``Problem``s and raises one
``InputError`` carrying all of them; the CLI prints each once, as one line, and exits 2.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path as shown to the user (relative to the project when possible)
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    field: str  # dotted path inside the file, e.g. "key_figures[2].label.en"
    message: str  # what is wrong (what was expected)

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
