"""Save an edited file back as YAML, keeping what the user wrote.

The studio sends the whole document (a landmark, the campaign) as JSON. Dumping that would throw away comments,
key order, quoting and flow style, so the edit is applied as the smallest change to
the ruamel round-trip document read from the file (``yamlmerge``) and written with
the file's own indentation. Saving is atomic and guarded by an ETag, so an edit made
elsewhere (another tab, a text editor) is never overwritten; the bytes it replaces
are kept for undo. Before a save replaces the file, the new text is read back with
the build's own loader and must equal what was sent, or nothing is written.

Scalars resolve as in PyYAML, the loader's parser (YAML 1.1: yes/no/on/off are
booleans), minus timestamps (the loader keeps dates as text): ``to_plain`` then
agrees with what a build reads, and a new "No" or "on" gets quoted when saved.
"""
from __future__ import annotations

import difflib
import hashlib
import io
import os
import re
import stat
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from .yamlmerge import apply, same, to_plain

__all__ = ["read", "to_plain", "apply", "dump", "save", "undo", "etag", "lock_for", "StaleError", "NothingToUndo",
           "SaveError"]

HISTORY = ".history"  # beside the file: <folder>/.history/<name>.prev
_FORMAT = "_poster_gen_format"  # attribute on a read document: how its file was written
_BOM = b"\xef\xbb\xbf"


class StaleError(Exception):
    """The file changed since the caller read it; nothing was written."""


class NothingToUndo(Exception):
    """No earlier version of the file is kept."""


class SaveError(Exception):
    """The new text would not read back as what was sent (a bug); nothing was written."""


def etag(data: bytes) -> str:
    """The version of a file's bytes (sha256, hex; quoting it for HTTP is the caller's job)."""
    return hashlib.sha256(data).hexdigest()


# -- reading and writing YAML text ---------------------------------------------------

class _Resolver(VersionedResolver):
    """PyYAML's implicit types (YAML 1.1, as the loader reads), without timestamps."""

    _rules: dict | None = None

    @property
    def processing_version(self) -> Any:
        return (1, 1)  # also makes the constructor read 0-prefixed octals and 1:30 as PyYAML

    @property
    def versioned_resolver(self) -> Any:
        if _Resolver._rules is None:
            _Resolver._rules = {
                first: [(tag, rx) for tag, rx in rules if tag != "tag:yaml.org,2002:timestamp"]
                for first, rules in pyyaml.resolver.Resolver.yaml_implicit_resolvers.items()}
        return _Resolver._rules


