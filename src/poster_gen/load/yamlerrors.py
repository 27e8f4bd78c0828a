"""What a YAML reader's complaint means for the user, located at the line to change.

libyaml reports some mistakes by their symptom, far from the cause or with no line at
all. These find the cause in the text, only once parsing has failed (so a good file
costs nothing):

- a character YAML does not accept (NUL, ESC, the C1 controls, U+FFFE ...) is reported by
  position only: each is named with its line, column and code point;
- a raw LINE SEPARATOR, PARAGRAPH SEPARATOR or NEXT LINE (U+2028, U+2029, U+0085) is a
  line break to YAML but not to an editor, so the error it causes points elsewhere;
- a key longer than 1024 characters (YAML's limit for a simple key) is reported as a
  missing ':' although the colon is there;
- an escape of half a UTF-16 surrogate pair (``"\\ud83d\\ude80"``, as JSON writes 🚀) is an
  "invalid Unicode character escape code": say which character to write instead.
"""
from __future__ import annotations

import re

from .textrules import char_name

MAX_KEY = 1024  # characters: YAML's limit for a simple (implicit) key
MAX_SHOWN = 5  # characters named one by one; the last line counts the rest

# what YAML 1.1 accepts in a stream (PyYAML's Reader.NON_PRINTABLE)
_UNACCEPTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")
_SURROGATE_ESCAPE = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})(?:\\u([dD][c-fC-F][0-9a-fA-F]{2}))?")


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``, lines as an editor counts them."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def unacceptable(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for each character YAML refuses to read."""
    found = []
    hits = list(_UNACCEPTABLE.finditer(text))
    for n, m in enumerate(hits[:MAX_SHOWN]):
        ch = m.group()
        line, col = position(text, m.start())
        what = "the NUL character (U+0000)" if ch == "\0" else \
            f"the control character U+{ord(ch):04X} ({char_name(ch)})" if ord(ch) < 0xA0 else \
            f"the character U+{ord(ch):04X} ({char_name(ch)})"
        message = f"remove {what} at line {line}, column {col}; YAML does not accept it in a file"
        if n == MAX_SHOWN - 1 and len(hits) > MAX_SHOWN:
            message += f" (and {len(hits) - MAX_SHOWN} more such characters further on)"
        found.append((line, col, message))
    return found


def hidden_breaks(text: str, upto: int) -> list[tuple[int, int, str]]:
    """(line, column, message) for each line break an editor does not show as one, up to
    ``upto`` (where the reader failed: a break after it is not the cause)."""
    found = []
    for m in list(_HIDDEN_BREAK.finditer(text, 0, upto + 1))[:MAX_SHOWN]:
        ch = m.group()
        line, col = position(text, m.start())
        found.append((line, col, f"remove the {char_name(ch)} (U+{ord(ch):04X}) at line {line}, column {col}: "
                                 "YAML reads it as a line break (use a real line break, or a space)"))
    return found


def long_key(text: str, line: int) -> tuple[int, int, str] | None:
    """The key over YAML's length limit on ``line`` (1-based) or, failing that, on any line."""
    lines = text.split("\n")
    order = ([line - 1] if 0 < line <= len(lines) else []) + list(range(len(lines)))
    for i in order:
        raw = lines[i]
        if len(raw) <= MAX_KEY:
            continue
        for m in re.finditer(r":(?=[ \t,\]}]|$)", raw):
            start = _key_start(raw, m.start())
            length = m.start() - start
            if length > MAX_KEY:
                return (i + 1, start + 1, f"this key is {length:,} characters long; YAML reads a key of at most "
                                          f"{MAX_KEY} characters: shorten it")
    return None


def _key_start(raw: str, colon: int) -> int:
    """Where the key ending at ``colon`` begins: after the indentation, a '- ' or '? ',
    or the flow indicator ('{', '[', ',') before it."""
    head = raw[:colon]
    in_flow = any(c in head for c in "{[")
    start = len(head) - len(head.lstrip(" "))
    while head[start:start + 2] in ("- ", "? "):
        start += 2
        start += len(head[start:]) - len(head[start:].lstrip(" "))
    if in_flow:
        cut = max(head.rfind(c) for c in "{[,")
        if cut >= start:
            start = cut + 1
            start += len(head[start:]) - len(head[start:].lstrip(" "))
    return start


def surrogate_escape(text: str, line: int) -> tuple[int, int, str] | None:
    """A ``\\uD83D`` escape on ``line``: which character to write instead."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    m = _SURROGATE_ESCAPE.search(lines[line - 1])
    if m is None:
        return None
    high = int(m.group(1), 16)
    fix = "the character itself"
    if m.group(2):
        cp = 0x10000 + ((high - 0xD800) << 10) + (int(m.group(2), 16) - 0xDC00)
        fix = f"\\U{cp:08X} (or the character {chr(cp)} itself)"
    return (line, m.start() + 1, f"{m.group(0)[:6]} is half of a UTF-16 surrogate pair; write {fix} in its place")
