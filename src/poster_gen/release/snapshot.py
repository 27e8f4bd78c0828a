"""The snapshot: a copy of every input the released outputs were made from, laid out as
a project (data/, layouts/ with themes/, assets/) that ``build --from-release`` loads.

What goes in: every file the build record lists as an input of a released output
(data, layouts, themes, photos, the output profile, a font kept in the project), and
every file ``load_project`` reads to load a project at all (each YAML file of data/,
layouts/ and layouts/themes/), so the snapshot loads as the project did. Each file is
copied from the bytes read once, and checked against the hash the build recorded: a
save made while releasing refuses the release instead of freezing the wrong bytes.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..load.folders import yaml_files
from ..load.project import LAYOUTS, OPTIONAL_LAYOUTS
from .built import Item
from .store import Refusal, shown, write_file


def input_files(root: Path, items: list[Item]) -> dict[str, str | None]:
    """Project-relative path -> the SHA-256 the build recorded (None: not an input of a
    released output, but read when the project is loaded)."""
    root = Path(root).resolve()
    files: dict[str, str | None] = {}
    for item in items:
        for key, digest in item.entry.inputs.items():
            kind, _, rest = key.partition(":")
            if kind == "listing":
                continue
            if kind == "font":  # a font in the project is part of it; one installed with the tool is not
                path = Path(rest).resolve()
                if path.is_relative_to(root):
                    files.setdefault(path.relative_to(root).as_posix(), None)
                continue
            files[key] = digest
    loaded = [root / "data" / "campaign.yaml", *yaml_files(root / "data" / "landmarks"),
              *yaml_files(root / "layouts" / "themes"),
              *(root / "layouts" / f"{name}.yaml" for name in LAYOUTS + OPTIONAL_LAYOUTS)]
    for path in loaded:
        if path.is_file():
            files.setdefault(path.relative_to(root).as_posix(), None)
    return dict(sorted(files.items()))


def write(root: Path, dest: Path, files: dict[str, str | None]) -> None:
    """Copy ``files`` from the project ``root`` into ``dest`` (a new folder)."""
    root = Path(root).resolve()
    for rel, expected in files.items():
        src = root / rel
        try:
            data = src.read_bytes()
        except OSError as err:
            raise Refusal(shown(src, root), f"cannot be read ({(err.strerror or str(err)).lower()}); "
                                            "run poster-gen build, then release") from None
        if expected is not None and hashlib.sha256(data).hexdigest() != expected:
            raise Refusal(shown(src, root), "changed while the release was being made; "
                                            "run poster-gen build, then release")
        write_file(dest / rel, data)
