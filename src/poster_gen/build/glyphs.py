"""The fonts a layout needs and the characters they must hold: prepared once per build, and every character of the project checked against them."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..load.layout_models import FontSpec
from ..load.project import Project
from ..load.walk import strings
from ..load.yamlsrc import Source

# Characters that composers add around the data (separators, numbering, dashes).
EXTRA_CHARS = "0123456789 /—–·，。：；、“”‘’（）《》%+-.,:;!?　…"


def project_text(project: Project) -> str:
    chars = set(EXTRA_CHARS)
    for obj in [project.campaign, *project.landmarks, *project.themes.values()]:
        for _, s in strings(obj):
            chars.update(s)
            chars.update(s.upper())
    chars.discard("\n")
    return "".join(sorted(chars))


def font_path(spec: FontSpec, project: Project, src: Source) -> Path:
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


def font_source(project: Project, layout_name: str):
    from ..fonts import FontSource

    spec = project.layouts[layout_name].fonts
    src = project.sources[f"layouts/{layout_name}.yaml"]
    return FontSource(font_path(spec, project, src), spec.face, spec.family), src


def prepare_layout_fonts(project: Project, layout_name: str, text: str):
    """Font files and metrics for one layout's font roles."""
    from ..fonts import FontError, prepare_fonts

    source, src = font_source(project, layout_name)
    try:
        return prepare_fonts(source, project.layouts[layout_name].fonts.weights, text)
    except FontError as exc:
        raise InputError([src.problem(exc.path or ("fonts",), str(exc))]) from None


def layout_coverage(project: Project, layout_name: str) -> frozenset[int]:
    """The code points a layout's font can draw."""
    from ..fonts import FontError, font_coverage

    source, src = font_source(project, layout_name)
    try:
        return font_coverage(source)
    except FontError as exc:
        raise InputError([src.problem(exc.path or ("fonts",), str(exc))]) from None


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
