"""Typed options that validate and collect errors (after mkdocs' config_options).

Models are plain dataclasses with type hints; ``convert`` walks a loaded YAML value
against a model, builds the instances and records every problem with its location.
Supported hints: dataclasses, str, int, float, bool, list[T], dict[str, T],
Optional[T], Literal[...], and unions of a dataclass with str. Per-field rules go in
``meta(...)``.

Every text leaves here normalised (``textrules``: NFC, invisible characters removed,
unprintable ones refused), except a field marked ``verbatim`` (a file name: the file
system compares its bytes), which is only refused when it holds a control character.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import MISSING, dataclass
from typing import Any, Callable, Literal, Union

from ..errors import Problem
from ..suggest import closest, suggest
from . import textrules
from .yamlsrc import PathKey, Source
from .yamlsrc import numeric as _numeric

MAX_TEXT = 600  # characters; a poster field is a line or a short paragraph, not an essay


def meta(*, doc: str = "", min: float | None = None, max: float | None = None,
         min_items: int | None = None, max_items: int | None = None, max_len: int | None = None,
         allow_empty: bool = False, check: Callable[[Any], str | None] | None = None,
         example: Any = None, internal: bool = False, verbatim: bool = False, doc_zh: str = "",
         labels: dict[str, dict[str, str]] | None = None, printed: bool = True) -> dict:
    """Metadata for ``dataclasses.field(metadata=...)``: rules and help for one field.
    ``verbatim``: a name the file system compares byte for byte, kept as written.
    ``doc_zh``: the help in Chinese (the studio shows the user's language);
    ``labels``: each allowed value's name in both languages, {value: {zh, en}};
    ``printed``: False for a text no output prints (the studio's alone), which
    ``walk`` passes over: the fonts need no glyph for it."""
    return {"doc": doc, "min": min, "max": max, "min_items": min_items, "max_items": max_items,
            "max_len": max_len, "allow_empty": allow_empty, "check": check, "example": example,
            "internal": internal, "verbatim": verbatim, "doc_zh": doc_zh, "labels": labels, "printed": printed}


@dataclass(frozen=True)
class FieldInfo:
    name: str
    hint: Any
    required: bool
    rules: dict


_FIELDS: dict[type, dict[str, FieldInfo]] = {}


def model_fields(cls: type) -> dict[str, FieldInfo]:
    """Resolved fields of a model class (cached)."""
    got = _FIELDS.get(cls)
    if got is None:
        hints = typing.get_type_hints(cls)
        got = {}
        for f in dataclasses.fields(cls):
            if not f.init or f.metadata.get("internal"):
                continue  # set by the loader, never written in a file
            required = f.default is MISSING and f.default_factory is MISSING
            got[f.name] = FieldInfo(f.name, hints[f.name], required, dict(f.metadata))
        _FIELDS[cls] = got
    return got


def describe(hint: Any) -> str:
    """A short human name for what a hint expects."""
    origin = typing.get_origin(hint)
    if hint is str:
        return "text"
    if hint is int:
        return "a whole number"
    if hint is float:
        return "a number"
    if hint is bool:
        return "true or false"
    if dataclasses.is_dataclass(hint):
        return getattr(hint, "__describe__", "a mapping")
    if origin is list:
        return f"a list of {_plural(describe(typing.get_args(hint)[0]))}"
    if origin is dict:
        return f"a mapping of names to {_plural(describe(typing.get_args(hint)[1]))}"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(hint))
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return " or ".join(describe(a) for a in args)
    return str(hint)


def _plural(text: str) -> str:
    for art in ("a ", "an "):
        if text.startswith(art):
            text = text[len(art):]
            return text if text.endswith("s") else text + "s"
    return text


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Converter:
    """Converts one source; collects problems instead of stopping at the first."""

    def __init__(self, source: Source):
        self.src = source
        self.problems: list[Problem] = []

    def fail(self, path: PathKey, message: str) -> None:
        self.problems.append(self.src.problem(path, message))

    def convert(self, hint: Any, value: Any, path: PathKey, rules: dict | None = None) -> Any:
        rules = rules or {}
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            return self._union(hint, value, path, rules)
        if value is None:
            self.fail(path, f"is empty (expected {describe(hint)})")
            return None
        if dataclasses.is_dataclass(hint):
            return self.model(hint, value, path, rules.get("max_len"))
        if origin is list:
            return self._list(hint, value, path, rules)
        if origin is dict:
            return self._dict(hint, value, path, rules)
        if origin is Literal:
            choices = typing.get_args(hint)
            if value not in choices:
                hint_txt = suggest(str(value), [str(c) for c in choices]) if isinstance(value, str) else ""
                self.fail(path, f"{value!r} is not allowed (expected {describe(hint)}){hint_txt}")
                return None
            return value
        if hint is str:
            return self._str(value, path, rules)
        if hint is bool:
            if not isinstance(value, bool):
                self.fail(path, f"expected true or false, found {_kind(value)}")
                return None
            return value
        if hint in (int, float):
            return self._number(hint, value, path, rules)
        raise TypeError(f"unsupported hint {hint!r}")  # pragma: no cover - a model bug

    def _check(self, value: Any, path: PathKey, rules: dict) -> Any:
        check = rules.get("check")
        if check is not None and value is not None:
            msg = check(value)
            if msg:
                self.fail(path, msg)
                return None
        return value

    def _union(self, hint: Any, value: Any, path: PathKey, rules: dict) -> Any:
        args = typing.get_args(hint)
        if value is None:
            if type(None) in args:
                return None
            self.fail(path, f"is empty (expected {describe(hint)})")
            return None
        members = [a for a in args if a is not type(None)]
        if len(members) == 1:
            return self.convert(members[0], value, path, rules)
        for m in members:  # pick the member whose shape matches
            if (isinstance(value, dict) and dataclasses.is_dataclass(m)) or \
               (isinstance(value, str) and m is str) or (isinstance(value, bool) and m is bool) or \
               (isinstance(value, list) and typing.get_origin(m) is list) or \
               (isinstance(value, (int, float)) and not isinstance(value, bool) and m in (int, float)):
                return self.convert(m, value, path, rules)
        quote = " (put it in quotes)" if isinstance(value, (int, float)) and str in members else ""
        self.fail(path, f"expected {describe(hint)}, found {_kind(value)}{quote}")
        return None

    def _str(self, value: Any, path: PathKey, rules: dict) -> str | None:
        if not isinstance(value, str):
            self.fail(path, f"expected text, found {_kind(value)}"
                      + (" (put it in quotes)" if isinstance(value, (int, float)) else ""))
            return None
        limit = rules.get("max_len") or MAX_TEXT
        if len(value) > 4 * limit:  # not worth normalising: an essay pasted into a line
            self.fail(path, f"is {len(value):,} characters long; at most {limit:,} fit here")
            return None
        if rules.get("verbatim"):
            why = textrules.control(value)
        else:
            value, why = textrules.clean(value)
        if why:
            self.fail(path, why)
            return None
        if not value.strip() and not rules.get("allow_empty"):
            self.fail(path, "is empty (expected text)")
            return None
        if len(value) > limit:
            self.fail(path, f"is {len(value):,} characters long; at most {limit:,} fit here")
            return None
        return self._check(value, path, rules)

    def _number(self, hint: type, value: Any, path: PathKey, rules: dict) -> float | int | None:
        ok = isinstance(value, int) if hint is int else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            found = _kind(value)
            if isinstance(value, str) and _numeric(value):
                found = "text (remove the quotes)" if path in self.src.quoted else _unread_number(value)
            self.fail(path, f"expected {describe(hint)}, found {found}")
            return None
        if value != value or value in (float("inf"), float("-inf")):
            self.fail(path, "expected a finite number")
            return None
        lo, hi = rules.get("min"), rules.get("max")
        if lo is not None and value < lo:
            self.fail(path, f"{value} is below the minimum {lo}")
            return None
        if hi is not None and value > hi:
            self.fail(path, f"{value} is above the maximum {hi}")
            return None
        return self._check(hint(value), path, rules)

    def _list(self, hint: Any, value: Any, path: PathKey, rules: dict) -> list | None:
        if not isinstance(value, list):
            self.fail(path, f"expected {describe(hint)}, found {_kind(value)}")
            return None
        (item,) = typing.get_args(hint)
        lo, hi = rules.get("min_items"), rules.get("max_items")
        if lo is not None and len(value) < lo:
            self.fail(path, f"has {len(value)} item(s); at least {lo} expected")
        if hi is not None and len(value) > hi:
            self.fail(path, f"has {len(value)} items; at most {hi} fit")
        item_rules = {k: rules[k] for k in ("max_len", "allow_empty") if rules.get(k)}
        out = [self.convert(item, v, path + (i,), item_rules) for i, v in enumerate(value)]
        if any(o is None for o in out):
            return None  # the items' problems are reported; a list-level check would only echo them
        return self._check(out, path, rules)

    def _dict(self, hint: Any, value: Any, path: PathKey, rules: dict) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, f"expected {describe(hint)}, found {_kind(value)}")
            return None
        _, item = typing.get_args(hint)
        out = {k: self.convert(item, v, path + (k,)) for k, v in value.items()}
        return self._check(out, path, rules)

    def model(self, cls: type, value: Any, path: PathKey, max_len: int | None = None) -> Any:
        """Convert a mapping into ``cls``; ``max_len`` (from the field holding it, e.g. a
        Text that is a one-line ambition) limits its text fields that set no limit."""
        pre = getattr(cls, "__shorthand__", None)
        if pre is not None and not isinstance(value, dict):
            value = pre(value)  # e.g. a Colour written as [c, m, y, k]
        if not isinstance(value, dict):
            self.fail(path, f"expected {describe(cls)}, found {_kind(value)}")
            return None
        fields = model_fields(cls)
        kwargs = {}
        misspelt = set()  # required fields an unknown key is a misspelling of: one problem, not two
        for key in value:
            if key not in fields:
                meant = closest(key, fields)
                misspelt.add(meant)
                self.fail(path + (key,), f"unknown key{suggest(key, fields)}; expected one of: "
                          + ", ".join(fields))
        before = len(self.problems)
        for name, info in fields.items():
            if name not in value:
                if info.required and name not in misspelt:
                    self.fail(path, f"{name!r} is missing (expected {describe(info.hint)})")
                continue
            rules = info.rules
            if max_len and not rules.get("max_len") and info.hint is str:
                rules = {**rules, "max_len": max_len}
            kwargs[name] = self.convert(info.hint, value[name], path + (name,), rules)
        if len(self.problems) > before or any(v is None and fields[k].required for k, v in kwargs.items()) \
                or any(name in fields and fields[name].required and name not in kwargs for name in misspelt):
            return None
        try:
            obj = cls(**kwargs)
        except (TypeError, ValueError) as exc:  # pragma: no cover - model invariant
            self.fail(path, str(exc))
            return None
        validate = getattr(obj, "__validate__", None)
        if validate is not None:
            for sub, msg in validate():
                self.fail(path + tuple(sub), msg)
        return obj


def _unread_number(text: str) -> str:
    """What to say of a number YAML read as text though it has no quotes: ``1e309``,
    ``inf`` (YAML 1.1 wants a decimal point in an exponent, and ``.inf`` for infinity)."""
    from decimal import Decimal

    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        return f"{text.strip()!r}, which is not a finite number"
    return f"{text.strip()!r}, which YAML reads as text: write it as {format(Decimal(text.strip()), 'f')}"


def load_model(cls: type, source: Source) -> tuple[Any, list[Problem]]:
    conv = Converter(source)
    obj = conv.model(cls, source.value, ())
    return obj, conv.problems
