"""Make one output: compose, lint, render, finish as PDF/X, write a temporary file beside
the destination and preflight it. Runs in the build's process or in a worker process
(forked after the project and fonts are loaded, so a worker starts with everything).

The temporary file is moved into place by the build only when every output is good,
so a text that does not fit anywhere leaves every previous PDF as it was.
"""
from __future__ import annotations

import hashlib
import io
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from ..errors import Problem
from ..print_rules import BLEED_MM
from .formats import BROCHURE

SCREEN_LIMIT = 2_000_000  # bytes: what e-mail takes without complaint


@dataclass(frozen=True)
class Job:
    key: str  # identifies the output in this build: "<format>:<target>"
    name: str  # as shown: posters/<slug>.pdf
    dest: Path
    target: str = ""  # a landmark slug, or "brochure"
    fmt: str = "print"  # print, screen, social-portrait, social-story
    layout: str = "poster"


@dataclass
class JobResult:
    key: str
    ok: bool = True
    fatal: str = ""  # a failure that is not the user's input (preflight): exit code 1
    temp: str | None = None
    pages: int = 0
    size: int = 0
    sha: str = ""
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class JobContext:
    """Everything a job needs; set once before the workers fork."""

    project: object
    fonts: dict  # layout name -> role -> PreparedFont
    options: object  # options.PrintOptions
    scale: float
    sheet: tuple[float, float] | None
    write: bool
    steps: dict = field(default_factory=dict)  # (layout, printed) -> the series copyfit step


_CTX: JobContext | None = None
_PROGRESS: Callable[[str, str], None] | None = None


def set_context(ctx: JobContext, progress: Callable[[str, str], None] | None = None) -> None:
    global _CTX, _PROGRESS
    _CTX, _PROGRESS = ctx, progress


def _phase(key: str, phase: str) -> None:
    if _PROGRESS is not None:
        _PROGRESS(key, phase)


def run_job(job: Job) -> JobResult:
    """One output from composition to a preflighted temporary file."""
    from ..print_rules import MIN_PPI
    from .checks import fit_problem, output_problems
    from ..compose.document import ComposeError

    ctx = _CTX
    assert ctx is not None, "set_context() first"
    project, opts = ctx.project, ctx.options
    t0 = time.perf_counter()
    res = JobResult(job.key)
    layout_name, printed = job.layout, job.fmt == "print"
    _phase(job.key, "compose")
    try:
        doc = compose_output(job, ctx)
    except ComposeError as err:
        return _failed(res, [fit_problem(project, err, opts.script)], t0)
    problems, warnings = output_problems(project, layout_name, doc, job.name, job.target, printed=printed,
                                         draft=opts.draft)
    res.warnings += warnings
    res.pages = len(doc.pages)
    if problems:
        return _failed(res, problems, t0)
    if not ctx.write:
        res.seconds = time.perf_counter() - t0
        return res
    if not printed:
        data = _screen(job, doc, ctx, layout_name) if job.fmt == "screen" else \
            _social(job, doc, ctx, project.layouts[layout_name])
        res.temp = write_temp(job.dest, data)
        res.size, res.sha = len(data), hashlib.sha256(data).hexdigest()
        if job.fmt == "screen" and len(data) > SCREEN_LIMIT:
            res.warnings.append(f"warning: {job.name} is {len(data) / 1e6:.1f} MB; e-mail wants under 2 MB")
        res.seconds = time.perf_counter() - t0
        _phase(job.key, "ready")
        return res
    res.temp, data = _render(job, doc, ctx, layout_name)
    res.size, res.sha = len(data), hashlib.sha256(data).hexdigest()
    _phase(job.key, "preflight")
    from ..finish.finishes import plate_names
    from ..preflight import PreflightOptions, preflight_pdf

    spec = project.layouts[layout_name].print
    popts = PreflightOptions(min_image_ppi=0.0 if opts.draft else MIN_PPI,
                             min_bleed_mm=min(BLEED_MM, opts.bleed) if opts.bleed is not None else BLEED_MM,
                             standard=spec.standard, separations=declared_plates(project, spec),
                             finishes=plate_names(spec))
    failed = [r for r in preflight_pdf(Path(res.temp), popts, shown=job.name) if not r.ok]
    if failed:
        discard(res.temp)
        res.temp, res.ok = None, False
        res.fatal = (f"{job.name} failed preflight, the previous file is kept: "
                     + "; ".join(f"{r.check}: {r.detail}" for r in failed))
    res.seconds = time.perf_counter() - t0
    _phase(job.key, "ready" if res.ok else "failed")
    return res


