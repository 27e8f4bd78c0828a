"""Stage front modules name their entry points without importing them: a module
``__getattr__`` (PEP 562) imports an entry point's module on first use, so importing
a stage package costs nothing and the no-op build stays on the standard library."""
from __future__ import annotations

import importlib
TYPE_CHECKING = False  # typing's own flag without importing typing (the no-op build imports this)
if TYPE_CHECKING:
    from typing import Any, Callable, Mapping


def entry_points(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: ``table`` maps each public name to the
    submodule that defines it."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
