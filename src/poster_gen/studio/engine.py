"""The studio's engine: the same loader, validator, composer and renderer as the CLI,
kept warm between requests.

The project is loaded once and again only when a file under data/, layouts/ or
assets/ changes; fonts, motifs and QR codes come from the same caches as the CLI's.
A landmark or the campaign edited in the browser is validated exactly as a file would
be (the same messages, field by field) and previewed without being written anywhere:
a landmark as its poster, the campaign as a page of the brochure (its texts appear on
the posters too, so every poster is composed and checked with it).
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
        return errors_of(self.problems)


def errors_of(problems) -> list[dict[str, str]]:
    """Problems as the page shows them: {field, message, where}, and the message and the
    line in Chinese (``message_zh``, ``where_zh``, from the catalogue)."""
    return [{"field": p.field, "message": p.message, "where": str(p), "message_zh": p.message_in("zh"),
             "where_zh": p.shown("zh")} for p in problems]


@dataclass(frozen=True)
class Preview:
    png: bytes
    capacity: dict[str, int]  # the document's field ("ambition.en") -> about how many characters fit
    pages: int = 1  # pages of the document previewed
    where: dict[str, list[int]] | None = None  # the document's text field -> the pages it is printed on
    problems: tuple[Problem, ...] = ()  # texts that do not fit: drawn past their frames, marked


def _drafting(draft: bool):
    """A draft composition (text that does not fit is set past its frame and marked,
    compose.overflow) for a preview; the build's own composition otherwise."""
    import contextlib

    if not draft:
        return contextlib.nullcontext([])
    from ..compose.overflow import drafting
    return drafting()


CAMPAIGN_FILE = "data/campaign.yaml"


