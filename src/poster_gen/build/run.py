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

from ..errors import BuildError, InputError, Problem, display_path
from .options import PrintOptions
from ..finish.sizes import PAPER, scale_for
from ..load import fields as F
from ..load.layout_models import FontSpec, Layout
from ..load.project import Project, load_project
from ..load.walk import strings
from ..load.yamlsrc import Source
from .job import BROCHURE

MIN_PPI = 300
# Characters that composers add around the data (separators, numbering, dashes).
EXTRA_CHARS = "0123456789 /—–·，。：；、“”‘’（）《》%+-.,:;!?　…"


@dataclass
class Output:
    name: str  # as shown: posters/<slug>.pdf or brochure.pdf
    path: Path
    target: str = ""  # a landmark slug, or "brochure"
    fmt: str = "print"  # print, screen, social-portrait, social-story
    layout: str = "poster"  # the layout it is composed with
    status: str = "pending"  # written | checked | failed | not written
    pages: int = 0
    size: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    # landmarks whose problems keep it from being made (the brochure needs every one);
    # their problems are theirs, counted once, not the brochure's
    blocked_by: list[str] = field(default_factory=list)


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


def project_text(project: Project) -> str:
    chars = set(EXTRA_CHARS)
    for obj in [project.campaign, *project.landmarks, *project.themes.values()]:
        for _, s in strings(obj):
            chars.update(s)
            chars.update(s.upper())
    chars.discard("\n")
    return "".join(sorted(chars))


def _font_path(spec: FontSpec, project: Project, src: Source) -> Path:
    from ..fonts import package_font

    if spec.file.startswith("package:"):
        try:
            return package_font(spec.file)
        except Exception as exc:  # a missing package is the user's setup, say so plainly
            raise InputError([src.problem(("fonts", "file"), f"cannot find {spec.file!r} ({exc})")]) from None
    path = (project.root / spec.file).resolve()
    if not path.is_relative_to(project.root):
        raise InputError([src.problem(("fonts", "file"), f"{spec.file!r} is outside the project folder; "
                                      "put the font under assets/")])
    if not path.is_file():
        raise InputError([src.problem(("fonts", "file"), f"{spec.file!r} not found")])
    return path


def _font_source(project: Project, layout_name: str):
    from ..fonts import FontSource

    spec = project.layouts[layout_name].fonts
    src = project.sources[f"layouts/{layout_name}.yaml"]
    return FontSource(_font_path(spec, project, src), spec.face, spec.family), src


def prepare_layout_fonts(project: Project, layout_name: str, text: str):
    """Font files and metrics for one layout's font roles."""
    from ..fonts import FontError, prepare_fonts

    source, src = _font_source(project, layout_name)
    try:
        return prepare_fonts(source, project.layouts[layout_name].fonts.weights, text)
    except FontError as exc:
        raise InputError([src.problem(("fonts",), str(exc))]) from None


def layout_coverage(project: Project, layout_name: str) -> frozenset[int]:
    """The code points a layout's font can draw."""
    from ..fonts import FontError, font_coverage

    source, src = _font_source(project, layout_name)
    try:
        return font_coverage(source)
    except FontError as exc:
        raise InputError([src.problem(("fonts",), str(exc))]) from None


def common_coverage(project: Project) -> frozenset[int]:
    """The code points every layout's font can draw: a text may appear in any of them."""
    return frozenset.intersection(*(layout_coverage(project, name) for name in project.layouts))


def missing_glyphs(project: Project, covered: frozenset[int]) -> dict[str | None, list[Problem]]:
    """No tofu: characters the font lacks, per landmark slug (None: the campaign)."""
    found: dict[str | None, list[Problem]] = {}
    sources = [(None, project.sources.get("data/campaign.yaml"), project.campaign)]
    sources += [(lm.slug, project.source_of(lm.slug), lm) for lm in project.landmarks]
    for slug, src, obj in sources:
        for path, s in strings(obj):
            missing = sorted({c for c in s if ord(c) not in covered} - {"\n"})
            if missing:
                chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
                found.setdefault(slug, []).append(src.problem(
                    path, f"the font has no glyph for {chars}; it would print as an empty box"))
    return found


FORMATS = {"print": ("print",), "screen": ("screen",), "social": ("social-portrait", "social-story"),
           "all": ("print", "screen", "social-portrait", "social-story")}


