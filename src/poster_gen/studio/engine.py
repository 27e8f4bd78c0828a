"""The studio's engine: the same loader, validator, composer and renderer as the CLI,
kept warm between requests.

The project is loaded once and again only when a file under data/, layouts/ or
assets/ changes; fonts, motifs and QR codes come from the same caches as the CLI's.
A landmark edited in the browser is validated exactly as a file would be (the same
messages, field by field) and previewed without being written anywhere.
"""
from __future__ import annotations

import io
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..build.options import PrintOptions
from ..errors import InputError, Problem
from ..load.yamlsrc import Source


class Invalid(Exception):
    """Data that does not validate; ``errors`` are {field, message} as the CLI words them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    @property
    def errors(self) -> list[dict[str, str]]:
        return [{"field": p.field, "message": p.message, "where": str(p)} for p in self.problems]


@dataclass(frozen=True)
class Preview:
    png: bytes
    capacity: dict[str, int]  # landmark field ("ambition.en") -> about how many characters fit


def _plain(problem: Problem, err) -> Problem:
    """A text too long, said as the editor's user thinks of it."""
    cut = getattr(err.fit, "cut", 0) if err.fit is not None else 0
    if not cut:
        return problem
    return Problem(problem.file, problem.line, problem.column, problem.field,
                   f"about {cut} characters too long for this space")


class Engine:
    def __init__(self, root: Path, out: Path | None = None, options: PrintOptions | None = None):
        self.root = root.resolve()
        self.options = options or PrintOptions()  # the edition the studio previews and checks
        self.out = (out or self.root / "output").resolve()
        self._lock = threading.RLock()
        self._fingerprint: dict | None = None
        self._project = None
        self._fonts: dict[str, Any] = {}

    # -- the project, warm ---------------------------------------------------------
    def fingerprint(self) -> dict[str, tuple[int, int]]:
        from ..build.manifest import snapshot

        return snapshot(self.root)

    def project(self):
        """The project as loaded now (reloaded when its files changed)."""
        from ..load.project import load_project

        with self._lock:
            fp = self.fingerprint()
            if fp != self._fingerprint or self._project is None:
                self._project = load_project(self.root, lenient=True)
                self._fingerprint = fp
            return self._project

    def fonts(self, project, layout: str = "poster"):
        from ..build.glyphs import prepare_layout_fonts, project_text

        text = project_text(project)
        key = (layout, text)
        with self._lock:
            if key not in self._fonts:
                self._fonts = {k: v for k, v in self._fonts.items() if k[0] != layout}  # keep one per layout
                self._fonts[key] = prepare_layout_fonts(project, layout, text)
            return self._fonts[key]

    # -- validation ------------------------------------------------------------------
    def validate(self, slug: str, data: Any):
        """The landmark ``data`` (as JSON) checked as a build would check its file:
        the model, the names it refers to, its photo, then the build's own check
        sequence (build.checks): the edition's languages, the font's glyphs, whether
        every text fits, the layout lint and the photo's print resolution. Returns (project with it, landmark)."""
        from ..build.checks import fit_problem, output_problems, project_problems
        from ..build.formats import output_name
        from ..compose.document import ComposeError, compose_poster
        from ..compose.series import series_step
        from ..load.models import Landmark
        from ..load.project import check_landmark
        from ..load.model_reader import load_model

        project = self.project()
        shown = project.files.get(f"landmark:{slug}", f"data/landmarks/{slug}.yaml")
        src = Source(shown, data, {(): (0, 0)}, self.root / shown)  # JSON has no lines: name fields only
        if not isinstance(data, dict):
            raise Invalid([Problem(shown, 0, 0, "", "expected a mapping of keys to values")])
        lm, problems = load_model(Landmark, src)
        if lm is None:
            raise Invalid(problems)
        lm = replace(lm, slug=slug)
        others = [x for x in project.landmarks if x.slug != slug]
        problems += check_landmark(lm, src, self.root, project.themes, others)
        if problems:
            raise Invalid(problems)
        trial = replace(project, landmarks=sorted(others + [lm], key=lambda x: (x.order, x.slug)),
                        sources={**project.sources, shown: src},
                        files={**project.files, f"landmark:{slug}": shown})
        problems += project_problems(trial, self.options.langs).get(slug, [])
        if problems:
            raise Invalid(problems)
        try:
            fonts = self.fonts(trial)
            metrics = {r: p.metrics for r, p in fonts.items()}
            doc = compose_poster(trial, lm, metrics, out=output_name("print", slug), step=series_step(trial, metrics))
        except ComposeError as err:
            raise Invalid([_plain(fit_problem(trial, err), err)]) from None
        except InputError as err:
            raise Invalid(err.problems) from None
        errors, _ = output_problems(trial, "poster", doc, output_name("print", slug), slug, printed=True)
        if errors:
            raise Invalid(errors)
        return trial, lm, doc

    # -- previews -------------------------------------------------------------------
    def preview(self, slug: str, data: Any | None = None, width: int = 800) -> bytes:
        """The poster as it would print, as a PNG ``width`` pixels wide (trimmed)."""
        return self.render(slug, data, width).png

    def render(self, slug: str, data: Any | None = None, width: int = 800) -> Preview:
        """The preview and what each text field of the landmark could hold in its frame
        as composed (the editor's counters)."""
        from ..compose.document import compose_poster
        from ..compose.series import series_step
        from ..render.pdf import font_files, render_document

        project = self.project()
        if data is None:
            if slug in project.failed:
                raise Invalid(project.failed[slug])
            trial, lm = project, project.landmark(slug)
            fonts = self.fonts(project)
            metrics = {r: p.metrics for r, p in fonts.items()}
            doc = compose_poster(project, lm, metrics, step=series_step(project, metrics))
        else:
            trial, lm, doc = self.validate(slug, data)
            fonts = self.fonts(trial)
        buf = io.BytesIO()
        render_document(doc, buf, font_files(fonts), colour="rgb")
        capacity = {k[len("landmark."):]: v for page in doc.pages for k, v in page.capacity.items()
                    if k.startswith("landmark.")}
        return Preview(thumbnail(buf.getvalue(), width), capacity)


def thumbnail(pdf_bytes: bytes, width: int, page: int = 0) -> bytes:
    """A page of a PDF as a PNG ``width`` pixels wide, trimmed (by the one rasteriser)."""
    from ..render.raster import rasterise

    (img,) = rasterise(pdf_bytes, width=width, pages=[page])
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=1)
    return out.getvalue()