def compose_output(job: Job, ctx: JobContext):
    """The composed document of one output (raises ComposeError when a text does not fit)."""
    from ..compose.document import compose_brochure, compose_poster

    project = ctx.project
    layout_name, printed = job.layout, job.fmt == "print"
    layout = project.layouts[layout_name]
    if not printed:  # screens and social images: no bleed (whatever --bleed says), no marks
        layout = replace(layout, page=replace(layout.page, bleed=0.0))
    metrics = {role: p.metrics for role, p in ctx.fonts[layout_name].items()}
    langs = ctx.options.langs
    if job.target == BROCHURE:
        doc = compose_brochure(project, metrics, langs=langs, layout=layout)
    else:
        doc = compose_poster(project, project.landmark(job.target), metrics, ctx.scale if printed else 1.0,
                             job.name, ctx.sheet if printed else None, langs, layout_name, layout,
                             step=ctx.steps.get((layout_name, printed), 0))
    return doc


def declared_plates(project, spec) -> frozenset[str]:
    """The spot plates a print file may carry: the themes' spot inks and the layout's
    finishing plates (anything else is a mistake the preflight refuses)."""
    from ..finish.finishes import plate_names

    spots = {c.spot for theme in project.themes.values() for c in theme.colours.values() if c is not None and c.spot}
    return frozenset(spots) | plate_names(spec)


def _render(job: Job, doc, ctx: JobContext, layout_name: str) -> tuple[str, bytes]:
    from ..finish.finishes import add_finishes
    from ..finish.marks import add_marks
    from ..finish.pdfx import DocInfo, finish_pdfx
    from ..pdfx_standards import STANDARDS
    from ..render.pdf import font_files, render_document

    layout = ctx.project.layouts[layout_name]
    standard = STANDARDS[layout.print.standard]
    add_finishes(doc, layout.print)
    add_marks(doc, layout.print, ctx.options.marks)
    files = font_files(ctx.fonts[layout_name])
    _phase(job.key, "render")
    info = DocInfo(doc.title, doc.author, doc.subject, doc.keywords, doc.lang)

    def finish(canvas) -> None:
        _phase(job.key, "finish")
        finish_pdfx(canvas, info, layout.print.output_intent, ctx.project.root, standard)

    buf = io.BytesIO()
    render_document(doc, buf, files, finish=finish, live=standard.transparency)
    data = buf.getvalue()
    return write_temp(job.dest, data), data


def write_temp(dest: Path, data: bytes) -> str:
    """``data`` in a temporary file beside ``dest`` (moved into place by the build),
    durable, known to the lock so an interrupted build removes it. Whatever fails, the
    temporary is removed; a fault of the machine is raised as a ``MachineError`` naming
    the folder (and, for a full disk, the size)."""
    from ..atomic import write_temp as stage
    from ..errors import machine_error
    from .lock import TEMPORARIES

    try:
        return str(stage(dest, data, track=TEMPORARIES.add))
    except OSError as err:
        fault = machine_error(err, dest.parent, len(data), dest.name)
        if fault is None:
            raise
        raise fault from None


def _screen(job: Job, doc, ctx: JobContext, layout_name: str) -> bytes:
    """An RGB PDF for screens and e-mail: no bleed or marks, fonts embedded, live links."""
    from ..render.pdf import font_files, render_document

    _phase(job.key, "render")
    buf = io.BytesIO()
    render_document(doc, buf, font_files(ctx.fonts[layout_name]), colour="rgb")
    return buf.getvalue()


