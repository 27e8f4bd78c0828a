"""Cold path of font preparation: variable CFF2 (or any sfnt) -> small static glyf font.

Imported only when the cache misses, because fontTools costs ~0.1 s to import.

Rather than subsetter + ``varLib.instancer`` + cu2qu (about 2 s per weight for
~500 characters), each needed glyph is drawn straight from the variable font at
the requested location (``getGlyphSet(location=...)`` applies CFF2 blends and
HVAR) through cu2qu into a TrueType glyph, and a fresh font is assembled with
``FontBuilder``. Nothing else of the source is copied, so layout tables (GSUB,
GPOS; ReportLab does not shape) and variation tables never reach the output.
Loading the face once and forking the workers lets all weights share that work.

Each weight is drawn and compiled once and saved twice, with the Latin and the zh
cmap (``forms``: which punctuation is proportional, which full-width), as two fonts
with their own names and metrics.
"""
from __future__ import annotations

import copy
import gc
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools.fontBuilder import FontBuilder
from fontTools.misc.roundTools import otRound
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.filterPen import DecomposingFilterPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from .forms import glyph_maps
from .metrics import FontMetrics
from ..atomic import atomic_write
from ..errors import FontError

#: Measured for ``FontMetrics.ideo_top``: a closed box-shaped ideograph.
REFERENCE_IDEOGRAPH = "国"
#: Name records carried over from the source (copyright, version, maker, licence).
KEPT_NAME_IDS = (0, 5, 8, 9, 13, 14)
#: Source tables the output never uses (GSUB stays: ``forms`` reads tnum, pwid and fwid).
UNUSED_TABLES = ("vhea", "vmtx", "VVAR", "VORG", "BASE", "GPOS", "GDEF", "DSIG", "STAT", "JSTF", "MATH")


@dataclass(frozen=True)
class Output:
    """One variant of a weight to write; paths as str so it pickles cheaply."""

    ps_name: str
    ttf_path: str
    json_path: str
    zh: bool  # the zh cmap (full-width punctuation), else the Latin one


@dataclass(frozen=True)
class Job:
    """One weight to draw, and the variants of it to write."""

    weight: int
    family: str
    outputs: tuple[Output, ...]


class Source:
    """One face of a font file, opened once and shared by every weight."""

    def __init__(self, path: str, face: int, chars: str) -> None:
        self.key = (path, face, chars)
        self.path, self.face = path, face
        self.font = _open_face(path, face)
        for tag in UNUSED_TABLES:
            if tag in self.font:
                del self.font[tag]  # else getGlyphSet decodes vertical metrics too
        self.cubic = "glyf" not in self.font
        self.cmap: dict[int, str] = self.font.getBestCmap() or {}
        self.chars = chars
        axes = self.font["fvar"].axes if "fvar" in self.font else []
        self.wght = next(((a.minValue, a.maxValue) for a in axes if a.axisTag == "wght"), None)

    def location(self, weight: int) -> dict[str, float] | None:
        """The design location for ``weight``; None for a static font (weight is a label)."""
        if self.wght is None:
            return None
        lo, hi = self.wght
        if not lo <= weight <= hi:
            raise FontError(
                f"weight {weight} is outside the wght axis {lo:g}-{hi:g} of {self.path} (face {self.face})",
                ("fonts", "weights"))
        return {"wght": float(weight)}


def build_all(path: str, face: int, chars: str, jobs: list[Job], workers: int) -> None:
    """Build every job, using up to ``workers`` processes.

    The parent loads the face once and takes its own share of the jobs; forked
    workers inherit the parsed font (``_SHARED``) instead of re-reading it.
    """
    global _SHARED
    src = Source(path, face, chars)
    for job in jobs:
        src.location(job.weight)  # fail fast, before any worker starts
    workers = min(workers, len(jobs))
    if workers <= 1:
        for job in jobs:
            build_one(src, job)
        return
    from concurrent.futures.process import BrokenProcessPool

    from ..parallel import fork_context, process_pool

    ctx = fork_context()  # fork lets workers inherit the parsed font; elsewhere each reloads it
    frozen = ctx is not None and not gc.get_freeze_count()
    if ctx is not None:
        _SHARED = src
    if frozen:
        gc.freeze()  # keep the children's GC from touching (and copying) shared pages
    try:
        with process_pool(workers - 1, ctx) as pool:
            theirs = [job for i, job in enumerate(jobs) if i % workers]
            futures = [pool.submit(_run_job, (path, face, chars, job)) for job in theirs]
            for job in jobs[::workers]:
                build_one(src, job)
            for future in futures:
                future.result()
    except BrokenProcessPool as exc:
        raise FontError(f"a font preparation worker died ({exc}); retry with jobs=1") from exc
    finally:
        _SHARED = None
        if frozen:
            gc.unfreeze()


_SHARED: Source | None = None


def _run_job(args: tuple[str, int, str, Job]) -> None:
    path, face, chars, job = args
    src = _SHARED if _SHARED is not None and _SHARED.key == (path, face, chars) else Source(path, face, chars)
    build_one(src, job)


