"""Where display type may break a line: between words, never inside one (W3C clreq).

Chinese is cut into words by jieba (accurate mode), with the project's own terms added to
a private copy of its dictionary. Its HMM is on: it only joins runs of single characters
the dictionary lacks (愿景, 晶圆, 共赢, 刘德音), so it can remove a break, never add one. Token
boundaries are then refined: no break after a conjunction or preposition (与 和 在 ...),
none before a particle or suffix (的 等 性 ...), a numeral keeps its 第, its 万/亿, its %
and its measure word (第4, 20余所, 300–500亿元, 2019年), and a run of Latin letters and
digits (GDP, 5G, 2019) is one word. Kinsoku is the caller's business.

jieba's own loader reads its 500,000-entry dictionary whole (about a second); here the
dictionary is grouped by first character once (0.3 s, kept in the cache) and a shard is
parsed only when a sentence looks up a word starting with its character. Results are
memoised in process and on disk as well: a warm build never imports jieba.
"""
from __future__ import annotations

import os
import re
import sys
import threading
from functools import lru_cache
from pathlib import Path

from ..disk_cache import memoised

# Words that bind to what follows (no break after them) or to what precedes (none before).
BIND_NEXT = frozenset("与 和 及 并 或 对 在 把 为 从 向 以 于 跟 同 将 被 由 按 经 自 至 给 比 暨 而 且 "
                      "以及 并且 或者 而且 关于 对于 通过 根据 按照 作为 面向 围绕 依托 基于 为了 由于 随着".split())
BIND_PREV = frozenset("的 地 得 之 等 了 着 过 们 性 化 者 式 型 级 类 率 上 中 内".split())
MEASURE = frozenset("个家所年月日号次项条名人位座台辆款种批件元倍亩米吨度岁届期层栋户支只篇张部本套周天季")
# A number: optional 第, digits with decimals, an optional range, 万/亿 and 余/多, % or +.
NUMBER = re.compile(r"第?\d+(?:[.,]\d+)*(?:[–—~～-]\d+(?:[.,]\d+)*)?[十百千万亿]*[余多]?[十百千万亿]*[%％‰+＋]?")
WORD_FREQ = 100_000  # as common as the commonest words: the project's terms win
_LOCK = threading.Lock()


def word_breaks(text: str, words: tuple[str, ...] = ()) -> frozenset[int]:
    """Positions i (0 < i < len(text)) where display type may break a line between
    text[i-1] and text[i], judged by the words of the text. Every position NOT in
    the set is forbidden for display type. ``words``: extra dictionary words (the
    project's landmark terms) that must never be split.

    Convention: i is a break position if a line may end with ``text[:i]``. At a run of
    spaces (or tabs, newlines) only its first index is one: the line ends before the
    spaces and the next begins after them ("Chip design" -> {4}); no position inside or
    right after the run is. A hyphen between two Latin letters may end a line
    ("state-|of"). A term in ``words`` is never split, not even at a space inside it.
    Positions next to punctuation may be present: kinsoku is left to the caller."""
    return _breaks(text, tuple(sorted({w for w in words if w})))


@lru_cache(maxsize=8192)
def _breaks(text: str, words: tuple[str, ...]) -> frozenset[int]:
    if len(text) < 2:
        return frozenset()
    return memoised("words", ("word_breaks", text, words, jieba_identity()),
                    lambda: frozenset(_compute(text, words)))


def _compute(text: str, words: tuple[str, ...]) -> set[int]:
    tokens = list(_tokenizer(words).cut(text, HMM=True))
    starts = [0]
    for t in tokens:
        starts.append(starts[-1] + len(t))
    ok = set(starts[1:-1])
    for a, b, p in zip(tokens, tokens[1:], starts[1:]):
        if a in BIND_NEXT or b in BIND_PREV:
            ok.discard(p)
    token_end = {i: e for s, e in zip(starts, starts[1:]) for i in range(s, e)}
    for m in NUMBER.finditer(text):
        end = m.end()
        if end < len(text) and text[end] in MEASURE:
            end = token_end[end]  # the measure word, or the unit it begins (年度, 亿元)
        ok.difference_update(range(m.start() + 1, end))
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if a.isspace() or b.isspace():
            ok.discard(i)
        elif _latin(a) and _latin(b):  # one Latin word, number or URL; a hyphen may end a line
            if not (a == "-" and i > 1 and text[i - 2].isalpha() and b.isalpha()):
                ok.discard(i)
    ok.update(m.start() for m in re.finditer(r"\s+", text) if m.start())
    for w in words:  # last: a term is never split, not even at a space inside it
        for m in re.finditer(f"(?={re.escape(w)})", text):
            ok.difference_update(range(m.start() + 1, m.start() + len(w)))
    return ok


