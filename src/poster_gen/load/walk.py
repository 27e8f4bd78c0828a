"""Walk loaded models for the strings they hold, with the field path of each."""
from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from .yamlsrc import PathKey


def strings(obj: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every string inside ``obj`` (dataclasses, lists, dicts) with its path."""
    if isinstance(obj, str):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from strings(getattr(obj, f.name), path + (f.name,))
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from strings(v, path + (i,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings(v, path + (k,))


def texts(obj: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    """Every bilingual ``Text`` inside ``obj`` with its path."""
    from .models import Text

    if isinstance(obj, Text):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from texts(getattr(obj, f.name), path + (f.name,))
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from texts(v, path + (i,))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from texts(v, path + (k,))
