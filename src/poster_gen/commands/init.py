"""poster-gen init DIR: a new project folder with example data, layouts and themes."""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from ..errors import InputError, Problem

HELP = "create a new project folder with example data, layouts and themes"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, metavar="DIR", help="the folder to create (must be empty or new)")


def run(args: argparse.Namespace) -> int:
    from ..skeleton import PARTS, example_root

    dest: Path = args.dir
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError([Problem(str(dest), 0, 0, "", "exists and is not empty; choose a new folder")])
    src = example_root()
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        if (src / part).is_dir():
            shutil.copytree(src / part, dest / part, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    (dest / "output").mkdir(exist_ok=True)
    print(f"created {dest}: data/, layouts/, assets/ and output/")
    print(f"next: edit {dest / 'data' / 'landmarks'}/*.yaml, then run: poster-gen build --project {dest}")
    return 0
