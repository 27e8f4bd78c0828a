"""Build a project: load and validate, prepare fonts, compose, render, write.

Every output is composed before any is written, so a text that does not fit stops
the build with nothing changed (unless ``keep_going`` asks for the good ones). Each
PDF is written to a temporary file next to its destination and renamed into place
only when complete, under a lock on the output folder.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from ..errors import BuildError, InputError, Problem
from ..finish.sizes import PAPER, scale_for
from ..load.project import Project, load_project
from .checks import project_problems, standard_problems
from ..load.editions import view as edition_view
from .glyphs import prepare_layout_fonts, project_text
from .formats import BROCHURE
from .options import PrintOptions
from .plan import (
    Output,
    derived_values,
    input_files,
    plan_outputs,
    series_args,
    series_steps,
)


@dataclass
class BuildResult:
    outputs: list[Output] = field(default_factory=list)
    seconds: float = 0.0
    out: Path | None = None

    @property
    def problems(self) -> list[Problem]:
        return [p for o in self.outputs for p in o.problems]


class BuildFailed(InputError):
    """Some outputs could not be built; ``result`` says which, and what the others did."""

    def __init__(self, result: BuildResult):
        self.result = result
        super().__init__(result.problems)


def build(root: Path, out: Path | None = None, only: Iterable[str] | None = None, *,
          keep_going: bool = False, write: bool = True, options: PrintOptions = PrintOptions(),
          force: bool = False, jobs: int = 0,
          progress: Callable[[str, str], None] | None = None,
          warn: Callable[[str], None] | None = None,
          on_start: Callable[[dict[str, str]], None] | None = None) -> BuildResult:
    """Build (or with ``write=False`` only check) the selected outputs.

    Only outputs whose inputs changed are made again (``force`` remakes all); they are
    made in ``jobs`` processes (0: one per core). ``progress(key, phase)`` follows each
    output through compose, render, finish and preflight.
    """
    from . import manifest as inc
    from .job import JobContext, Job, discard

    t0 = time.perf_counter()
    only = list(only or [])
    slugs_only = [s for s in only if s != BROCHURE]
    with_brochure = not only or BROCHURE in only
    # one landmark's mistake does not stop the others from being checked (and, with
    # keep_going, written); mistakes in shared files stop everything
    project = load_project(root, slugs_only, lenient=True)
    _apply_print_options(project, options)
    out = (out or project.root / "output").resolve()
    result = BuildResult(out=out)
    slugs = slugs_only or [lm.slug for lm in project.landmarks] + sorted(project.failed)
    poster_layout = project.layouts["poster"]
    scale, sheet = 1.0, None
    if options.size and options.size != poster_layout.page.size:
        scale = scale_for(options.size, poster_layout.page.width, poster_layout.page.height)
        sheet = PAPER[options.size]
    outputs = plan_outputs(project, out, slugs, with_brochure, options)
    result.outputs = list(outputs.values())
    problems = standard_problems(project, {o.layout for o in outputs.values() if o.fmt == "print"},
                                 options.standard)
    if problems:
        raise InputError(problems)

    def blame(slug: str | None, problems: list[Problem]) -> None:
        """Problems of one landmark's file fail its outputs, and keep the brochure from
        being made (without a problem of its own: one mistake is one problem)."""
        if slug is None:
            raise InputError(problems)
        for o in outputs.values():
            if o.target == slug:
                o.problems += problems
            elif o.target == BROCHURE and slug not in o.blocked_by:
                o.blocked_by.append(slug)

    for slug, problems in sorted(project.failed.items()):
        blame(slug, problems)
    original, project = project, edition_view(project, options.script)  # set in the edition's script and face
    for slug, problems in project_problems(original, options.printed, project).items():
        blame(slug, problems)

    text = project_text(project)
    fonts = {name: prepare_layout_fonts(project, name, text) for name in {o.layout for o in outputs.values()}}

    # what each output is made from; unchanged outputs are not made again
    opts_key = options.key()
    manifest = inc.load(out) if write else inc.Manifest()
    entries: dict[str, inc.Entry] = {}

    def plan(key: str, o: Output, steps: dict) -> Job | None:
        """The job that makes ``o``, or None when the file on disk is up to date."""
        inputs = input_files(project, o.target, o.layout)
        step = steps.get((o.layout, o.fmt == "print"), 0)
        sig = inc.signature(inputs, derived_values(project, o.target, o.layout, fonts, scale, step), opts_key)
        entries[key] = inc.Entry(sig, inputs, opts_key, "")
        old = manifest.outputs.get(o.name)
        if write and not force and old is not None and old.signature == sig and \
                inc.file_hash(o.path) == old.output:
            o.status, o.pages, o.size = "up to date", old.pages, old.size
            return None
        return Job(key, o.name, o.path, o.target, o.fmt, o.layout)

    live = {key: o for key, o in outputs.items() if not o.problems and not o.blocked_by}
    for o in outputs.values():
        if o.problems or o.blocked_by:
            o.status = "failed"
    ctx = JobContext(project, fonts, options, scale, sheet, write)
    series = series_args(project, live.values(), fonts, options, scale, sheet)
    # the brochure's signature does not hold the series step: it can be composed while
    # the step is worked out
    planned = {key: plan(key, o, {}) for key, o in live.items() if o.target == BROCHURE}
    from .ahead import compose_ahead

    compose_ahead(ctx, series, [j for j in planned.values() if j], jobs)
    ctx.steps = series_steps(project, series)
    planned.update({key: plan(key, o, ctx.steps) for key, o in live.items() if o.target != BROCHURE})
    todo = [planned[key] for key in live if planned[key]]
    if on_start and todo:
        on_start({j.key: j.name for j in todo})
    from contextlib import nullcontext

    from .lock import output_lock

    with output_lock(out) if write else nullcontext():
        from .job import run_jobs

        results = run_jobs(todo, ctx, jobs, progress)
        fatal = [r.fatal for r in results.values() if r.fatal]
        warned: set[str] = set()
        for key, r in results.items():
            o = outputs[key]
            o.seconds, o.pages = r.seconds, r.pages
            o.problems += r.problems
            for w in r.warnings:
                if warn and w not in warned:
                    warned.add(w)
                    warn(w)
            o.status = "failed" if not r.ok else ("checked" if not write else "ready")
        failed = any(o.problems or o.blocked_by for o in result.outputs)
        if fatal or (failed and not keep_going) or not write:
            for r in results.values():
                discard(r.temp)
            for o in result.outputs:
                if o.status == "ready":
                    o.status = "not written"
            result.seconds = time.perf_counter() - t0
            if fatal:
                raise BuildError("; ".join(fatal))
            if failed:
                raise BuildFailed(result)
            return result
        manifest.tool = inc.tool_digest()
        for key, r in results.items():
            if r.ok and r.temp:
                o = outputs[key]
                os.replace(r.temp, o.path)
                discard(r.temp)
                o.status, o.size = "written", r.size
                e = entries[key]
                manifest.outputs[o.name] = inc.Entry(e.signature, e.inputs, e.options, r.sha, r.pages, r.size)
        inc.save(out, manifest)
    result.seconds = time.perf_counter() - t0
    if failed:
        raise BuildFailed(result)
    return result


def _apply_print_options(project: Project, options: PrintOptions) -> None:
    """--bleed overrides every layout's bleed (crop marks move out to stay clear of it);
    --standard every layout's PDF/X standard."""
    if options.standard is not None:
        for name, layout in project.layouts.items():
            project.layouts[name] = replace(layout, print=replace(layout.print, standard=options.standard))
    if options.bleed is None:
        return
    for name, layout in project.layouts.items():
        page = replace(layout.page, bleed=options.bleed)
        pr = replace(layout.print, mark_offset=max(layout.print.mark_offset, options.bleed + 2.0))
        project.layouts[name] = replace(layout, page=page, print=pr)


