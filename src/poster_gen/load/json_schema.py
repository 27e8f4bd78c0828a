"""JSON Schema (draft 2020-12) generated from the same typed models the loader uses.

One source of truth: the schema is derived by walking ``schema.model_fields``, so a
field added to a model shows up in editors (yaml-language-server completion and
hover) and in the studio's form without anyone writing schema by hand. It mirrors
what ``schema.Converter`` accepts, including its less obvious rules: a text limit
set on the field that *holds* a ``Text`` applies to its zh/en (``$ref`` plus sibling
``properties``), strings without a limit get ``MAX_TEXT``, and a class with a
``__shorthand__`` (``Colour``) also accepts the short form. Property order is the
model's field order (the studio builds its form in that order). Rules that live in
code (``check=`` functions other than those in ``_CHECKS``, ``__validate__``) are
not expressible here; the loader still enforces them.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from . import models, theme_models
from .layout_models import Layout, Theme
from .models import Campaign, Landmark
from .model_reader import MAX_TEXT, model_fields

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, type] = {"landmark": Landmark, "campaign": Campaign, "layout": Layout, "theme": Theme}

# What some check functions mean, in schema terms; others only run in the loader.
_CHECKS: dict[Any, dict] = {
    models._url: {"pattern": r"^https?://[^\s/$.?#][^\s]*$", "format": "uri"},
    theme_models.cmyk_check: {"minItems": 4, "maxItems": 4, "items": {"minimum": 0, "maximum": 100}},
}


def _describe(cls: type) -> str:
    """The class docstring's first line (dataclass invents ``Name(...)`` when there
    is none; that is not a description), else its ``__describe__``."""
    doc = cls.__doc__ or ""
    if doc and not doc.startswith(f"{cls.__name__}("):
        return doc.strip().splitlines()[0].replace("``", "`")
    return getattr(cls, "__describe__", "")


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class _Builder:
    """Walks model classes; nested ones land in ``$defs`` in first-seen order."""

    def __init__(self) -> None:
        self.defs: dict[str, dict] = {}
        self.classes: dict[str, type] = {}

    def ref(self, cls: type) -> dict:
        name = cls.__name__
        if self.classes.get(name) not in (None, cls):
            raise ValueError(f"two model classes are both called {name}")  # pragma: no cover
        if name not in self.classes:
            self.classes[name] = cls
            self.defs[name] = {}  # reserve the slot first: keeps order, stops recursion
            self.defs[name] = self.model(cls)
        return {"$ref": f"#/$defs/{name}"}

    def model(self, cls: type) -> dict:
        props: dict[str, dict] = {}
        required: list[str] = []
        defaults = {f.name: f for f in dataclasses.fields(cls)}
        for name, info in model_fields(cls).items():
            prop = self.hint(info.hint, info.rules)
            if info.rules.get("doc"):
                prop = {"description": info.rules["doc"], **prop}
            if info.rules.get("doc_zh"):  # the studio shows help in the user's language
                prop["x-description-zh"] = info.rules["doc_zh"]
            if info.rules.get("labels"):
                prop["x-enum-labels"] = info.rules["labels"]
            default = _default(defaults[name])
            if default is not None:
                prop["default"] = default
            props[name] = prop
            if info.required:
                required.append(name)
        out: dict[str, Any] = {"title": cls.__name__}
        if _describe(cls):
            out["description"] = _describe(cls)
        if getattr(cls, "__describe_zh__", ""):
            out["x-description-zh"] = cls.__describe_zh__
        out.update({"type": "object", "properties": props})
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def hint(self, hint: Any, rules: dict) -> dict:
        """The schema of one type hint under a field's rules (as ``Converter.convert``)."""
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(hint) if a is not type(None)]
            # null means "not given" (every optional field defaults to None), so an
            # optional field is simply not required; a union of several kinds is anyOf
            if len(members) == 1:
                return self.hint(members[0], rules)
            return {"anyOf": [self.hint(m, rules) for m in members]}
        if dataclasses.is_dataclass(hint):
            return self.dataclass(hint, rules)
        if origin is list:
            (item,) = typing.get_args(hint)
            item_rules = {k: rules[k] for k in ("max_len", "allow_empty") if rules.get(k)}
            out = {"type": "array", "items": self.hint(item, item_rules)}
            if rules.get("min_items") is not None:
                out["minItems"] = rules["min_items"]
            if rules.get("max_items") is not None:
                out["maxItems"] = rules["max_items"]
            return self._checked(out, rules)
        if origin is dict:
            _, value = typing.get_args(hint)
            return {"type": "object", "additionalProperties": self.hint(value, {})}
        if origin is Literal:
            choices = list(typing.get_args(hint))
            kinds = {type(c) for c in choices}
            out = {"type": "string"} if kinds == {str} else {}
            return {**out, "enum": choices}
        if hint is str:
            out = {"type": "string"}
            if not rules.get("allow_empty"):
                out["minLength"] = 1
            out["maxLength"] = rules.get("max_len") or MAX_TEXT
            return self._checked(out, rules)
        if hint is bool:
            return {"type": "boolean"}
        if hint in (int, float):
            out = {"type": "integer" if hint is int else "number"}
            if rules.get("min") is not None:
                out["minimum"] = rules["min"]
            if rules.get("max") is not None:
                out["maximum"] = rules["max"]
            return out
        raise TypeError(f"no JSON Schema for the hint {hint!r}")  # pragma: no cover - a model bug

    def dataclass(self, cls: type, rules: dict) -> dict:
        out = self.ref(cls)
        # Converter.model: the holder's max_len limits the class's own unlimited texts
        limit = rules.get("max_len")
        if limit:
            narrowed = {n: {"maxLength": limit} for n, f in model_fields(cls).items()
                        if f.hint is str and not f.rules.get("max_len")}
            if narrowed:
                out["properties"] = narrowed
        short = self.shorthand(cls)
        return {"anyOf": [out, short]} if short else out

    def shorthand(self, cls: type) -> dict | None:
        """What ``cls.__shorthand__`` accepts: probed with one value of each kind; a
        kind it turns into ``{field: value}`` takes that field's schema."""
        pre = getattr(cls, "__shorthand__", None)
        if pre is None:
            return None
        fields = model_fields(cls)
        for probe in ([], "", 0):
            got = pre(probe)
            if isinstance(got, dict) and len(got) == 1 and next(iter(got)) in fields:
                info = fields[next(iter(got))]
                return self.hint(info.hint, info.rules)
        return None

    @staticmethod
    def _checked(out: dict, rules: dict) -> dict:
        extra = _CHECKS.get(rules.get("check"))
        return _merge(out, extra) if extra else out


def _default(f: dataclasses.Field) -> Any:
    """A field's default as JSON, when it has a plain one worth showing."""
    if f.default is not dataclasses.MISSING:
        value = f.default
    elif f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        value = f.default_factory()  # type: ignore[misc]
        if dataclasses.is_dataclass(value):
            return None  # a nested model's defaults are shown on its own fields
    else:
        return None
    return value if isinstance(value, (str, int, float, bool, list, dict)) else None


def schema_for(cls: type) -> dict:
    """The JSON Schema of a model class (the top-level mapping of a file)."""
    builder = _Builder()
    body = builder.model(cls)
    out = {"$schema": DIALECT, **body}
    if builder.defs:
        out["$defs"] = builder.defs
    return out


def render(cls: type) -> bytes:
    """Deterministic bytes: key order as built, two-space indent, unicode unescaped."""
    return (json.dumps(schema_for(cls), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<name>.schema.json`` for each of ``SCHEMAS`` into ``folder``; a file
    that already holds the same bytes is left alone (no needless rebuilds/mtimes)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, cls in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        data = render(cls)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written