def build_one(src: Source, job: Job) -> None:
    """Draw one weight, assemble each variant and write it: its TTF first, then its JSON
    (an existing JSON implies a complete TTF)."""
    try:
        built = _convert(src, job)
    except FontError:
        raise
    except Exception as exc:  # fontTools errors are many; the CLI wants one line
        raise FontError(f"cannot convert {src.path} (face {src.face}) at weight {job.weight}: "
                        f"{type(exc).__name__}: {exc}") from exc
    for out, (data, metrics) in zip(job.outputs, built):
        atomic_write(Path(out.ttf_path), data)
        atomic_write(Path(out.json_path), metrics.to_json().encode("utf-8"))


def _convert(src: Source, job: Job) -> list[tuple[bytes, FontMetrics]]:
    """Each requested variant's font file and metrics, from one drawing of the weight.

    Both variants carry the glyphs of both cmaps (the other variant's few forms ride
    along unmapped), so a file's bytes do not depend on which variants were built
    together, and the outlines are compiled once: later variants reopen the first
    file and swap only cmap and names.
    """
    font = src.font
    loc = src.location(job.weight)
    gs = font.getGlyphSet(location=loc) if loc else font.getGlyphSet()
    latin, zh = glyph_maps(font, src.cmap, src.chars, gs)
    order = [".notdef"] + sorted((set(latin.values()) | set(zh.values())) - {".notdef"}, key=_first_code(latin))
    upem = font["head"].unitsPerEm
    glyphs = {name: _draw(gs, name, src.cubic, upem / 1000.0) for name in order}
    advances = {name: otRound(gs[name].width) for name in order}
    tables = _varied_tables(font, loc)
    fb = _builder(font, job.weight, order, latin, glyphs, advances, tables)
    built: list[tuple[bytes, FontMetrics]] = []
    for out in job.outputs:
        cmap = zh if out.zh else latin
        if built:
            reopened = TTFont(io.BytesIO(built[0][0]), recalcBBoxes=False, recalcTimestamp=False)
            reopened.setGlyphOrder(order)  # post format 3 has no names: restore ours
            fb = FontBuilder(font=reopened)
        fb.setupCharacterMap(cmap, allowFallback=True)
        fb.setupNameTable(_names(font, job, out), mac=False)
        buf = io.BytesIO()
        fb.font.save(buf)
        built.append((buf.getvalue(), _metrics(out.ps_name, upem, tables, gs, src.cmap, cmap, advances, glyphs)))
    return built


