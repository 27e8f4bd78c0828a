"""A cache bounded by entries and by bytes: the studio's drawn pictures and preflight
results (a long session, or a hostile page, cannot grow the server's memory)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable


class LRU:
    """A cache bounded by entries and by bytes (``size`` of a value), least recently used
    out first; thread-safe."""

    def __init__(self, max_bytes: int, max_entries: int, size: Callable[[Any], int] = lambda v: 1):
        self.max_bytes, self.max_entries, self.size = max_bytes, max_entries, size
        self.items: OrderedDict = OrderedDict()
        self.bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        n = self.size(value)
        with self._lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.bytes -= self.size(old)
            if n > self.max_bytes:
                return  # larger than the whole budget: not kept
            self.items[key] = value
            self.bytes += n
            while self.bytes > self.max_bytes or len(self.items) > self.max_entries:
                _, gone = self.items.popitem(last=False)
                self.bytes -= self.size(gone)

    def __len__(self) -> int:
        return len(self.items)

    def keys(self) -> list:
        with self._lock:
            return list(self.items)
