"""Walk loaded models for the strings (or bilingual texts) they hold, with the field path of each."""
from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from .yamlsrc import PathKey


def find(obj: Any, kind: type, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    """Every value of type ``kind`` inside ``obj`` (dataclasses, lists, dicts) with its path;
    a ``kind`` value is not looked into, nor a field no output prints (``meta(printed=False)``)."""
    if isinstance(obj, kind):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.metadata.get("printed", True):
                yield from find(getattr(obj, f.name), kind, path + (f.name,))
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from find(v, kind, path + (i,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from find(v, kind, path + (k,))


def strings(obj: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every string inside ``obj`` with its path."""
    return find(obj, str, path)


def texts(obj: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    """Every bilingual ``Text`` inside ``obj`` with its path."""
    from .models import Text

    return find(obj, Text, path)