def plan_outputs(project: Project, out: Path, slugs: list[str], with_brochure: bool,
                 options: PrintOptions, suffix: str) -> dict[str, Output]:
    """Every file this build may write: per format, per landmark (and the brochure)."""
    ed = options.edition
    outputs: dict[str, Output] = {}
    for fmt in FORMATS[options.fmt]:
        if fmt == "print":
            for s in slugs:
                outputs[f"{fmt}:{s}"] = Output(f"posters/{s}{suffix}{ed}.pdf", out / "posters" / f"{s}{suffix}{ed}.pdf",
                                               s, fmt, "poster")
            if with_brochure:
                outputs[f"{fmt}:{BROCHURE}"] = Output(f"brochure{ed}.pdf", out / f"brochure{ed}.pdf", BROCHURE, fmt,
                                                      "brochure")
        elif fmt == "screen":
            for s in slugs:
                outputs[f"{fmt}:{s}"] = Output(f"screen/posters/{s}{ed}.pdf", out / "screen" / "posters" /
                                               f"{s}{ed}.pdf", s, fmt, "poster")
            if with_brochure:
                outputs[f"{fmt}:{BROCHURE}"] = Output(f"screen/brochure{ed}.pdf", out / "screen" / f"brochure{ed}.pdf",
                                                      BROCHURE, fmt, "brochure")
        else:  # a social image per landmark, from its own layout
            if fmt not in project.layouts:
                raise InputError([Problem(f"layouts/{fmt}.yaml", 0, 0, "", "not found (--format social needs it)")])
            shape = fmt.split("-", 1)[1]
            for s in slugs:
                outputs[f"{fmt}:{s}"] = Output(f"social/{s}{ed}-{shape}.png", out / "social" / f"{s}{ed}-{shape}.png",
                                               s, fmt, fmt)
    return outputs


def input_files(project: Project, key: str, layout: str) -> dict[str, str]:
    """The files an output is made from, with their hashes (for the manifest)."""
    from . import manifest as inc

    root = project.root
    landmarks = project.landmarks if key == BROCHURE else [project.landmark(key)]
    themes = {lm.theme for lm in landmarks}
    if key == BROCHURE:
        themes.add(project.layouts[layout].campaign_theme)
    files = ["data/campaign.yaml", f"layouts/{layout}.yaml",
             *(project.files.get(f"theme:{t}", f"layouts/themes/{t}.yaml") for t in themes),
             *(project.files[f"landmark:{lm.slug}"] for lm in landmarks),
             *(lm.hero_image for lm in landmarks if lm.hero_image)]
    profile = project.layouts[layout].print.output_intent.profile
    if profile:
        files.append(profile)
    # the data files as they were parsed (hashing them again could record a save made
    # during the build as built); assets by their bytes now
    inputs = {f: project.digests.get(f) or inc.file_hash(root / f) for f in files}
    inputs["listing:data/landmarks"] = inc.listing(root / "data" / "landmarks")
    source, _ = _font_source(project, layout)
    inputs[f"font:{source.path}"] = inc.font_identity(str(source.path))
    return inputs


def derived_values(project: Project, key: str, layout: str, fonts, scale: float, step: int = 0) -> dict:
    """What an output depends on beyond its files: its place in the series, the
    prepared fonts (they change when any text brings a new character), its scale and
    the series copyfit step (another landmark's longer text can change it)."""
    from ..compose.document import series_position

    derived = {"fonts": sorted(p.ps_name for p in fonts[layout].values()), "scale": scale}
    if key != BROCHURE:
        derived["series"] = series_position(project, project.landmark(key))
        derived["step"] = step
    return derived


def series_args(project: Project, outputs, fonts, options: PrintOptions, scale: float, sheet) -> dict:
    """What each series of posters (per layout, printed or not) is composed with."""
    from ..compose.series import SeriesArgs

    series: dict[tuple[str, bool], SeriesArgs] = {}
    for o in outputs:
        printed = o.fmt == "print"
        key = (o.layout, printed)
        if o.target == BROCHURE or key in series:
            continue
        metrics = {role: p.metrics for role, p in fonts[o.layout].items()}
        series[key] = SeriesArgs(metrics, o.layout, project.layouts[o.layout], options.langs,
                                 scale if printed else 1.0, sheet if printed else None)
    return series


def series_steps(project: Project, series: dict) -> dict:
    """The series copyfit step of each (layout, printed) the posters are made with."""
    from ..compose.series import series_step

    return {key: series_step(project, *args) for key, args in series.items()}


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
    from .job import Context, Job, discard

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
    scale, suffix, sheet = 1.0, "", None
    if options.size and options.size != poster_layout.page.size:
        scale = scale_for(options.size, poster_layout.page.width, poster_layout.page.height)
        suffix, sheet = f"-{options.size}", PAPER[options.size]
    outputs = plan_outputs(project, out, slugs, with_brochure, options, suffix)
    result.outputs = list(outputs.values())

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
    for slug, problems in missing_translations(project, options.langs).items():
        blame(slug, problems)
    for slug, problems in missing_glyphs(project, common_coverage(project)).items():
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
    ctx = Context(project, fonts, options, scale, sheet, write)
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
    """--bleed overrides every layout's bleed; crop marks move out to stay clear of it."""
    if options.bleed is None:
        return
    for name, layout in project.layouts.items():
        page = replace(layout.page, bleed=options.bleed)
        pr = replace(layout.print, mark_offset=max(layout.print.mark_offset, options.bleed + 2.0))
        project.layouts[name] = replace(layout, page=page, print=pr)


