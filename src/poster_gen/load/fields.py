"""Data field references in layouts: ``landmark.plan.name``, ``labels.scan``,
``landmark.motifs.nanjing[0]``. Checked statically against the models when a layout
is loaded, resolved against the data when a page is composed.
"""
from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any, Mapping, Union

from .models import Campaign, Landmark, Text
from .model_reader import model_fields
from ..suggest import suggest

ROOTS: dict[str, Any] = {"landmark": Landmark, "campaign": Campaign, "labels": dict[str, Text]}

_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def parse(path: str) -> list[str | int] | None:
    parts: list[str | int] = []
    for chunk in path.split("."):
        got = [(m.group(1), m.group(2)) for m in _PART.finditer(chunk)]
        if not got or got[0][0] is None or "".join(a or f"[{b}]" for a, b in got) != chunk:
            return None
        parts.extend(name if name is not None else int(index) for name, index in got)
    return parts


def path_of(ref: str) -> tuple[str | int, ...]:
    """A layout's dotted field reference as a path of keys and indexes, e.g.
    ``landmark.key_figures[2].label`` -> ("landmark", "key_figures", 2, "label"). The
    one place a dotted reference is read; stages pass and raise the tuple."""
    return tuple(parse(ref) or (ref,))


def dotted(path: tuple[str | int, ...]) -> str:
    """A path as the user reads it: ``key_figures[2].label.en``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def check(path: str, labels: Mapping[str, Any] | None = None) -> str | None:
    """Why ``path`` cannot name a data field, or None when it can."""
    parts = parse(path)
    if not parts:
        return f"{path!r} is not a field reference (expected e.g. landmark.ambition)"
    root = parts[0]
    if root not in ROOTS:
        return f"unknown data root {root!r}{suggest(str(root), ROOTS)} (expected one of: {', '.join(ROOTS)})"
    hint = ROOTS[root]
    for i, part in enumerate(parts[1:], 1):
        hint = _strip_optional(hint)
        origin = typing.get_origin(hint)
        if isinstance(part, int):
            if origin is not list:
                return f"{'.'.join(map(str, parts[:i]))} is not a list"
            hint = typing.get_args(hint)[0]
        elif origin is dict:
            if root == "labels" and labels is not None and part not in labels:
                return f"no label {part!r} in data/campaign.yaml{suggest(part, labels)}"
            hint = typing.get_args(hint)[1]
        elif dataclasses.is_dataclass(hint):
            fields = model_fields(hint)
            if part not in fields:
                return f"{hint.__name__} has no field {part!r}{suggest(part, fields)}"
            hint = fields[part].hint
        else:
            return f"{'.'.join(map(str, parts[:i]))} has no parts"
    return None


def resolve(path: str, ctx: Mapping[str, Any]) -> Any:
    """The value at ``path``, or None when a part of it is absent."""
    parts = parse(path) or []
    value: Any = ctx.get(parts[0]) if parts else None
    for part in parts[1:]:
        if value is None:
            return None
        if isinstance(part, int):
            value = value[part] if isinstance(value, list) and part < len(value) else None
        elif isinstance(value, Mapping):
            value = value.get(part)
        else:
            value = getattr(value, part, None)
    return value

