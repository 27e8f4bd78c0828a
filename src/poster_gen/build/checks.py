"""The checks every composed output passes before it is written, shared by the build and the studio: layout lint, photo resolution, translations present, and a text that does not fit located in the file and line it came from."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problem, display_path
from ..load import fields as F
from ..load.project import Project
from ..print_rules import MIN_PPI
from .formats import BROCHURE


def project_problems(project: Project, printed: tuple[str, ...], view: Project | None = None
                     ) -> dict[str | None, list[Problem]]:
    """The checks made before anything is composed, per landmark slug (None: the
    campaign): every text in every language the edition prints (``printed``: zh, en,
    zh-Hant, ja, ko), every character in the font the edition is set in (``view``: the
    project as that edition sees it, ``load.editions.view``). The build and the studio
    both call this, so they refuse the same data."""
    from .glyphs import common_coverage, missing_glyphs

    from ..load.editions import data_keys
    from ..load.parity import parity_problems

    view = view or project
    keys = data_keys(printed)
    found: dict[str | None, list[Problem]] = {}
    for part in (missing_translations(project, printed), parity_problems(project, keys),
                 missing_glyphs(view, common_coverage(view))):
        for slug, problems in part.items():
            found.setdefault(slug, []).extend(problems)
    return found


def standard_problems(project: Project, layouts, override: str | None) -> list[Problem]:
    """What keeps each print layout's files from meeting its PDF/X standard before
    anything is made: PDF/X-4 embeds the printing condition's ICC profile, so the layout
    must name one (``override``: the standard --standard asked for)."""
    from ..pdfx_standards import STANDARDS

    found = []
    for name in sorted(layouts):
        layout = project.layouts[name]
        standard = STANDARDS[layout.print.standard]
        if standard.profile_required and not layout.print.output_intent.profile:
            asked = f"--standard {override}" if override else f"print.standard {standard.key}"
            message = (f"{standard.name} ({asked}) embeds the printing condition's ICC profile: name the CMYK "
                       f"profile your print shop gave you, e.g. profile: assets/icc/press.icc")
            src = project.sources.get(f"layouts/{name}.yaml")
            found.append(src.problem(("print", "output_intent"), message) if src else
                         Problem(f"layouts/{name}.yaml", 0, 0, "print.output_intent.profile", message))
    return found


def output_problems(project: Project, layout_name: str, doc, output: str, target: str, *,
                    printed: bool, draft: bool = False) -> tuple[list[Problem], list[str]]:
    """The checks a composed output passes before it is rendered, as (errors,
    warnings): the layout lint and, for print, every photo at 300 ppi (``draft``
    turns a soft photo into a warning). Shared by the build and the studio."""
    errors: list[Problem] = []
    warnings: list[str] = []
    for problem, severity in lint_problems(project, layout_name, doc, output):
        (errors.append(problem) if severity == "error" else warnings.append(f"warning: {problem}"))
    for message, problem in image_resolution(project, target, doc) if printed else []:
        if draft:
            warnings.append(f"warning: {message} (--draft: built anyway)")
        else:
            errors.append(problem)
    return errors, warnings


def lint_problems(project: Project, layout_name: str, doc, output: str) -> list[tuple[Problem, str]]:
    """The layout lint's findings, each once, located where the cause is: a contrast a
    theme's colour broke at that colour's line in the theme file (``compose.layout_lint.contrast``),
    anything else at the region in the layout file."""
    from ..compose.layout_lint.contrast import layout_blame, theme_blame

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
    from ..load.editions import data_keys
    from ..load.walk import texts
    from .options import LANGUAGES

    edition = "-".join(langs)
    found: dict[str | None, list[Problem]] = {}
    sources = [(None, project.sources.get("data/campaign.yaml"), project.campaign)]
    sources += [(lm.slug, project.source_of(lm.slug), lm) for lm in project.landmarks]
    keys = data_keys(langs)
    for slug, src, obj in sources:
        for path, text in texts(obj):
            for key in keys:
                if not text.get(key).strip():
                    found.setdefault(slug, []).append(src.problem(
                        path + (key,), f"no {LANGUAGES[key]} text; the {edition} edition prints it"))
    return found


def fit_problem(project: Project, err, script: str = "zh") -> Problem:
    """A text that does not fit, located in the file and line it came from (or a layout
    that breaks a print rule, located in the layout), from the stage error's path. In an
    edition set in another script (``script``), the layouts' Chinese slot held that
    script's text: the field named is its key (``name.ja``), or for Traditional Chinese
    the Simplified text it was converted from."""
    from ..load.editions import SOURCE

    if err.layout_error is not None:
        le = err.layout_error
        return project.sources[f"layouts/{err.layout}.yaml"].problem(le.path, str(le))
    fit = err.fit
    msg = f"does not fit the '{fit.frame}' frame of {err.output} at the series' type sizes ({fit.overflow})"
    path = fit.path
    if script != "zh" and path and path[-1] == "zh":
        path = (*path[:-1], SOURCE[script])
        if script == "zh-Hant":
            msg += " (in Traditional Chinese, converted from this text)"
    root, rest = (path[0], path[1:]) if path else ("", ())
    campaign = project.sources["data/campaign.yaml"]
    if root == "landmark" and err.slug:
        return project.source_of(err.slug).problem(rest, msg)
    if root == "landmarks" and rest and isinstance(rest[0], int):
        return project.source_of(project.landmarks[rest[0]].slug).problem(rest[1:], msg)
    if root == "campaign":
        return campaign.problem(rest, msg)
    if root == "labels":
        return campaign.problem(path, msg)
    return Problem("data/campaign.yaml", 0, 0, F.dotted(path), msg)