def _fields_of(doc, root: str, kept: tuple[str, ...] = ()) -> tuple[dict[str, int], dict[str, list[int]]]:
    """What each of a document's text fields holds (the least of every place it is
    printed) and the pages it is on, from the composed pages' capacities: the keys under
    ``root`` ("landmark", "campaign") without it, and those under ``kept`` as they are
    (the campaign's "labels", which layouts name by themselves)."""
    capacity: dict[str, int] = {}
    where: dict[str, list[int]] = {}
    for number, page in enumerate(doc.pages, 1):
        for key, fits in page.capacity.items():
            if key.startswith(root + "."):
                field = key[len(root) + 1:]
            elif key.split(".", 1)[0] in kept:
                field = key
            else:
                continue
            capacity[field] = min(fits, capacity.get(field, fits))
            if number not in where.setdefault(field, []):
                where[field].append(number)
    return capacity, where


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
    def validate(self, slug: str, data: Any, draft: bool = False):
        """The landmark ``data`` (as JSON) checked as a build would check its file:
        the model, the names it refers to, its photo, then the build's own check
        sequence (build.checks): the edition's languages, the font's glyphs, whether
        every text fits, the layout lint and the photo's print resolution. Returns (project
        with it, landmark, the poster composed, problems). ``draft``: a text that does not fit
        is drawn past its frame and marked (a preview) and returned among the problems
        rather than raised; anything else wrong is raised all the same."""
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
        problems += project_problems(trial, self.options.printed).get(slug, [])
        if problems:
            raise Invalid(problems)
        name = output_name("print", slug)
        try:
            fonts = self.fonts(trial)
            metrics = {r: p.metrics for r, p in fonts.items()}
            with _drafting(draft) as overflows:
                doc = compose_poster(trial, lm, metrics, out=name, step=series_step(trial, metrics))
        except ComposeError as err:
            raise Invalid([_plain(fit_problem(trial, err), err)]) from None
        except InputError as err:
            raise Invalid(err.problems) from None
        if overflows:  # the layout lint of a drafted page would only repeat the overflow
            return trial, lm, doc, _overflowed(trial, overflows, name, slug, "poster")
        errors, _ = output_problems(trial, "poster", doc, name, slug, printed=True)
        if errors:
            raise Invalid(errors)
        return trial, lm, doc, []

    # -- previews -------------------------------------------------------------------
    def preview(self, slug: str, data: Any | None = None, width: int = 800) -> bytes:
        """The poster as it would print, as a PNG ``width`` pixels wide (trimmed)."""
        return self.render(slug, data, width).png

    def edition(self, slug: str, edition: str, width: int = 800, page: int = 1) -> bytes:
        """The saved poster (``slug``), or page ``page`` of the brochure (``slug`` None), in
        another edition (``build.options.EDITIONS``: ja-en, zh-Hant, ...) as a PNG: what
        ``poster-gen build --lang`` would print, or ``Invalid`` with what that edition lacks
        (a text not translated, a text that does not fit). ``IndexError``: no such page."""
        from ..build.checks import fit_problem, output_problems, project_problems
        from ..compose.document import ComposeError, compose_brochure, compose_poster
        from ..compose.series import series_step
        from ..load.editions import view
        from ..render.pdf import font_files, render_document

        options = PrintOptions(lang=edition)
        project = self.project()
        if slug in project.failed:
            raise Invalid(project.failed[slug])
        shown = view(project, options.script)
        problems = project_problems(project, options.printed, shown)
        problems = (problems.get(slug, []) if slug else [p for ps in problems.values() for p in ps]) + \
            (problems.get(None, []) if slug else [])
        if problems:
            raise Invalid(problems)
        layout = "poster" if slug else "brochure"
        fonts = self.fonts(shown, layout)
        metrics = {r: p.metrics for r, p in fonts.items()}
        try:
            doc = (compose_poster(shown, shown.landmark(slug), metrics, langs=options.langs,
                                  step=series_step(shown, metrics, langs=options.langs)) if slug else
                   compose_brochure(shown, metrics, langs=options.langs))
        except ComposeError as err:
            raise Invalid([fit_problem(shown, err, options.script)]) from None
        name = f"{slug or 'brochure'} ({edition})"
        lint, _ = output_problems(shown, layout, doc, name, slug or "brochure", printed=False)
        if lint:
            raise Invalid(lint)
        if not 1 <= page <= len(doc.pages):
            raise IndexError(page)
        buf = io.BytesIO()
        render_document(replace(doc, pages=[doc.pages[page - 1]]), buf, font_files(fonts), colour="rgb")
        return thumbnail(buf.getvalue(), width)

    def render(self, slug: str, data: Any | None = None, width: int = 800) -> Preview:
        """The preview and what each text field of the landmark could hold in its frame
        as composed (the editor's counters)."""
        from ..compose.document import compose_poster
        from ..compose.series import series_step
        from ..render.pdf import font_files, render_document

        project = self.project()
        problems: list[Problem] = []
        if data is None:
            if slug in project.failed:
                raise Invalid(project.failed[slug])
            trial, lm = project, project.landmark(slug)
            fonts = self.fonts(project)
            metrics = {r: p.metrics for r, p in fonts.items()}
            doc = compose_poster(project, lm, metrics, step=series_step(project, metrics))
        else:
            trial, lm, doc, problems = self.validate(slug, data, draft=True)
            fonts = self.fonts(trial)
        buf = io.BytesIO()
        render_document(doc, buf, font_files(fonts), colour="rgb")
        capacity, _ = _fields_of(doc, "landmark")
        return Preview(thumbnail(buf.getvalue(), width), capacity, problems=tuple(problems))

    # -- the campaign: its texts in the brochure and on every poster -----------------
    def validate_campaign(self, data: Any, draft: bool = False):
        """The campaign ``data`` (as JSON) checked as a build would check its file: the
        model, the labels the layouts name, the edition's languages and the font's
        glyphs (build.checks), then what its texts are printed in composed and checked
        as the build does (a text that does not fit, the layout lint): the brochure and
        every poster. A landmark's own photo is that landmark's check, not the
        campaign's. Returns (project with it, the brochure composed, problems); ``draft`` as
        for ``validate``: texts that do not fit are drawn past their frames and returned."""
        from ..build.checks import project_problems
        from ..load.model_reader import load_model
        from ..load.models import Campaign

        project = self.project()
        shown = CAMPAIGN_FILE
        if not isinstance(data, dict):
            raise Invalid([Problem(shown, 0, 0, "", "expected a mapping of keys to values")])
        src = Source(shown, data, {(): (0, 0)}, self.root / shown)  # JSON has no lines: name fields only
        campaign, problems = load_model(Campaign, src)
        if campaign is None:
            raise Invalid(problems)
        problems += _labels_used(project, campaign, shown)
        if problems:
            raise Invalid(problems)
        trial = replace(project, campaign=campaign, sources={**project.sources, shown: src})
        problems += project_problems(trial, self.options.printed).get(None, [])
        if problems:
            raise Invalid(problems)
        brochure, problems = self._checked(trial, "brochure", None, draft=draft)
        if trial.landmarks:
            from ..compose.series import series_step

            fonts = self.fonts(trial)
            step = series_step(trial, {r: p.metrics for r, p in fonts.items()})
            for lm in trial.landmarks:
                problems += [p for p in self._checked(trial, "poster", lm, step, draft)[1] if p not in problems]
        return trial, brochure, problems

    def _checked(self, trial, layout: str, lm, step: int = 0, draft: bool = False):
        """The brochure (``lm`` None) or ``lm``'s poster composed and linted as the build
        does, or ``Invalid`` with what the build would say; (the page, the texts that do
        not fit when ``draft``)."""
        from ..build.checks import fit_problem, output_problems
        from ..build.formats import BROCHURE, output_name
        from ..compose.document import ComposeError, compose_brochure, compose_poster

        target = lm.slug if lm is not None else BROCHURE
        name = output_name("print", target)
        metrics = {r: p.metrics for r, p in self.fonts(trial, layout).items()}
        try:
            with _drafting(draft) as overflows:
                doc = (compose_brochure(trial, metrics) if lm is None
                       else compose_poster(trial, lm, metrics, out=name, step=step))
        except ComposeError as err:
            raise Invalid([_plain(fit_problem(trial, err), err)]) from None
        except InputError as err:
            raise Invalid(err.problems) from None
        if overflows:
            return doc, _overflowed(trial, overflows, name, lm.slug if lm is not None else None, layout)
        errors, _ = output_problems(trial, layout, doc, name, target, printed=False)
        if errors:
            raise Invalid(errors)
        return doc, []

    def render_campaign(self, data: Any | None = None, width: int = 800, page: int = 1) -> Preview:
        """Page ``page`` (from 1) of the brochure with the campaign ``data`` (None: as
        saved), as a PNG ``width`` pixels wide; the capacities of the campaign's text
        fields and the pages each is printed on. ``IndexError`` when there is no such page."""
        from ..compose.document import compose_brochure
        from ..render.pdf import font_files, render_document

        if data is None:
            project = self.project()
            fonts = self.fonts(project, "brochure")
            doc = compose_brochure(project, {r: p.metrics for r, p in fonts.items()})
        else:
            project, doc, problems = self.validate_campaign(data, draft=True)
            fonts = self.fonts(project, "brochure")
        if not 1 <= page <= len(doc.pages):
            raise IndexError(page)
        buf = io.BytesIO()  # the one page drawn: the same picture, a sixteenth of the work
        render_document(replace(doc, pages=[doc.pages[page - 1]]), buf, font_files(fonts), colour="rgb")
        capacity, where = _fields_of(doc, "campaign", ("labels",))
        return Preview(thumbnail(buf.getvalue(), width), capacity, len(doc.pages), where,
                       tuple(problems) if data is not None else ())


