"""Read a YAML file into plain Python values plus the line/column of every key and item.

Safe by construction: only PyYAML's safe composer is used, the document is walked by
hand (so duplicate keys, non-text keys and unsupported tags are errors, not silent
surprises), alias expansion is bounded (a "billion laughs" file is refused quickly)
and files over a size limit are not read at all. When the YAML reader fails,
``yamlerrors`` finds the cause it stumbled on and names its line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem

# PyYAML is imported on the first parse: a build whose files are all memoised
# (load.project.read_model) never needs it, and importing it costs 30 ms.
yaml: Any = None
_Loader: Any = None


def _import_yaml() -> None:
    global yaml, _Loader
    if yaml is not None:
        return
    import yaml as module

    try:  # libyaml is ~10x faster; fall back to the pure-Python composer.
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover
        from yaml import SafeLoader as loader  # type: ignore[assignment]
    yaml, _Loader = module, loader

MAX_BYTES = 1_000_000  # a landmark file is a few kB; anything this big is a mistake
MAX_NODES = 200_000  # after alias expansion

PathKey = tuple  # tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def format_path(path: PathKey) -> str:
    """("key_figures", 2, "label") -> "key_figures[2].label"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Source:
    """One loaded file: its value and where each part of it was written."""

    file: str  # as displayed to the user
    value: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    path: Path | None = None
    quoted: frozenset = frozenset()  # paths of texts in quotes that read as numbers ("62")

    def where(self, path: PathKey) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest written ancestor."""
        p = tuple(path)
        while p:
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: PathKey, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.file, line, col, format_path(path), message)


class _Walker:
    def __init__(self, file: str, max_nodes: int):
        self.file = file
        self.max_nodes = max_nodes
        self.count = 0
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.quoted: set[PathKey] = set()
        self.problems: list[Problem] = []
        self._scalar = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, path: PathKey, message: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, format_path(path), message))

    def walk(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            raise _TooBig()
        if path not in self.marks:
            self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.fail(node, path, f"unsupported YAML tag {node.tag}")
                return None
            return [self.walk(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar_value(node, path)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict | None:
        if node.tag != _MAP:
            self.fail(node, path, f"unsupported YAML tag {node.tag}")
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<":
                self.fail(key_node, path, "merge keys (<<) are not supported: write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL):
                self.fail(key_node, path, "a key must be plain text")
                continue
            if key_node.tag != _STR:
                self.fail(key_node, path, f"the key {key_node.value!r} is read as a "
                          f"{key_node.tag.rsplit(':', 1)[-1]}, not text: put it in quotes")
                continue
            key = key_node.value
            if key in out:
                self.fail(key_node, path + (key,), "this key is given twice in the same mapping "
                          f"(first on line {self.marks[path + (key,)][0]})")
                continue
            self.marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.walk(value_node, path + (key,))
        return out

    def _scalar_value(self, node: yaml.Node, path: PathKey) -> Any:
        tag = node.tag
        if tag == _STR:
            if node.style in ("'", '"') and numeric(node.value):
                self.quoted.add(path)
            return node.value
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP:
            return node.value  # dates stay text; the schema parses them where it wants dates
        try:
            if tag == _INT:
                return self._scalar.construct_yaml_int(node)
            if tag == _FLOAT:
                return self._scalar.construct_yaml_float(node)
            if tag == _BOOL:
                return self._scalar.construct_yaml_bool(node)
        except (ValueError, yaml.YAMLError):
            self.fail(node, path, f"cannot read {node.value!r}")
            return None
        self.fail(node, path, f"unsupported YAML tag {tag}")
        return None


class _TooBig(Exception):
    pass


def numeric(text: str) -> bool:
    """Whether ``text`` reads as a number (as Python's float does: 62, 1e309, inf)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _line_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def read_yaml(path: Path, shown: str, *, max_bytes: int = MAX_BYTES,
              max_nodes: int = MAX_NODES) -> Source:
    """Load ``path``; any problem becomes an ``InputError`` naming ``shown``."""

    return parse_yaml(read_bytes(path, shown, max_bytes=max_bytes), path, shown, max_nodes=max_nodes)


def _fail(shown: str, message: str, line: int = 0, col: int = 0) -> InputError:
    return InputError([Problem(shown, line, col, "", message)])


def read_bytes(path: Path, shown: str, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, refused (``InputError``) when missing, unreadable or too big."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _fail(shown, f"file is {size:,} bytes; the limit is {max_bytes:,} (is this the right file?)")
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(shown, "file not found") from None
    except IsADirectoryError:
        raise _fail(shown, "is a folder, expected a YAML file") from None
    except OSError as exc:
        raise _fail(shown, f"cannot read the file ({exc.strerror})") from None


def parse_yaml(data: bytes, path: Path | None, shown: str, *, max_nodes: int = MAX_NODES) -> Source:
    """``data`` (the bytes of ``path``) as a ``Source``: a pure function of the bytes."""

    def fail(message: str, line: int = 0, col: int = 0) -> InputError:
        return _fail(shown, message, line, col)

    _import_yaml()

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(data, exc.start)
        raise fail("the file is not UTF-8 text (save it as UTF-8)", line, col) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    for n, raw in enumerate(text.splitlines(), 1):
        indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
        if "\t" in indent and raw.strip():
            raise fail("a tab is used for indentation; YAML needs spaces", n, indent.index("\t") + 1)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise InputError(_diagnose(exc, text, shown)) from None
    if node is None:
        raise fail("file is empty")
    walker = _Walker(shown, max_nodes)
    try:
        value = walker.walk(node, ())
    except _TooBig:
        raise fail(f"the file expands to more than {max_nodes:,} values "
                   "(aliases nested too deep?); refused") from None
    except RecursionError:
        raise fail("the file is nested too deeply; refused") from None
    if walker.problems:
        raise InputError(walker.problems)
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else "a single value"
        raise fail(f"expected a mapping of keys to values at the top level, found {kind}", 1, 1)
    return Source(shown, value, walker.marks, path, frozenset(walker.quoted))


def _diagnose(exc: Exception, text: str, shown: str) -> list[Problem]:
    """The problems behind a YAML reader's error, at the line to change (``yamlerrors``)."""
    from . import yamlerrors as why

    found = why.unacceptable(text)
    if not found and isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or "invalid YAML"
        found = why.hidden_breaks(text, mark.index if mark else len(text))
        if not found and any(s in problem for s in ("expected ':'", "mapping values are not allowed",
                                                    "did not find expected ','")):
            found = [hit for hit in [why.long_key(text, line)] if hit]
        if not found and "escape" in problem:
            found = [hit for hit in [why.surrogate_escape(text, line)] if hit]
        if not found:
            if exc.context and "expected a single document" in exc.context:
                problem = "the file holds more than one YAML document (a second '---'?)"
            found = [(line, col, f"YAML syntax error: {problem}")]
    if not found:  # pragma: no cover - a reader error without a character YAML refuses
        mark = getattr(exc, "problem_mark", None)
        found = [(mark.line + 1 if mark else 0, mark.column + 1 if mark else 0,
                  f"YAML error: {' '.join(str(exc).split())}")]
    return [Problem(shown, line, col, "", message) for line, col, message in found]
