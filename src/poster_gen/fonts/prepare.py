"""Prepare ReportLab-ready TrueType subsets of a (variable, CFF2) font, with a cache.

ReportLab only reads TrueType (glyf) outlines, while the CJK font we ship is a
variable CFF2 collection. ``convert`` turns it into small static glyf fonts per
weight; that costs about a second, so the result is cached under a key made of
everything that determines the bytes (font content, face, weight, family, character
set, pipeline version). This module is the cheap front door: a warm call only
stats the source file, reads a few tiny files and never imports fontTools.

Each weight comes in two variants, because ReportLab prints whatever glyph the cmap
names and Chinese and English want different punctuation (``forms``): the role
itself (``bold``: proportional quotes, for English runs) and ``bold:zh`` (full-width
quotes, dashes and ellipsis, for Chinese runs). Cache files: ``<key>.ttf`` +
``<key>.json`` and ``<key>.zh.ttf`` + ``<key>.zh.json``; each JSON is written after
its TTF, so an existing JSON implies a complete TTF.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Mapping, NamedTuple

from .metrics import FontMetrics

#: Bump when the conversion changes its output, so stale cache entries are ignored.
PIPELINE_VERSION = "5"

PACKAGE_PREFIX = "package:"

#: Always in the subset: ASCII, common CJK/Latin punctuation and spaces, so that
#: captions, numbers and units never depend on what the content happens to contain.
BASE_CHARS = (
    "".join(chr(c) for c in range(32, 127))
    + "\u00a0\u2009\u202f\u3000"  # no-break, thin, narrow no-break, ideographic space
    + "，。、：；！？（）《》〈〉「」『』【】〔〕“”‘’—–·•…％＋－＝×÷±°‰～￥"
    + "€£¥©®™§¶†‡«»¡¿′″"
)

#: Appended to a role for its Chinese variant: ``prepare_fonts`` returns "bold" and "bold:zh".
ZH_SUFFIX = ":zh"

_PS_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class FontError(Exception):
    """A font cannot be prepared; the message is one line, fit for the CLI."""


@dataclass(frozen=True)
class FontSource:
    """Where the glyphs come from: a font file and (for a collection) its face."""

    path: Path
    face: int = 0
    family: str = "PosterGenSans"


@dataclass(frozen=True)
class PreparedFont:
    """One variant of one weight, converted and subset, ready for
    ``reportlab.pdfbase.ttfonts.TTFont`` (``role`` ends in ``ZH_SUFFIX`` for the zh variant)."""

    role: str
    weight: int
    ttf_path: Path
    ps_name: str
    metrics: FontMetrics


def default_cache_dir() -> Path:
    """The cache root: $POSTER_GEN_CACHE, else $XDG_CACHE_HOME/poster-gen, else ~/.cache."""
    env = os.environ.get("POSTER_GEN_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "poster-gen"


def package_font(spec: str) -> Path:
    """Resolve ``package:<module>/<file>`` to a path inside an installed package.

    Uses ``find_spec`` so the (possibly heavy) package is located, not imported.
    Anything without the prefix is an ordinary path.
    """
    if not spec.startswith(PACKAGE_PREFIX):
        return Path(spec).expanduser()
    module, _, rel = spec[len(PACKAGE_PREFIX):].partition("/")
    if not module or not rel:
        raise FontError(f"font spec {spec!r} must look like 'package:<module>/<file>'")
    try:
        mspec = find_spec(module)
    except (ImportError, ValueError):
        mspec = None
    if mspec is None:
        raise FontError(f"font package {module!r} is not installed (needed for {spec!r})")
    roots = list(mspec.submodule_search_locations or [])
    if not roots and mspec.origin:
        roots = [str(Path(mspec.origin).parent)]
    for root in roots:
        candidate = Path(root) / rel
        if candidate.is_file():
            return candidate
    raise FontError(f"font file {rel!r} not found in package {module!r}")


def charset(text: str) -> str:
    """The sorted set of drawable characters: ``text`` plus ``BASE_CHARS``, minus controls."""
    chars = {c for c in set(text) if c >= " " and not "\x7f" <= c <= "\x9f"}
    chars.update(BASE_CHARS)
    return "".join(sorted(chars))


class _Plan(NamedTuple):
    """Where one variant of one weight lives in the cache."""

    ps_name: str
    ttf: Path
    json: Path


def prepare_fonts(
    source: FontSource,
    weights: Mapping[str, int],
    text: str,
    cache_dir: Path | None = None,
    jobs: int = 0,
) -> dict[str, PreparedFont]:
    """Return a prepared font per role and one per ``role + ZH_SUFFIX``, building (in
    parallel) only what is not cached.

    Characters the font lacks are simply absent from ``metrics.advances``; reporting
    them is the caller's job (``FontMetrics.missing``).
    """
    _check_family(source.family)
    path = _check_file(Path(source.path))
    fonts_dir = (cache_dir if cache_dir is not None else default_cache_dir()) / "fonts"
    _mkdir(fonts_dir)
    digest = file_digest(path, fonts_dir)
    covered = coverage(path, source.face, fonts_dir, digest)
    # characters the font lacks cannot be drawn anyway; leaving them out keeps the key
    # (and the prepared files) unchanged when someone pastes an emoji
    chars = "".join(c for c in charset(text) if ord(c) in covered)
    plans: dict[tuple[int, bool], _Plan] = {}
    for role, weight in weights.items():
        _check_role(role, weight)
        key = cache_key(digest, source.face, weight, source.family, chars)
        ps_name = f"{source.family}-W{weight}-{key[:8]}"
        plans[weight, False] = _Plan(ps_name, fonts_dir / f"{key}.ttf", fonts_dir / f"{key}.json")
        plans[weight, True] = _Plan(f"{ps_name}-zh", fonts_dir / f"{key}.zh.ttf", fonts_dir / f"{key}.zh.json")
    metrics = {k: _load_cached(plan) for k, plan in plans.items()}
    todo = sorted(k for k, m in metrics.items() if m is None)
    if todo:
        from . import convert  # cold path only: this is what imports fontTools

        outputs: dict[int, list] = {}
        for w, zh in todo:  # only the missing variants, but each weight drawn once
            p = plans[w, zh]
            outputs.setdefault(w, []).append(convert.Output(p.ps_name, str(p.ttf), str(p.json), zh))
        jobs_list = [convert.Job(w, source.family, tuple(outs)) for w, outs in outputs.items()]
        convert.build_all(str(path), source.face, chars, jobs_list, _workers(jobs, len(jobs_list)))
        for k in todo:
            metrics[k] = _load_cached(plans[k])
    result = {}
    for zh in (False, True):
        for role, w in weights.items():
            m, plan = metrics[w, zh], plans[w, zh]
            if m is None:
                raise FontError(f"font preparation left no usable files for weight {w} in {fonts_dir}")
            name = role + ZH_SUFFIX if zh else role
            result[name] = PreparedFont(name, w, plan.ttf, plan.ps_name, m)
    return result


def font_coverage(source: FontSource, cache_dir: Path | None = None) -> frozenset[int]:
    """Every code point the font can draw (cached; fontTools only on the first call)."""
    path = _check_file(Path(source.path))
    fonts_dir = (cache_dir if cache_dir is not None else default_cache_dir()) / "fonts"
    _mkdir(fonts_dir)
    return coverage(path, source.face, fonts_dir, file_digest(path, fonts_dir))


_COVERAGE: dict[tuple[str, int], frozenset[int]] = {}


def coverage(path: Path, face: int, fonts_dir: Path, digest: str) -> frozenset[int]:
    key = (str(fonts_dir), digest, face)  # per cache folder: each gets its memo file written
    if key not in _COVERAGE:
        _COVERAGE[key] = _coverage(path, face, fonts_dir, digest)
    return _COVERAGE[key]


def _coverage(path: Path, face: int, fonts_dir: Path, digest: str) -> frozenset[int]:
    memo = fonts_dir / f"cov-{digest[:24]}-{face}.json"
    try:
        ranges = json.loads(memo.read_text(encoding="ascii"))
        return frozenset(c for a, b in ranges for c in range(a, b + 1))
    except (OSError, ValueError, TypeError):
        pass
    from fontTools.ttLib import TTFont, TTLibError

    with open(path, "rb") as fh:
        head = fh.read(12)
    collection = head[:4] == b"ttcf"
    if not collection and face:
        raise FontError(f"face index {face} out of range: {path} is a single font (use face 0)")
    count = int.from_bytes(head[8:12], "big") if collection else 1
    if collection and not 0 <= face < count:
        raise FontError(f"face index {face} out of range: {path} has {count} faces (0-{count - 1})")
    try:
        font = TTFont(str(path), fontNumber=face if collection else -1, lazy=True)
        cmap = font.getBestCmap() or {}
    except (TTLibError, OSError, AssertionError, IndexError, KeyError) as exc:
        raise FontError(f"{path.name} (face {face}) is not a font that can be read: {exc}") from None
    codes = sorted(cmap)
    ranges: list[list[int]] = []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    try:
        atomic_write(memo, json.dumps(ranges, separators=(",", ":")).encode("ascii"))
    except FontError:
        pass
    return frozenset(codes)


def cache_key(digest: str, face: int, weight: int, family: str, chars: str) -> str:
    """Hex key over everything that determines the prepared font's bytes."""
    payload = json.dumps([PIPELINE_VERSION, digest, face, weight, family, chars], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def file_digest(path: Path, fonts_dir: Path) -> str:
    """SHA-256 of the font file, memoised by (path, size, mtime_ns).

    Hashing 32 MB on every run would cost more than the whole warm path, so the
    digest is remembered in a tiny file named after the stat identity.
    """
    st = path.stat()
    ident = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    memo = fonts_dir / f"src-{hashlib.sha1(ident.encode('utf-8')).hexdigest()[:24]}.sha256"
    try:
        cached = memo.read_text(encoding="ascii").strip()
        if len(cached) == 64:
            return cached
    except (OSError, UnicodeDecodeError):
        pass
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    digest = h.hexdigest()
    try:
        atomic_write(memo, digest.encode("ascii"))
    except FontError:
        pass  # a read-only cache still works, it just re-hashes next time
    return digest


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temp file in the same directory + ``os.replace``.

    Another process preparing the same font at the same time then sees either no
    file or a complete one, never a half-written one. (``os.open`` with 0o666
    rather than ``mkstemp`` so the cache files get the usual umask permissions.)
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise FontError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _load_cached(plan: _Plan) -> FontMetrics | None:
    """Metrics of a complete cache entry, or None (absent or unreadable: rebuild it).

    The JSON is written after the TTF, so an existing JSON implies a complete TTF.
    """
    if not (plan.ttf.is_file() and plan.json.is_file()):
        return None
    try:
        st = plan.json.stat()
        key = (str(plan.json), st.st_size, st.st_mtime_ns)
        got = _LOADED.get(key)
        if got is None:  # layouts sharing a font share its metrics: read once per process
            got = _LOADED[key] = FontMetrics.load(plan.json)
        return got
    except (OSError, ValueError):
        return None


_LOADED: dict[tuple[str, int, int], FontMetrics] = {}


def _workers(jobs: int, n: int) -> int:
    if jobs < 0:
        raise FontError(f"jobs must be >= 0, got {jobs}")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n))


def _check_file(path: Path) -> Path:
    if not path.is_file():
        raise FontError(f"font file not found: {path}")
    return path


def _check_family(family: str) -> None:
    # The family becomes part of the PostScript name, which allows only a small alphabet.
    if not family or len(family) > 40 or not set(family) <= _PS_SAFE:
        raise FontError(f"font family {family!r} must be 1-40 characters of A-Z a-z 0-9 - _")


def _check_role(role: str, weight: object) -> None:
    if ZH_SUFFIX in role:
        raise FontError(f"font role {role!r} must not contain {ZH_SUFFIX!r} (it names the Chinese variant)")
    if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 1000:
        raise FontError(f"weight for {role!r} must be an integer 1-1000, got {weight!r}")


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FontError(f"cannot create font cache directory {path}: {exc.strerror}") from exc
