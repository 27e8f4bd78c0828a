"""Apply a plain JSON value to a ruamel round-trip document as the smallest change.

Used by ``yamlsave``: what did not change keeps its node (so its comments, quoting
and flow style), changed scalars keep the quoting of the value they replace, new
values copy the style of a sibling (a new key figure looks like the others), and
comments move with the entry they describe when entries are added, removed or
reordered.

ruamel hangs the comment lines *between* two entries on the end of the first one
(on its deepest last scalar), so a naive delete would take the next entry's comment
with it. Containers whose entries change are therefore handled in three steps:
detach those lines as the *lead* of the entry that follows, edit, then hang every
lead back on whatever now precedes its entry (the container's own trailing lines
go back on its new last entry).
"""
from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
                                      SingleQuotedScalarString)
from ruamel.yaml.tokens import CommentToken

_QUOTED = (DoubleQuotedScalarString, SingleQuotedScalarString)
_BLOCK = (LiteralScalarString, FoldedScalarString)


def to_plain(node: Any) -> Any:
    """The document as plain JSON-able values (dict, list, str, int, float, bool,
    None), key order kept."""
    if isinstance(node, dict):
        return {to_plain(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, (bool, ScalarBoolean)):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if node is None:
        return None
    raise TypeError(f"unsupported YAML value {node!r} ({type(node).__name__})")


def same(a: Any, b: Any) -> bool:
    """Equal as the loader sees it: 1 == 1.0, but true != 1 and "1" != 1."""
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() \
            and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) \
            and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b
    return type(a) is type(b) and a == b


def apply(doc: Any, new: Any) -> None:
    """Update ``doc`` (a mapping read by ``yamlsave.read``) in place to equal ``new``."""
    if not isinstance(doc, CommentedMap) or not isinstance(new, dict):
        raise TypeError("apply() needs a YAML mapping document and a dict")
    _merge_map(doc, new, [])


# -- comments between entries ------------------------------------------------------

def _path_to_end(container: Any, key: Any) -> list[tuple[Any, Any]]:
    """(container, key) from this entry down to its deepest last entry, where ruamel
    keeps the comment lines that follow it; flow collections print on one line, so
    the walk stops at them."""
    path = [(container, key)]
    node = container[key]
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node) and not node.fa.flow_style():
        last = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        path.append((node, last))
        node = node[last]
    return path