def _overflowed(trial, overflows, name: str, slug: str | None, layout: str) -> list[Problem]:
    """The texts a draft set past their frames, said as a build would (at their fields,
    in plain words), each once."""
    from ..build.checks import fit_problem
    from ..compose.document import ComposeError

    found: list[Problem] = []
    for fit in overflows:
        err = ComposeError(name, slug, fit, layout)
        problem = _plain(fit_problem(trial, err), err)
        if problem not in found:
            found.append(problem)
    return found


def _labels_used(project, campaign, shown: str) -> list[Problem]:
    """The labels the layouts name that ``campaign`` no longer has (the loader's own
    check of the layouts, ``load.project``), said at the campaign's ``labels``."""
    import re

    from ..load.project import ThemeNames, _check_layout
    from ..load.vocabulary import MOTIF_SPECS

    users: dict[str, list[str]] = {}
    for name, layout in sorted(project.layouts.items()):
        src = project.sources.get(f"layouts/{name}.yaml")
        if src is None:
            continue
        problems: list[Problem] = []
        _check_layout(layout, src, campaign, ThemeNames(project.themes), MOTIF_SPECS, problems, project.landmarks)
        for p in problems:
            m = re.match(r"no label '([^']+)'", p.message)
            if m and f"layouts/{name}.yaml" not in users.setdefault(m[1], []):
                users[m[1]].append(f"layouts/{name}.yaml")
    return [Problem(shown, 0, 0, "labels", f"the label {label!r} is missing; {' and '.join(files)} "
                    f"{'prints' if len(files) == 1 else 'print'} it") for label, files in users.items()]


def thumbnail(pdf_bytes: bytes, width: int, page: int = 0) -> bytes:
    """A page of a PDF as a PNG ``width`` pixels wide, trimmed (by the one rasteriser)."""
    from ..render.raster import rasterise

    (img,) = rasterise(pdf_bytes, width=width, pages=[page])
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=1)
    return out.getvalue()
