"""One door to PDFium for the whole process.

PDFium is not thread-safe: two threads opening or rendering documents at the same
time can crash the interpreter (a segfault, not an exception). The studio renders
thumbnails and previews on worker threads, so every in-process use of pypdfium2 goes
through :func:`pdfium` which holds a process-wide lock for the duration.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

LOCK = threading.RLock()


@contextmanager
def pdfium() -> Iterator[object]:
    """``with pdfium() as pdfium_module:`` -- pypdfium2, used by one thread at a time."""
    import pypdfium2

    with LOCK:
        yield pypdfium2
