"""Build a project: load and validate, prepare fonts, compose, render, write.

Outputs are written to a temporary file next to their destination and moved into
place only when complete, so a failed build never leaves a half-written PDF and
never removes the previous one.
"""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import InputError, Problem
from .load import fields as F
from .load.layout_models import FontSpec, Layout
from .load.project import Project, load_project
from .load.walk import strings
from .load.yamlsrc import Source

BROCHURE = "brochure"
# Characters that composers add around the data (separators, numbering, dashes).
EXTRA_CHARS = "0123456789 /—–·，。：；、“”‘’（）《》%+-.,:;!?　"


@dataclass
class Output:
    name: str  # as shown: posters/<slug>.pdf or brochure.pdf
    path: Path
    pages: int = 0
    size: int = 0
    seconds: float = 0.0


@dataclass
class BuildResult:
    outputs: list[Output] = field(default_factory=list)
    seconds: float = 0.0


def targets_of(project: Project, only: Iterable[str] | None) -> tuple[list[str], bool]:
    """Landmark slugs to build and whether to build the brochure."""
    only = list(only or [])
    if not only:
        return [lm.slug for lm in project.landmarks], True
    return [s for s in only if s != BROCHURE], BROCHURE in only


def project_text(project: Project) -> str:
    chars = set(EXTRA_CHARS)
    for obj in [project.campaign, *project.landmarks, *project.themes.values()]:
        for _, s in strings(obj):
            chars.update(s)
            chars.update(s.upper())
    chars.discard("\n")
    return "".join(sorted(chars))


def _font_path(spec: FontSpec, project: Project, src: Source) -> Path:
    from .fonts import package_font

    if spec.file.startswith("package:"):
        try:
            return package_font(spec.file)
        except Exception as exc:  # a missing package is the user's setup, say so plainly
            raise InputError([src.problem(("fonts", "file"), f"cannot find {spec.file!r} ({exc})")]) from None
    path = (project.root / spec.file).resolve()
    if not path.is_relative_to(project.root) or not path.is_file():
        raise InputError([src.problem(("fonts", "file"), f"{spec.file!r} is not a font file inside the project")])
    return path


def prepare_layout_fonts(project: Project, layout_name: str, text: str):
    """Metrics and font files for one layout's font roles; missing glyphs are input errors."""
    from .fonts import FontError, FontSource, prepare_fonts

    layout: Layout = project.layouts[layout_name]
    src = project.sources[f"layouts/{layout_name}.yaml"]
    spec = layout.fonts
    source = FontSource(_font_path(spec, project, src), spec.face, spec.family)
    try:
        prepared = prepare_fonts(source, spec.weights, text)
    except FontError as exc:
        raise InputError([src.problem(("fonts",), str(exc))]) from None
    _check_glyphs(project, prepared)
    return prepared


def _check_glyphs(project: Project, prepared) -> None:
    """No tofu: every character of every text must be in every font role."""
    metrics = next(iter(prepared.values())).metrics
    problems: list[Problem] = []
    sources = [(project.sources.get("data/campaign.yaml"), project.campaign)]
    sources += [(project.source_of(lm.slug), lm) for lm in project.landmarks]
    for src, obj in sources:
        for path, s in strings(obj):
            missing = sorted(metrics.missing(s) - {"\n"})
            if missing:
                chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing[:5])
                problems.append(src.problem(path, f"the font has no glyph for {chars}; it would print as an "
                                            "empty box (use another character)"))
    if problems:
        raise InputError(problems)


def locate(project: Project, field_path: str, message: str) -> Problem:
    """Turn a composer's field path (landmark.name.zh, landmarks[2].plan...) into a located problem."""
    parts = F.parse(field_path.replace("landmarks[", "landmark[")) or []
    data = project.sources.get("data/campaign.yaml")
    if parts and parts[0] == "campaign":
        return data.problem(tuple(parts[1:]), message)
    if parts and parts[0] == "labels":
        return data.problem(tuple(["labels", *parts[1:]]), message)
    return Problem("?", 0, 0, field_path, message)


def _atomic_write(dest: Path, write: Callable[[object], None]) -> int:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return dest.stat().st_size


def build(root: Path, out: Path | None = None, only: Iterable[str] | None = None,
          progress: Callable[[Output], None] | None = None) -> BuildResult:
    t0 = time.perf_counter()
    project = load_project(root, [s for s in (only or []) if s != BROCHURE])
    out = (out or project.root / "output").resolve()
    slugs, with_brochure = targets_of(project, only)
    text = project_text(project)
    fonts = {name: prepare_layout_fonts(project, name, text) for name in project.layouts}

    from .compose.document import ComposeError, compose_brochure, compose_poster
    from .render.pdf import FontFile, render_document

    result = BuildResult()
    jobs: list[tuple[str, Path, Callable]] = []
    for slug in slugs:
        lm = project.landmark(slug)
        jobs.append((f"posters/{slug}.pdf", out / "posters" / f"{slug}.pdf",
                     lambda lm=lm: compose_poster(project, lm, _metrics(fonts["poster"]))))
    if with_brochure:
        jobs.append(("brochure.pdf", out / "brochure.pdf",
                     lambda: compose_brochure(project, _metrics(fonts["brochure"]))))
    # compose everything first: a text that does not fit stops the build before any file changes
    docs = []
    problems: list[Problem] = []
    for name, dest, make in jobs:
        t = time.perf_counter()
        try:
            docs.append((name, dest, make(), time.perf_counter() - t))
        except ComposeError as err:
            problems.append(_fit_problem(project, err))
    if problems:
        raise InputError(problems)
    for name, dest, doc, dt in docs:
        t = time.perf_counter()
        layout_fonts = fonts["brochure" if doc.kind == "brochure" else "poster"]
        files = {role: FontFile(p.ps_name, str(p.ttf_path)) for role, p in layout_fonts.items()}
        size = _atomic_write(dest, lambda fh, doc=doc: render_document(doc, fh, files))
        o = Output(name, dest, len(doc.pages), size, dt + time.perf_counter() - t)
        result.outputs.append(o)
        if progress:
            progress(o)
    result.seconds = time.perf_counter() - t0
    return result


def _metrics(prepared) -> dict:
    return {role: p.metrics for role, p in prepared.items()}


def _fit_problem(project: Project, err) -> Problem:
    fit = err.fit
    msg = f"does not fit the '{fit.frame}' frame of {err.output} even at the smallest size ({fit.overflow})"
    path = fit.field
    if err.slug and path.startswith("landmark."):
        src = project.source_of(err.slug)
        return src.problem(tuple(F.parse(path)[1:]), msg)
    if path.startswith("landmarks["):
        idx = int(path[len("landmarks["):path.index("]")])
        lm = project.landmarks[idx]
        rest = F.parse("x" + path[path.index("]") + 1:]) or ["x"]
        return project.source_of(lm.slug).problem(tuple(rest[1:]), msg)
    return locate(project, path, msg)
