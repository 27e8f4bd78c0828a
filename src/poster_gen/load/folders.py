"""Which files of a project folder are data: the one rule for the loader, the build
record and the no-op fast path (standard library only: the fast path imports it)."""
from __future__ import annotations

from pathlib import Path


def yaml_files(folder: Path) -> list[Path]:
    """The data files of a folder, as the loader reads them: ``.yaml`` or ``.yml``,
    regular files, not hidden (an editor's ``.x.yaml`` swap file is not a landmark).
    The one rule for the loader, the manifest and the no-op fast path."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
                      and p.is_file())
    except OSError:
        return []