def _social(job: Job, doc, ctx: JobContext, layout) -> bytes:
    """A PNG at the layout's pixel size, sRGB, rasterised by PDFium from an RGB PDF."""
    from PIL import ImageCms

    from ..render.raster import rasterise

    data = _screen(job, doc, ctx, job.layout)
    width = layout.pixels.width if layout.pixels else round(layout.page.width / 25.4 * 254)
    (img,) = rasterise(data, width=width, pages=[0])
    if layout.pixels and img.size != (layout.pixels.width, layout.pixels.height):
        img = img.resize((layout.pixels.width, layout.pixels.height))
    srgb = _srgb_profile(ImageCms)
    out = io.BytesIO()
    img.save(out, "PNG", icc_profile=srgb, optimize=False)
    return out.getvalue()


def _srgb_profile(image_cms) -> bytes:
    """LittleCMS's sRGB profile with the document date as its creation date (it stamps
    the current time, which made two builds of the same inputs differ)."""
    import struct

    from ..finish.pdfx import document_date

    data = bytearray(image_cms.ImageCmsProfile(image_cms.createProfile("sRGB")).tobytes())
    d = document_date()
    data[24:36] = struct.pack(">6H", d.year, d.month, d.day, d.hour, d.minute, d.second)
    return bytes(data)


def _failed(res: JobResult, problems: list[Problem], t0: float) -> JobResult:
    res.ok, res.problems = False, problems
    res.seconds = time.perf_counter() - t0
    _phase(res.key, "failed")
    return res


def discard(temp: str | None) -> None:
    from .lock import TEMPORARIES

    if temp:
        TEMPORARIES.discard(temp)
        try:
            os.unlink(temp)
        except OSError:  # gone already (or its folder is read-only now: the next build sweeps it)
            pass


def run_jobs(jobs: list[Job], ctx: JobContext, workers: int = 0,
             progress: Callable[[str, str], None] | None = None) -> dict[str, JobResult]:
    """Run ``jobs`` in ``workers`` processes (0: one per core), longest first.

    Workers are forked after everything heavy is loaded and imported, so each starts
    with the project, the fonts and ReportLab already in memory; they send their
    progress back over a queue.
    """
    from ..parallel import fork_context, process_pool, worker_count

    workers = worker_count(workers, len(jobs))
    jobs = sorted(jobs, key=lambda j: j.target != BROCHURE)  # the brochure is the longest
    fork = fork_context()
    if workers <= 1 or fork is None:
        set_context(ctx, progress)
        return {j.key: run_job(j) for j in jobs}
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    # import in the parent once what the workers will need, not in every worker
    from ..compose import document  # noqa: F401
    if ctx.write:
        from ..render import pdf  # noqa: F401
    if ctx.write and any(j.fmt == "print" for j in jobs):
        from .. import preflight  # noqa: F401  (pikepdf with it)
        from ..finish import pdfx  # noqa: F401

    queue = fork.SimpleQueue()
    set_context(ctx, lambda key, phase: queue.put((key, phase)))
    results: dict[str, JobResult] = {}
    broken = False
    try:
        with process_pool(workers, fork) as pool:
            pending: set = set()
            try:  # a worker may die while the jobs are still being handed out, too
                pending = {pool.submit(_run_in_worker, j) for j in jobs}
                while pending:
                    done, pending = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
                    while not queue.empty():
                        key, phase = queue.get()
                        if progress:
                            progress(key, phase)
                    for f in done:
                        _collect(f.result(), results)
            except BrokenProcessPool:  # a worker died (out of memory, killed): nothing is lost but time
                broken = True
            except BaseException:  # one job failed for good: the others' work is not wanted
                pool.shutdown(wait=True, cancel_futures=True)
                for f in pending:
                    if f.done() and not f.cancelled() and f.exception() is None:
                        discard(f.result().temp)
                raise
    finally:
        set_context(ctx, progress)
    if broken:  # what the pool did not finish, this process does, one job after another
        for j in jobs:
            if j.key not in results:
                results[j.key] = run_job(j)
    return results


def _run_in_worker(job: Job) -> JobResult:
    """``run_job`` in a worker: the temporary file it made becomes the build's (a worker
    stopped later must not remove it)."""
    from .lock import TEMPORARIES

    r = run_job(job)
    TEMPORARIES.discard(r.temp)
    return r


def _collect(r: JobResult, results: dict[str, JobResult]) -> None:
    """A worker's result, its temporary file now the build's to move or remove."""
    from .lock import TEMPORARIES

    if r.temp:
        TEMPORARIES.add(r.temp)
    results[r.key] = r
