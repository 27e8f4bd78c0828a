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
``<key>.json`` + ``<key>.sum`` and the same with ``.zh`` before the suffix. The sum
(sealed, ``memo.seal``) is written last and holds the size and SHA-256 of the TTF and
the JSON: an entry without one is incomplete (a killed preparation) and rebuilt
quietly; an entry whose files do not match it is damaged: rebuilt, with one warning
line. Both files are checked once per process (about 0.2 ms per variant), because the
TTF is what ReportLab embeds and the JSON what the composer measures.

The cache folder is the user's machine, not the project: when it cannot be written the
error names the folder and ``POSTER_GEN_CACHE`` (an ``InputError`` located at the folder,
not a ``FontError``, which callers locate at the layout's ``fonts:``).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Mapping, NamedTuple

from .. import disk_cache as memo
from ..disk_cache import default_cache_dir
from ..errors import FontError, InputError, Problem
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


def package_font(spec: str) -> Path:
    """Resolve ``package:<module>/<file>`` to a path inside an installed package.

    Uses ``find_spec`` so the (possibly heavy) package is located, not imported.
    Anything without the prefix is an ordinary path.
    """
    if not spec.startswith(PACKAGE_PREFIX):
        return Path(spec).expanduser()
    module, _, rel = spec[len(PACKAGE_PREFIX):].partition("/")
    if not module or not rel:
        raise FontError(f"font spec {spec!r} must look like 'package:<module>/<file>'", ("fonts", "file"))
    try:
        mspec = find_spec(module)
    except (ImportError, ValueError):
        mspec = None
    if mspec is None:
        raise FontError(f"font package {module!r} is not installed (needed for {spec!r})", ("fonts", "file"))
    roots = list(mspec.submodule_search_locations or [])
    if not roots and mspec.origin:
        roots = [str(Path(mspec.origin).parent)]
    for root in roots:
        candidate = Path(root) / rel
        if candidate.is_file():
            return candidate
    raise FontError(f"font file {rel!r} not found in package {module!r}", ("fonts", "file"))


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
    sum: Path


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
        for zh, stem in ((False, key), (True, f"{key}.zh")):
            plans[weight, zh] = _Plan(f"{ps_name}-zh" if zh else ps_name, fonts_dir / f"{stem}.ttf",
                                      fonts_dir / f"{stem}.json", fonts_dir / f"{stem}.sum")
    metrics = {k: _load_cached(plan) for k, plan in plans.items()}
    todo = sorted(k for k, m in metrics.items() if m is None)
    if todo:
        from . import convert  # cold path only: this is what imports fontTools

        outputs: dict[int, list] = {}
        for w, zh in todo:  # only the missing variants, but each weight drawn once
            p = plans[w, zh]
            outputs.setdefault(w, []).append(convert.Output(p.ps_name, str(p.ttf), str(p.json), zh))
        jobs_list = [convert.Job(w, source.family, tuple(outs)) for w, outs in outputs.items()]
        try:
            convert.build_all(str(path), source.face, chars, jobs_list, _workers(jobs, len(jobs_list)))
            for k in todo:
                _write_sum(plans[k])
        except OSError as exc:
            if exc.filename is None or Path(exc.filename).parent != fonts_dir:
                raise
            raise cache_error(fonts_dir, exc) from None
        for k in todo:
            metrics[k] = _load_cached(plans[k])
    result = {}
    for zh in (False, True):
        for role, w in weights.items():
            m, plan = metrics[w, zh], plans[w, zh]
            if m is None:
                raise InputError([Problem(str(fonts_dir), 0, 0, "", f"the prepared font for weight {w} "
                                          "cannot be read back from the font cache; set POSTER_GEN_CACHE to "
                                          "a folder on another disk")])
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
    entry = fonts_dir / f"cov-{digest[:24]}-{face}.ranges"  # sealed JSON: [[first, last], ...]
    got = memo.read_entry(entry, "the cached font coverage", "worked it out again", _ranges)
    if got is not None:
        return got
    from fontTools.ttLib import TTFont, TTLibError

    with open(path, "rb") as fh:
        head = fh.read(12)
    collection = head[:4] == b"ttcf"
    if not collection and face:
        raise FontError(f"face index {face} out of range: {path} is a single font (use face 0)", ("fonts", "face"))
    count = int.from_bytes(head[8:12], "big") if collection else 1
    if collection and not 0 <= face < count:
        raise FontError(f"face index {face} out of range: {path} has {count} faces (0-{count - 1})",
                        ("fonts", "face"))
    try:
        font = TTFont(str(path), fontNumber=face if collection else -1, lazy=True)
        cmap = font.getBestCmap() or {}
    except (TTLibError, OSError, AssertionError, IndexError, KeyError) as exc:
        raise FontError(f"{path.name} (face {face}) is not a font that can be read: {exc}", ("fonts", "file")) from None
    codes = sorted(cmap)
    ranges: list[list[int]] = []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    try:
        memo.write_entry(entry, json.dumps(ranges, separators=(",", ":")).encode("ascii"))
    except OSError:
        pass  # a read-only cache still works, it just reads the font again next time
    return frozenset(codes)


def _ranges(payload: bytes) -> frozenset[int]:
    return frozenset(c for a, b in json.loads(payload) for c in range(a, b + 1))


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
    entry = fonts_dir / f"src-{hashlib.sha1(ident.encode('utf-8')).hexdigest()[:24]}.digest"
    cached = memo.read_entry(entry, "the cached font digest", "hashed the font again", _hex_digest)
    if cached is not None:
        return cached
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    digest = h.hexdigest()
    try:
        memo.write_entry(entry, digest.encode("ascii"))
    except OSError:
        pass  # a read-only cache still works, it just re-hashes next time
    return digest


def _hex_digest(payload: bytes) -> str:
    text = payload.decode("ascii")
    if len(text) != 64 or set(text) - set("0123456789abcdef"):
        raise ValueError("not a SHA-256")
    return text


def _load_cached(plan: _Plan) -> FontMetrics | None:
    """Metrics of a complete, intact cache entry, or None: absent or incomplete (no sum
    yet), or damaged (its files do not match its sum, or its JSON is not metrics: then
    the sum is removed and one warning printed). Checked once per process: layouts
    sharing a font share the check and the metrics."""
    try:
        ident = tuple((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
                      for st in (os.stat(plan.sum), os.stat(plan.ttf), os.stat(plan.json)))
    except FileNotFoundError:
        if plan.sum.exists():
            _damaged(plan, "a file is missing")
        return None  # no sum: never prepared, or the preparation was killed
    except OSError:
        return None
    got = _LOADED.get(ident)
    if got is None:
        sums = memo.read_entry(plan.sum, "the cached font checksums", "prepared the font again", json.loads)
        if sums is None:
            return None
        try:
            if sums != _sums(plan.ttf.read_bytes(), (data := plan.json.read_bytes())):
                return _damaged(plan, "checksum mismatch")
            got = FontMetrics.loads(data)
        except OSError:
            return None
        except ValueError as exc:  # sealed but not metrics: a bug of ours or of the disk
            return _damaged(plan, str(exc))
        _LOADED[ident] = got
    return got


_LOADED: dict[tuple, FontMetrics] = {}


def _sums(ttf: bytes, metrics: bytes) -> dict[str, list]:
    """What a ``.sum`` holds: each file's size and SHA-256."""
    return {"ttf": [len(ttf), hashlib.sha256(ttf).hexdigest()],
            "json": [len(metrics), hashlib.sha256(metrics).hexdigest()]}


def _write_sum(plan: _Plan) -> None:
    """Complete an entry: its sum, from the files as written (``OSError`` if it cannot)."""
    sums = _sums(plan.ttf.read_bytes(), plan.json.read_bytes())
    memo.write_entry(plan.sum, json.dumps(sums, separators=(",", ":")).encode("ascii"))


def _damaged(plan: _Plan, why: str) -> None:
    try:
        st = os.stat(plan.sum)
    except OSError:
        return  # another process found it first
    memo.damaged(plan.sum, (st.st_dev, st.st_ino), f"the cached font {plan.ttf.name} in {plan.ttf.parent}",
                 "prepared it again", why)


def cache_error(folder: Path, exc: OSError) -> InputError:
    """The font cache folder cannot be written: the user's machine, not the project.
    One problem located at the folder, saying what to do and how to use another one."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        todo = "free some space on its disk"
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
        todo = "move the file that stands in its way"
    else:
        todo = "make it writable"
    return InputError([Problem(str(folder), 0, 0, "", f"the font cache cannot be written here "
                               f"({exc.strerror or exc}); {todo}, or set POSTER_GEN_CACHE to another folder")])


def _workers(jobs: int, n: int) -> int:
    if jobs < 0:
        raise FontError(f"jobs must be >= 0, got {jobs}")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n))


def _check_file(path: Path) -> Path:
    if not path.is_file():
        raise FontError(f"font file not found: {path}", ("fonts", "file"))
    return path


def _check_family(family: str) -> None:
    # The family becomes part of the PostScript name, which allows only a small alphabet.
    if not family or len(family) > 40 or not set(family) <= _PS_SAFE:
        raise FontError(f"font family {family!r} must be 1-40 characters of A-Z a-z 0-9 - _", ("fonts", "family"))


def _check_role(role: str, weight: object) -> None:
    if ZH_SUFFIX in role:
        raise FontError(f"font role {role!r} must not contain {ZH_SUFFIX!r} (it names the Chinese variant)",
                        ("fonts", "weights", role))
    if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 1000:
        raise FontError(f"weight for {role!r} must be an integer 1-1000, got {weight!r}", ("fonts", "weights", role))


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cache_error(path, exc) from None