def _latin(ch: str) -> bool:
    return not ch.isspace() and ord(ch) < 0x2E80 and ch not in "–—…“”‘’·•"


@lru_cache(maxsize=1)
def jieba_identity() -> tuple:
    """The installed jieba's version, told by its file's size and time, found without importing it."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or not spec.origin:
        return ()
    st = os.stat(spec.origin)
    return spec.origin, st.st_size, st.st_mtime_ns


def _tokenizer(words: tuple[str, ...]):
    with _LOCK:
        return _with_words(words)


@lru_cache(maxsize=4)
def _with_words(words: tuple[str, ...]):
    """A private Tokenizer with ``words`` added: jieba's global one is left as it was."""
    base = _base()
    if not words:
        return base
    tk = type(base)()
    tk.FREQ, tk.total, tk.initialized = base.FREQ.copy(), base.total, True
    for w in words:
        tk.add_word(w, WORD_FREQ)
    return tk


class ShardedFreq:
    """jieba's word -> frequency table (every word's prefixes at 0), read by first
    character: a sentence looks up only words that start with its own characters, so
    only their shards are parsed (loading jieba's 500,000 entries whole costs a second).
    Writes (``add_word``) go to an overlay; ``copy`` shares the shards."""

    def __init__(self, shards: dict[str, str], parsed: dict | None = None, overlay: dict | None = None):
        self._shards, self._parsed, self._overlay = shards, {} if parsed is None else parsed, dict(overlay or {})

    def _shard(self, ch: str) -> dict[str, int]:
        got = self._parsed.get(ch)
        if got is None:  # "word freq tag" lines; every prefix of a word is there too, at 0
            got = {}
            for line in self._shards.get(ch, "").split("\n"):
                word, _, rest = line.partition(" ")
                if word:
                    got[word] = int(rest.partition(" ")[0] or 0)
            for word in list(got):
                for k in range(1, len(word)):
                    got.setdefault(word[:k], 0)
            self._parsed[ch] = got
        return got

    def get(self, word: str, default=None):
        if word in self._overlay:
            return self._overlay[word]
        return self._shard(word[0]).get(word, default) if word else default

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        got = self.get(word)
        if got is None:
            raise KeyError(word)
        return got

    def __setitem__(self, word: str, freq: int) -> None:
        self._overlay[word] = freq

    def copy(self) -> "ShardedFreq":
        return ShardedFreq(self._shards, self._parsed, self._overlay)


def _unmarshal(payload: bytes) -> tuple[dict[str, str], int]:
    """The shards and total from a checked payload (anything else is damage)."""
    import marshal

    shards, total = marshal.loads(payload)
    if not isinstance(shards, dict) or not isinstance(total, int):
        raise ValueError("not a word list")
    return shards, total


def _shards(dict_path: str, cache: Path) -> tuple[dict[str, str], int]:
    """jieba's ``dict.txt`` lines grouped by first character (0.3 s, not the second its
    own loader takes), and the frequencies' total; kept (marshal) in the project's cache."""
    import marshal

    from ..disk_cache import read_entry, write_entry

    kept = read_entry(cache, "the cached word list", "grouped it again", _unmarshal)
    if kept is not None:
        return kept
    with open(dict_path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    groups: dict[str, list[str]] = {}
    total = 0
    for line in lines:
        if line:
            groups.setdefault(line[0], []).append(line)
            total += int(line.split(" ", 2)[1])
    data = ({ch: "\n".join(g) for ch, g in groups.items()}, total)
    try:
        write_entry(cache, marshal.dumps(data))
    except OSError:
        pass  # a read-only cache: grouped again next time
    return data


@lru_cache(maxsize=1)
def _base():
    """jieba's tokenizer over its own dictionary, loaded once, silently, by shards."""
    import logging
    import warnings

    blocked = "pkg_resources" not in sys.modules
    if blocked:  # jieba only wants it to open its own files; importing it costs 0.1 s and warns
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning on invalid escapes, deprecations
            import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    for name in ("jieba", "jieba._compat"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    from ..disk_cache import default_cache_dir

    dict_path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    st = os.stat(dict_path)
    shards, total = _shards(dict_path, default_cache_dir() / "jieba" / f"shards-sealed-{st.st_size}-{st.st_mtime_ns}.marshal")
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = ShardedFreq(shards), total, True
    return tk
