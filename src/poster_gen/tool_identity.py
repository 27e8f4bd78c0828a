"""The tool's own identity, which keys everything it caches and records: standard
library only, as the no-op build asks for it before anything else is loaded."""
from __future__ import annotations

import functools
import hashlib
import os


@functools.lru_cache(maxsize=1)
def tool_digest() -> str:
    """The tool's own identity: its version and the size and modification time of each
    of its source files, so a changed renderer rebuilds what it made (stat only: the
    no-op build must stay cheap). Once per process: it keys the code that is running,
    and every memo lookup asks for it."""
    from . import __version__

    h = hashlib.sha256(__version__.encode())
    pkg = os.path.dirname(os.path.abspath(__file__))
    for dirpath, dirnames, filenames in os.walk(pkg):  # top-down: pruning dirnames skips them
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__" and d != "_project")
        for name in sorted(filenames):
            if name.endswith(".py"):
                st = os.stat(os.path.join(dirpath, name))
                h.update(f"{os.path.relpath(dirpath, pkg)}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()