def lint_problems(project: Project, layout_name: str, doc, output: str) -> list[tuple[Problem, str]]:
    """The layout lint's findings, each once, located where the cause is: a contrast a
    theme's colour broke at that colour's line in the theme file (``lint_contrast``),
    anything else at the region in the layout file."""
    from ..compose.lint_contrast import layout_blame, theme_blame

    src = project.sources[f"layouts/{layout_name}.yaml"]
    layout = project.layouts[layout_name]
    found: dict[tuple[Problem, str], None] = {}
    for page in doc.pages:
        for issue in page.lint:
            problem = None
            if issue.cause is not None and (why := theme_blame(issue.cause, project.themes, layout.lint)):
                theme, token, message = why
                tsrc = project.sources.get(project.files.get(f"theme:{theme}", ""))
                problem = tsrc.problem(("colours", token, "cmyk"), message) if tsrc else None
            elif issue.cause is not None and (at := layout_blame(issue.cause, project.themes, layout,
                                                                  issue.template)):
                problem = src.problem(*at)
            if problem is None:
                where = ("templates", issue.template, "regions", issue.index)
                problem = src.problem(where, f"region '{issue.region}': {issue.message} [{output}]")
            found[(problem, issue.severity)] = None
    return list(found)


def image_resolution(project: Project, key: str, doc) -> list[tuple[str, Problem]]:
    """Photos placed below 300 ppi print soft: name the image and its effective resolution."""
    from ..page_model import Image

    found = []
    for page in doc.pages:
        for item in page.items:
            if not isinstance(item, Image):
                continue
            ppi, (w, h) = effective_ppi(item)
            if ppi + 1e-6 < MIN_PPI:
                rel = display_path(Path(item.path), project.root)
                need = (round(item.box.w / 25.4 * MIN_PPI), round(item.box.h / 25.4 * MIN_PPI))
                message = (f"{rel} is {ppi:.0f} ppi at its placed size ({item.box.w:.0f} x {item.box.h:.0f} mm, "
                           f"{w} x {h} px); print needs {MIN_PPI} ppi: at least {need[0]} x {need[1]} px")
                src = project.source_of(key) if key != BROCHURE else None
                problem = src.problem(("hero_image",), message) if src else Problem(rel, 0, 0, "", message)
                found.append((message, problem))
    return found


def effective_ppi(item) -> tuple[float, tuple[int, int]]:
    """Resolution of an image cropped to cover its box (the renderer's fit), upright as
    it is printed (a sideways phone photo is measured turned)."""
    from ..load.picture import oriented_size

    w, h = oriented_size(item.path)
    want = item.box.w / item.box.h
    cw, ch = (h * want, h) if w / h > want else (w, w / want)
    return min(cw / (item.box.w / 25.4), ch / (item.box.h / 25.4)), (w, h)


def missing_translations(project: Project, langs: tuple[str, ...]) -> dict[str | None, list[Problem]]:
    """Texts without a language the edition prints, per landmark slug (None: the
    campaign): an error naming the field, never a silent fallback to the other language."""
    from ..load.walk import texts
    from .options import LANGUAGES

    edition = "-".join(langs)
    found: dict[str | None, list[Problem]] = {}
    sources = [(None, project.sources.get("data/campaign.yaml"), project.campaign)]
    sources += [(lm.slug, project.source_of(lm.slug), lm) for lm in project.landmarks]
    for slug, src, obj in sources:
        for path, text in texts(obj):
            for lang in langs:
                if not text.get(lang).strip():
                    found.setdefault(slug, []).append(src.problem(
                        path + (lang,), f"no {LANGUAGES[lang]} text; the {edition} edition prints it"))
    return found


def fit_problem(project: Project, err) -> Problem:
    """A text that does not fit, located in the file and line it came from (or a layout
    that breaks a print rule, located in the layout)."""
    if err.layout_error is not None:
        le = err.layout_error
        src = project.sources[f"layouts/{err.layout}.yaml"]
        return src.problem(("templates", le.template, "regions", le.index), str(le))
    fit = err.fit
    msg = f"does not fit the '{fit.frame}' frame of {err.output} at the series' type sizes ({fit.overflow})"
    path = fit.field
    parts = F.parse(path.replace("landmarks[", "landmark[")) or []
    if err.slug and path.startswith("landmark."):
        return project.source_of(err.slug).problem(tuple(parts[1:]), msg)
    if path.startswith("landmarks["):
        lm = project.landmarks[int(parts[1])]
        return project.source_of(lm.slug).problem(tuple(parts[2:]), msg)
    campaign = project.sources["data/campaign.yaml"]
    if parts and parts[0] == "campaign":
        return campaign.problem(tuple(parts[1:]), msg)
    if parts and parts[0] == "labels":
        return campaign.problem(("labels", *parts[1:]), msg)
    return Problem("data/campaign.yaml", 0, 0, path, msg)