class _DoubleQuoting(RoundTripEmitter):
    """Where the emitter itself must quote a string, use double quotes (the project's
    style: "200+"); quotes the user wrote are kept as written either way."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" and not self.event.style else style


@dataclass(frozen=True)
class _Format:
    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    crlf: bool = False
    bom: bool = False
    double: bool = True
    text: str | None = None  # what was read, to keep the spacing of untouched lines


def _yaml(fmt: _Format) -> YAML:
    y = YAML(typ="rt")
    y.Resolver = _Resolver
    if fmt.double:
        y.Emitter = _DoubleQuoting
    y.preserve_quotes = True
    y.allow_unicode = True
    y.width = 1 << 30  # never re-wrap a long line
    y.indent(mapping=fmt.mapping, sequence=fmt.sequence, offset=fmt.offset)
    return y


_KEY_LINE = re.compile(r"^( *)(- +)?[^\s#-][^#]*:[ \t]*(#.*)?$")
_LEAD = re.compile(r"^( *)(- +)?")


def _indents(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as ruamel names them, the most common in ``text``:
    what follows a ``key:`` line shows how far the file indents a mapping or a list."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    maps: Counter = Counter()
    seqs: Counter = Counter()
    for a, b in zip(lines, lines[1:]):
        if not _KEY_LINE.match(a):
            continue
        la, lb = _LEAD.match(a), _LEAD.match(b)
        key_col = len(la.group(1)) + len(la.group(2) or "")
        if lb.group(2):
            offset = len(lb.group(1)) - key_col
            if offset >= 0:
                seqs[(offset + len(lb.group(2)), offset)] += 1
        elif len(lb.group(1)) > key_col:
            maps[len(lb.group(1)) - key_col] += 1
    mapping = maps.most_common(1)[0][0] if maps else 2
    sequence, offset = seqs.most_common(1)[0][0] if seqs else (mapping + 2, mapping)
    return mapping, sequence, offset


def _prefers_double(node: Any) -> bool:
    counts: Counter = Counter()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, list):
            stack.extend(n)
        elif isinstance(n, (DoubleQuotedScalarString, SingleQuotedScalarString)):
            counts[type(n)] += 1
    return counts[SingleQuotedScalarString] <= counts[DoubleQuotedScalarString]


def _parse(data: bytes) -> CommentedMap:
    bom = data.startswith(_BOM)
    text = data[len(_BOM) if bom else 0:].decode("utf-8")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")  # ruamel keeps the CR in comments; put back on dump
    doc = _yaml(_Format()).load(text)
    if not isinstance(doc, CommentedMap):
        raise ValueError("expected a mapping of keys to values at the top level")
    mapping, sequence, offset = _indents(text)
    setattr(doc, _FORMAT, _Format(mapping, sequence, offset, crlf, bom, _prefers_double(doc), text))
    return doc


def read(path: Path) -> tuple[Any, bytes]:
    """The file as a ruamel round-trip document, and its bytes (for ``etag``)."""
    data = path.read_bytes()
    return _parse(data), data


# whitespace after the first "key:" of a line never matters; ruamel collapses it
_AFTER_KEY = re.compile(r"^( *(?:- +)?[^\s#'\"{\[\]}&*!|>%@`,?:-][^:]*?):[ \t]+(?=\S)")


def _restore(before: str, after: str) -> str:
    """``after`` with the lines that differ from ``before`` only in that whitespace
    taken from ``before``: aligned ``name:   {...}`` columns and flow collections
    wrapped by hand over several lines (the layout files have both)."""
    old, new = before.splitlines(True), after.splitlines(True)
    norm = [_AFTER_KEY.sub(r"\1: ", ln) for ln in old], [_AFTER_KEY.sub(r"\1: ", ln) for ln in new]
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, norm[1], norm[0], autojunk=False).get_opcodes():
        rewrapped = tag == "replace" and _squash(norm[0][j1:j2]) == _squash(norm[1][i1:i2])
        out += old[j1:j2] if tag == "equal" or rewrapped else new[i1:i2]
    return "".join(out)


def _squash(lines: list[str]) -> str:
    return " ".join(ln.strip() for ln in lines)


def dump(doc: Any) -> bytes:
    """UTF-8 YAML in the style of the file ``doc`` was read from (default: mappings
    by 2, list dashes at 2 with items at 4, double quotes), long lines unwrapped,
    unicode unescaped."""
    fmt: _Format = getattr(doc, _FORMAT, None) or _Format()
    buf = io.StringIO()
    _yaml(fmt).dump(doc, buf)
    text = buf.getvalue()
    if fmt.text is not None and text != fmt.text:
        restored = _restore(fmt.text, text)
        # the whitespace matters inside block text: keep the restore only if it reads the same
        if restored != text and same(to_plain(_yaml(fmt).load(restored)), to_plain(doc)):
            text = restored
    if fmt.crlf:
        text = text.replace("\n", "\r\n")
    return (_BOM if fmt.bom else b"") + text.encode("utf-8")


# -- saving ----------------------------------------------------------------------------

_LOCKS: dict[Path, threading.RLock] = {}
_LOCKS_LOCK = threading.Lock()


def lock_for(path: Path) -> threading.RLock:
    """One writer per file in this process: the ETag check and the replace are one step."""
    key = path.resolve()
    with _LOCKS_LOCK:
        return _LOCKS.setdefault(key, threading.RLock())


def history_path(path: Path) -> Path:
    return path.parent / HISTORY / f"{path.name}.prev"


def _stage(path: Path, data: bytes, mode_of: Path) -> Path:
    """``data`` in a durable temporary file beside ``path`` (``atomic.write_temp``), with
    the permissions of ``mode_of``."""
    from ..atomic import write_temp

    return write_temp(path, data, mode=stat.S_IMODE(mode_of.stat().st_mode))


def _write(path: Path, data: bytes, mode_of: Path) -> None:
    os.replace(_stage(path, data, mode_of), path)


def _check(tmp: Path, new: Any, shown: Path) -> None:
    """Read the staged text as a build will; it must be exactly what was sent."""
    from ..errors import InputError
    from ..load.yamlsrc import read_yaml

    try:
        got = read_yaml(tmp, str(shown)).value
    except InputError as exc:
        raise SaveError(f"{shown}: the saved text would not load: "
                        + "; ".join(str(p) for p in exc.problems)) from None
    if not same(got, new):
        raise SaveError(f"{shown}: the saved text would not read back as what was sent")


def save(path: Path, new: Any, expected_etag: str) -> str:
    """Write ``new`` (plain JSON values) into ``path`` as the smallest edit of its text
    and return the new ETag. Raises ``StaleError`` when the file is no longer the
    version ``expected_etag`` names. The replaced bytes go to ``.history/<name>.prev``.
    A save that changes nothing writes nothing (and keeps the undo step)."""
    if not isinstance(new, dict):
        raise TypeError("the new content of a file must be a mapping")
    with lock_for(path):
        data = path.read_bytes()
        if etag(data) != expected_etag:
            raise StaleError(str(path))
        doc = _parse(data)
        apply(doc, new)
        out = dump(doc)
        if out == data:
            return etag(data)
        tmp = _stage(path, out, path)
        try:
            _check(tmp, new, path)
            _write(history_path(path), data, path)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return etag(out)


def undo(path: Path, expected_etag: str) -> str:
    """Put back the version before the last save and return its ETag. The two swap,
    so undoing again redoes: an accidental undo never loses an edit."""
    with lock_for(path):
        prev = history_path(path)
        if not prev.is_file():
            raise NothingToUndo(str(path))
        data = path.read_bytes()
        if etag(data) != expected_etag:
            raise StaleError(str(path))
        old = prev.read_bytes()
        _write(prev, data, path)
        _write(path, old, path)
        return etag(old)
