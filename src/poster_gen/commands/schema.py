"""poster-gen schema DIR: JSON Schemas of the project files, for editors and tools.

Point an editor at them (yaml-language-server reads a ``# yaml-language-server:
$schema=...`` first line, which ``poster-gen init`` writes) to get completion, hover
help and errors while typing. They are generated from the loader's own models, so
they never drift from what ``poster-gen check`` accepts.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import InputError, Problem

HELP = "write JSON Schemas of the landmark, campaign, layout and theme files into DIR"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, metavar="DIR", help="the folder to write them into (created if missing)")


def run(args: argparse.Namespace) -> int:
    from ..load.json_schema import write_schemas

    dest: Path = args.dir
    if dest.exists() and not dest.is_dir():
        raise InputError([Problem(str(dest), 0, 0, "", "is a file; give a folder")])
    for path in write_schemas(dest):
        print(f"wrote {path}")
    return 0