def _pos(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0  # ruamel's slot for what follows


def _pop_tail(container: Any, key: Any) -> str:
    """Detach the whole comment/blank lines after an entry (its end-of-line comment stays)."""
    rest = []
    for c, k in reversed(_path_to_end(container, key)):
        slot = c.ca.items.get(k)
        tok = slot[_pos(c)] if slot else None
        if isinstance(tok, CommentToken):
            head, sep, tail = tok.value.partition("\n")
            if tail:
                tok.value = head + sep
                rest.append(tail)
    return "".join(rest)


def _push_tail(container: Any, key: Any, text: str) -> None:
    if not text:
        return
    c, k = _path_to_end(container, key)[-1]
    slot = c.ca.items.setdefault(k, [None, None, None, None])
    tok = slot[_pos(c)]
    if isinstance(tok, CommentToken):
        tok.value = tok.value + ("" if tok.value.endswith("\n") else "\n") + text
    else:
        slot[_pos(c)] = CommentToken("\n" + text, CommentMark(0))


def _detach(container: Any, keys: list) -> tuple[dict, str]:
    """Leads by the key/index they precede, and the container's own trailing lines."""
    if container.fa.flow_style() or not keys:
        return {}, ""
    leads = {b: _pop_tail(container, a) for a, b in zip(keys, keys[1:])}
    return leads, _pop_tail(container, keys[-1])


def _reattach(container: Any, order: list, keys: list, leads: dict, end: str) -> None:
    """``order[j]`` is the old key/index now at ``keys[j]``; a lead goes after the new
    predecessor (after the entry itself when it became the first)."""
    for j, old in enumerate(order):
        if old is not None and leads.get(old):
            _push_tail(container, keys[j - 1] if j else keys[j], leads[old])
    if keys:
        _push_tail(container, keys[-1], end)


# -- merging -------------------------------------------------------------------------

def _merge_map(m: CommentedMap, new: dict, peers: list) -> None:
    """``peers``: the same-shaped mappings beside this one (the other items of its
    list), whose styles a new value copies."""
    old_keys = list(m)
    structural = any(k not in new for k in old_keys) or any(k not in m for k in new)
    leads, end = _detach(m, old_keys) if structural else ({}, "")
    for k in old_keys:
        if k not in new:
            del m[k]
            m.ca.items.pop(k, None)
    for k in list(m):
        if not same(to_plain(m[k]), new[k]):
            _replace(m, k, new[k], [p[k] for p in peers if isinstance(p, dict) and k in p])
    order = list(new)
    for idx, k in enumerate(order):
        if k not in m:
            like = _like(new[k], [p.get(k) for p in peers if isinstance(p, dict)])
            m.insert(_insert_at(m, order, idx), k, fresh(new[k], like))
    if structural:
        keys = list(m)
        _reattach(m, keys, keys, leads, end)


def _insert_at(m: CommentedMap, order: list, idx: int) -> int:
    """After the nearest earlier sibling (in the sender's order) that the file has;
    else before the nearest later one; else at the end."""
    present = list(m)
    for k in reversed(order[:idx]):
        if k in m:
            return present.index(k) + 1
    for k in order[idx + 1:]:
        if k in m:
            return present.index(k)
    return len(present)


def _merge_seq(seq: CommentedSeq, new: list) -> None:
    old = list(seq)
    plain = [to_plain(x) for x in old]
    pairs = _pair(plain, new)
    if pairs == list(range(len(old))):  # the same items in the same places
        for i, value in enumerate(new):
            if not same(plain[i], value):
                _replace(seq, i, value, old[:i] + old[i + 1:])
        return
    leads, end = _detach(seq, list(range(len(old))))
    items, notes = [], {}
    for j, i in enumerate(pairs):
        if i is None:
            items.append(fresh(new[j], _like(new[j], old)))
            continue
        same_item = same(plain[i], new[j])
        items.append(old[i] if same_item else _update(old[i], new[j], old[:i] + old[i + 1:]))
        if i in seq.ca.items:
            notes[j] = seq.ca.items[i]
    list.clear(seq)  # bypass CommentedSeq's per-index comment shifting: rebuilt below
    list.extend(seq, items)
    seq.ca.items.clear()
    seq.ca.items.update(notes)
    _reattach(seq, pairs, list(range(len(items))), leads, end)


def _pair(plain: list, new: list) -> list[int | None]:
    """For each new item the old item it continues (None: a new one): identical
    items first (in place, then moved), then the most alike of the same shape;
    an item of another shape only in its own place."""
    pairs: list[int | None] = [None] * len(new)
    free = set(range(len(plain)))

    def take(j: int, i: int) -> None:
        pairs[j] = i
        free.discard(i)

    for j, value in enumerate(new):
        if j < len(plain) and same(plain[j], value):
            take(j, j)
    for j, value in enumerate(new):
        if pairs[j] is None:
            i = next((i for i in sorted(free) if same(plain[i], value)), None)
            if i is not None:
                take(j, i)
    for j, value in enumerate(new):
        if pairs[j] is None:
            scored = [(_alike(plain[i], value), -abs(i - j), i) for i in free
                      if _shape(plain[i]) == _shape(value)]
            best = max(scored, default=None)
            if best is not None and (best[0] > 0 or best[2] == j):
                take(j, best[2])
    return pairs


def _shape(value: Any) -> str:
    return "map" if isinstance(value, dict) else "seq" if isinstance(value, list) else "scalar"


def _alike(a: Any, b: Any) -> int:
    if isinstance(a, dict) and isinstance(b, dict):
        return sum(1 for k in a if k in b and same(a[k], b[k]))
    if isinstance(a, list) and isinstance(b, list):
        return sum(1 for x, y in zip(a, b) if same(x, y))
    return 0


def _replace(container: Any, key: Any, new: Any, peers: list) -> None:
    """Change one entry; the lines after it stay after it, wherever its end now is."""
    tail = _pop_tail(container, key)
    container[key] = _update(container[key], new, peers)
    _push_tail(container, key, tail)


def _update(old: Any, new: Any, peers: list) -> Any:
    """``old`` changed to ``new``: collections are edited in place, anything else is
    replaced by a new value styled like the old one (or like a peer's)."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        _merge_map(old, new, peers)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        _merge_seq(old, new)
        return old
    return fresh(new, _like(new, [old, *peers]))


def _like(value: Any, candidates: list) -> Any:
    """The first candidate of the same shape as ``value``, to copy its style."""
    for c in candidates:
        if isinstance(value, dict) and isinstance(c, dict) or isinstance(value, list) and \
                isinstance(c, list) or isinstance(value, str) and isinstance(c, str):
            return c
    return None


def fresh(value: Any, like: Any = None) -> Any:
    """A new node for ``value`` in the style of ``like``: flow or block collections,
    the same quotes for text. Multi-line text becomes a literal block when that can
    hold it exactly."""
    if isinstance(value, dict):
        out = CommentedMap()
        if isinstance(like, CommentedMap) and like.fa.flow_style():
            out.fa.set_flow_style()
        for k, v in value.items():
            out[k] = fresh(v, like.get(k) if isinstance(like, dict) else None)
        return out
    if isinstance(value, list):
        seq = CommentedSeq()
        if isinstance(like, CommentedSeq) and like.fa.flow_style():
            seq.fa.set_flow_style()
        pool = list(like) if isinstance(like, list) else []
        for v in value:
            seq.append(fresh(v, _like(v, pool)))
        return seq
    if isinstance(value, str):
        if isinstance(like, _QUOTED):
            return type(like)(value)
        if "\n" in value.strip("\n") and _literal_ok(value):
            return type(like)(value) if isinstance(like, _BLOCK) else LiteralScalarString(value)
        return str(value)
    return value


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    return not text[:1].isspace() and "\t" not in text and "\r" not in text \
        and all(line == line.rstrip(" ") for line in lines)