def _builder(font: TTFont, weight: int, order: list[str], cmap: dict[int, str], glyphs: dict[str, Any],
             advances: dict[str, int], tables: dict[str, Any]) -> FontBuilder:
    """A glyf font of ``glyphs`` with every table set up but the name table. OS/2 reads
    the code points off ``cmap``; both variants have the same ones."""
    upem = font["head"].unitsPerEm
    fb = FontBuilder(upem, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(cmap, allowFallback=True)
    fb.setupGlyf(glyphs)  # also computes each glyph's bounds (xMin... yMax)
    fb.setupHorizontalMetrics({n: (advances[n], getattr(glyphs[n], "xMin", 0)) for n in order})
    hhea = tables["hhea"]
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    fb.setupOS2(**_os2_values(tables["OS/2"], weight))
    post = tables["post"]
    fb.setupPost(keepGlyphNames=False, italicAngle=post.italicAngle, isFixedPitch=post.isFixedPitch,
                 underlinePosition=post.underlinePosition, underlineThickness=post.underlineThickness)
    src_head = font["head"]
    fb.updateHead(fontRevision=src_head.fontRevision, created=src_head.created,
                  modified=src_head.modified, macStyle=src_head.macStyle & 0x02)
    return fb


def _open_face(path: str, face: int) -> TTFont:
    """Open one face from bytes in memory: forked workers must not share a file offset."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise FontError(f"cannot read font file {path}: {exc.strerror}") from exc
    if data[:4] == b"ttcf":
        count = int.from_bytes(data[8:12], "big")
        if not 0 <= face < count:
            raise FontError(f"face index {face} out of range: {path} has {count} faces (0-{count - 1})")
    elif face != 0:
        raise FontError(f"face index {face} out of range: {path} is a single font (use face 0)")
    try:
        font = TTFont(io.BytesIO(data), fontNumber=face if data[:4] == b"ttcf" else -1, lazy=True)
        if not any(tag in font for tag in ("glyf", "CFF ", "CFF2")):
            raise FontError(f"{path} (face {face}) has no glyf or CFF outlines")
        if "CFF " not in font:
            # Glyph names are irrelevant to the output; synthesising them avoids
            # deriving 65k names from the cmap, the single biggest load cost.
            count = font["maxp"].numGlyphs
            font.setGlyphOrder([".notdef"] + [f"g{i}" for i in range(1, count)])
        return font
    except FontError:
        raise
    except Exception as exc:
        raise FontError(f"cannot read font {path} (face {face}): {type(exc).__name__}: {exc}") from exc


def _draw(gs: Any, name: str, cubic: bool, scale: float) -> Any:
    """One TrueType glyph: cubic outlines via cu2qu (reversed to glyf's clockwise
    winding), quadratic ones copied with components decomposed."""
    pen = TTGlyphPen(None)
    if cubic:
        gs[name].draw(Cu2QuPen(pen, max_err=1.0 * scale, reverse_direction=True))
    else:
        gs[name].draw(DecomposingFilterPen(pen, gs))
    return pen.glyph()


def _first_code(cmap: dict[int, str]) -> Any:
    """Sort key: glyphs in code point order keep the format-4 cmap to a few segments."""
    first: dict[str, int] = {}
    for code, name in sorted(cmap.items()):
        first.setdefault(name, code)
    return lambda name: (first.get(name, 0x110000), name)


def _varied_tables(font: TTFont, loc: dict[str, float] | None) -> dict[str, Any]:
    """OS/2, hhea and post at ``loc``: copies with MVAR deltas applied (if any)."""
    tables = {tag: copy.deepcopy(font[tag]) for tag in ("OS/2", "hhea", "post")}
    if not loc or "MVAR" not in font:
        return tables
    from fontTools.varLib.mvar import MVAR_ENTRIES
    from fontTools.varLib.varStore import VarStoreInstancer

    mvar = font["MVAR"].table
    inst = VarStoreInstancer(mvar.VarStore, font["fvar"].axes, font.normalizeLocation(loc))
    for rec in mvar.ValueRecord:
        tag, attr = MVAR_ENTRIES.get(rec.ValueTag, (None, None))
        if tag in tables and hasattr(tables[tag], attr):
            setattr(tables[tag], attr, otRound(getattr(tables[tag], attr) + inst[rec.VarIdx]))
    return tables


def _os2_values(os2: Any, weight: int) -> dict[str, Any]:
    """Source OS/2 fields, with weight, installable embedding and style bits set;
    ranges and average width are left to FontBuilder to recompute for the subset."""
    skip = {"tableTag", "xAvgCharWidth", "usFirstCharIndex", "usLastCharIndex", "usMaxContext",
            "ulUnicodeRange1", "ulUnicodeRange2", "ulUnicodeRange3", "ulUnicodeRange4"}
    values = {k: v for k, v in vars(os2).items() if k not in skip}
    italic = os2.fsSelection & 0x0001
    keep = os2.fsSelection & (0x0001 | 0x0080 | 0x0100 | 0x0200)  # italic, typo metrics, wws, oblique
    values.update(usWeightClass=weight, fsType=0, usMaxContext=0,
                  fsSelection=keep | (0 if italic else 0x0040))
    values["version"] = max(int(values.get("version", 3)), 2)  # sCapHeight/sxHeight need v2+
    return values


def _names(font: TTFont, job: Job, out: Output) -> dict[int, str]:
    """Unique names per weight, variant and charset, so ReportLab and viewers never merge them."""
    style = f"W{job.weight} ZH" if out.zh else f"W{job.weight}"
    names = {nid: font["name"].getDebugName(nid) for nid in KEPT_NAME_IDS}
    names = {nid: s for nid, s in names.items() if s}
    names.update({1: f"{job.family} {style}", 2: "Regular", 3: f"{out.ps_name};poster-gen",
                  4: f"{job.family} {style}", 6: out.ps_name, 16: job.family, 17: style})
    return names


def _metrics(ps_name: str, upem: int, tables: dict[str, Any], gs: Any, src_cmap: dict[int, str],
             cmap: dict[int, str], advances: dict[str, int], glyphs: dict[str, Any]) -> FontMetrics:
    os2, hhea = tables["OS/2"], tables["hhea"]
    if os2.sTypoAscender or os2.sTypoDescender:
        asc, desc = os2.sTypoAscender, os2.sTypoDescender
    else:
        asc, desc = hhea.ascent, hhea.descent
    cap = getattr(os2, "sCapHeight", 0) or _top(gs, src_cmap, "H", round(upem * 0.7))
    xh = getattr(os2, "sxHeight", 0) or _top(gs, src_cmap, "x", round(upem * 0.5))
    return FontMetrics(
        ps_name=ps_name, units_per_em=upem, ascender=asc, descender=desc, cap_height=cap, x_height=xh,
        ideo_top=_top(gs, src_cmap, REFERENCE_IDEOGRAPH, asc),
        advances={chr(cp): advances[name] for cp, name in cmap.items()},
        missing_advance=advances[".notdef"],
        ink={chr(cp): _bounds(glyphs[name]) for cp, name in cmap.items() if glyphs[name].numberOfContours > 0},
    )


def _bounds(glyph: Any) -> tuple[int, int, int, int]:
    """The glyf glyph's box (its points' extremes; set by ``FontBuilder.setupGlyf``)."""
    return (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax)


def _top(gs: Any, cmap: dict[int, str], ch: str, default: int) -> int:
    """Top of ``ch``'s outline at this location (``default`` if absent or empty)."""
    name = cmap.get(ord(ch))
    if name is None:
        return default
    pen = BoundsPen(gs)
    gs[name].draw(pen)
    return otRound(pen.bounds[3]) if pen.bounds else default
