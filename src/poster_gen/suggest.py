"""The one "did you mean" of the tool: for an unknown name, the known one it is most
likely a misspelling of (a close match; failing that, one with the same first three
letters; failing that, a looser match)."""
from __future__ import annotations

import difflib


def closest(word: str, choices) -> str | None:
    """The choice ``word`` is most likely a misspelling of, if any."""
    options = [str(c) for c in choices]
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not found:
        same_start = [o for o in options if o.startswith(word[:3])] if len(word) >= 3 else []
        found = same_start[:1] or difflib.get_close_matches(word, options, n=1, cutoff=0.4)
    return found[0] if found else None


def suggest(word: str, choices) -> str:
    """`` (did you mean 'x'?)`` to append to a message, or nothing."""
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close else ""
