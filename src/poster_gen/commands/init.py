"""poster-gen init DIR: a new project folder with example data, layouts and themes.

The new project also gets ``schemas/`` (JSON Schemas of its files) and each YAML file
a first line pointing at its schema, so an editor with yaml-language-server offers
completion and flags mistakes while typing, before any build.
"""
from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from ..errors import InputError, Problem

HELP = "create a new project folder with example data, layouts and themes"

SCHEMA_LINE = "# yaml-language-server: $schema="
# folder (relative to the project) -> the schema its *.yaml files follow
SCHEMA_OF = (("data", "campaign"), ("data/landmarks", "landmark"), ("layouts", "layout"),
             ("layouts/themes", "theme"))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, metavar="DIR", help="the folder to create (must be empty or new)")


def run(args: argparse.Namespace) -> int:
    from ..example_project import PARTS, example_root

    dest: Path = args.dir
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError([Problem(str(dest), 0, 0, "", "exists and is not empty; choose a new folder")])
    src = example_root()
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        if (src / part).is_dir():
            shutil.copytree(src / part, dest / part, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    (dest / "output").mkdir(exist_ok=True)
    link_schemas(dest)
    print(f"created {dest}: data/, layouts/, assets/, schemas/ and output/")
    print(f"next: edit {dest / 'data' / 'landmarks'}/*.yaml, then run: poster-gen build --project {dest}")
    return 0


def link_schemas(project: Path) -> list[Path]:
    """Write ``project/schemas/*.schema.json`` and make each YAML file's first line
    name its schema (relative, so the folder can move). A text prepend: the rest of
    the file stays byte for byte; a schema line already there is replaced, not doubled."""
    from ..load.json_schema import write_schemas

    folder = project / "schemas"
    write_schemas(folder)
    linked = []
    for sub, kind in SCHEMA_OF:
        for path in sorted((project / sub).glob("*.yaml")):
            rel = Path(os.path.relpath(folder / f"{kind}.schema.json", path.parent)).as_posix()
            data = path.read_bytes()
            bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""  # stays first
            data = data[len(bom):]
            if data.startswith(SCHEMA_LINE.encode()):
                data = data.split(b"\n", 1)[1] if b"\n" in data else b""
            path.write_bytes(bom + f"{SCHEMA_LINE}{rel}\n".encode() + data)
            linked.append(path)
    return linked
