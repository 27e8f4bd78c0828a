"""The plan of a build: every file it may write (per format, per landmark and the brochure), and what each is made from (its input files and derived values, for the build record and the series step)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..load.project import Project
from .glyphs import font_source
from .formats import BROCHURE, CHOICES, FORMATS, output_name
from .options import PrintOptions


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


def plan_outputs(project: Project, out: Path, slugs: list[str], with_brochure: bool,
                 options: PrintOptions) -> dict[str, Output]:
    """Every file this build may write: per format (a row of ``formats.FORMATS``), per
    landmark and the brochure, named by ``formats.output_name``."""
    outputs: dict[str, Output] = {}
    for fmt in CHOICES[options.fmt]:
        row = FORMATS[fmt]
        if row.layout is not None and row.layout not in project.layouts:
            raise InputError([Problem(f"layouts/{row.layout}.yaml", 0, 0, "",
                                      f"not found (--format {options.fmt} needs it)")])
        for target in [*slugs, *([BROCHURE] if with_brochure else [])]:
            name = output_name(fmt, target, options.edition, options.size)
            if name is not None:
                outputs[f"{fmt}:{target}"] = Output(name, out / name, target, fmt, row.layout_for(target))
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
    source, _ = font_source(project, layout)
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
