"""Incremental builds: each output records what it was made from in a manifest under the
output folder, and a build remakes only the outputs whose inputs changed.

Two levels. The *fast path* needs no YAML, no fonts, no ReportLab: when every file an
output recorded (data, layout, theme, assets, the folder listing of landmarks), the
font source, the tool itself, the options and the output file are all unchanged, there
is nothing to do. Otherwise the project is loaded and each output gets a *signature*
over its inputs and what was derived from them (its series number, the prepared fonts);
an output whose signature and file are unchanged is skipped.

The manifest carries the SHA-256 of its own content: one that was damaged (truncated,
altered, not JSON) is set aside with one warning line and every output is built again,
which writes a good one.

This module imports only the standard library: a no-op build must stay cheap.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from ..tool_identity import tool_digest
from ..load.folders import yaml_files

MANIFEST = ".poster-gen-manifest.json"
FORMAT = 2  # 2: with its checksum


class Entry:
    """What one output was made from (plain class: this module must import fast)."""

    FIELDS = ("signature", "inputs", "options", "output", "pages", "size")

    def __init__(self, signature: str, inputs: dict[str, str], options: str, output: str,
                 pages: int = 0, size: int = 0):
        self.signature = signature
        self.inputs = inputs  # project-relative path (or "listing:..."/"font:...") -> hash
        self.options = options  # the print options it was made with
        self.output = output  # sha256 of the file as written
        self.pages, self.size = pages, size

    def to_dict(self) -> dict:
        return {f: getattr(self, f) for f in self.FIELDS}


class Manifest:
    def __init__(self, tool: str = "", outputs: dict[str, Entry] | None = None):
        self.tool = tool
        self.outputs = outputs if outputs is not None else {}


@lru_cache(maxsize=1)
def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


SOURCE_FOLDERS = ("data", "layouts", "assets")  # what a project's outputs are made from


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under the source folders with its modification time and size: what
    `watch` and the studio compare to notice a save."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in SOURCE_FOLDERS:
        for dirpath, dirnames, filenames in os.walk(root / folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
                    continue  # editors' scratch files
                p = os.path.join(dirpath, name)
                try:
                    st = os.stat(p)
                except OSError:  # gone between the listing and the look
                    continue
                seen[p] = (st.st_mtime_ns, st.st_size)
    return seen


def listing(folder: Path) -> str:
    """The names of the YAML files in a folder: adding or removing a landmark changes it."""
    return hashlib.sha256("\n".join(p.name for p in yaml_files(folder)).encode()).hexdigest()


def current_inputs(root: Path, recorded: dict[str, str], seen: dict[str, str] | None = None) -> dict[str, str]:
    """Today's hashes of the inputs an entry recorded; ``seen`` keeps those already
    taken for other outputs (the posters and the brochure share most of their inputs)."""
    seen = {} if seen is None else seen
    for key in recorded:
        if key in seen:
            continue
        kind, _, rest = key.partition(":")
        if kind == "listing":
            seen[key] = listing(root / rest)
        elif kind == "font":
            seen[key] = font_identity(rest)
        else:
            seen[key] = file_hash(root / key)
    return {key: seen[key] for key in recorded}


def font_identity(spec_path: str) -> str:
    """A font file's size and modification time: the 32 MB collection is not re-read."""
    try:
        st = os.stat(spec_path)
    except OSError:
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"


def load(out: Path) -> Manifest:
    """The manifest of the output folder ``out``; an empty one when there is none, it is
    of another format (an older tool: its outputs are built again anyway), or it is
    damaged (then with one warning line, once per process and content)."""
    path = out / MANIFEST
    try:
        raw = path.read_bytes()
    except OSError:
        return Manifest()
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            if isinstance(data, dict) and "format" in data:
                return Manifest()
            raise ValueError("not a manifest")
        if data.get("checksum") != _checksum(data):
            raise ValueError("checksum mismatch")
        return Manifest(data["tool"], {k: Entry(**v) for k, v in data["outputs"].items()})
    except Exception as exc:  # damaged bytes can fail anywhere: JSON, types, fields
        seen = (path, hashlib.sha256(raw).digest())  # the fast path and the build read it in turn
        if seen not in _WARNED:
            from ..disk_cache import warn

            _WARNED.add(seen)
            why = exc.args[0] if type(exc) is ValueError else f"unreadable: {type(exc).__name__}"
            warn(f"the build record {path} was damaged ({why}); building every output again")
        return Manifest()


_WARNED: set[tuple[Path, bytes]] = set()


def _checksum(data: dict) -> str:
    """SHA-256 of what a manifest records (everything but its checksum)."""
    body = json.dumps([data.get("format"), data.get("tool"), data.get("outputs")], sort_keys=True,
                      ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def save(out: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (``OSError`` naming it if the folder cannot be written)."""
    from ..atomic import atomic_write

    out.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "tool": manifest.tool,
            "outputs": {k: v.to_dict() for k, v in sorted(manifest.outputs.items())}}
    data["checksum"] = _checksum(data)
    atomic_write(out / MANIFEST, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))


def is_current(root: Path, out: Path, name: str, entry: Entry | None, options: str,
               seen: dict[str, str] | None = None) -> bool:
    """The output exists as written and nothing it was made from has changed."""
    if entry is None or entry.options != options:
        return False
    if current_inputs(root, entry.inputs, seen) != entry.inputs:
        return False
    return file_hash(out / name) == entry.output


def changed_inputs(root: Path, out: Path, name: str, manifest: Manifest | None = None,
                   seen: dict[str, str] | None = None) -> list[str] | None:
    """What changed since ``name`` was last written: its inputs whose content differs
    now (project-relative paths; ``listing:<folder>`` when a landmark was added or
    removed), [] when none did, None when no build has made it. The studio's "changed
    since the last export"."""
    manifest = manifest if manifest is not None else load(out)
    entry = manifest.outputs.get(name)
    if entry is None:
        return None
    now = current_inputs(root, entry.inputs, seen)  # ``seen``: hashes already taken for other outputs
    return sorted(k for k in entry.inputs if now[k] != entry.inputs[k] and not k.startswith("font:"))


def nothing_to_do(root: Path, out: Path, names: list[str], options: str) -> Manifest | None:
    """The manifest when every one of ``names`` is current (the no-op fast path)."""
    manifest = load(out)
    if manifest.tool != tool_digest():
        return None
    seen: dict[str, str] = {}
    for name in names:
        if not is_current(root, out, name, manifest.outputs.get(name), options, seen):
            return None
    return manifest


def signature(inputs: dict[str, str], derived: dict, options: str) -> str:
    payload = json.dumps([tool_digest(), sorted(inputs.items()), derived, options], sort_keys=True,
                         ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()
