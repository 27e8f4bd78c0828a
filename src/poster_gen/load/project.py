"""Find and load a whole project: data, layouts and themes, validated together.

All problems of all files are collected and raised as one ``InputError`` so the user
fixes everything in one round, each once: a theme whose file has problems is reported
there, not again as an unknown theme by every file that names it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError, Problem, display_path
from ..suggest import suggest
from . import fields as F
from .assets import check_icc, check_image
from .folders import yaml_files
from .layout_models import TOKENS, Layout, Theme
from .models import Campaign, Landmark
from .model_reader import load_model
from .vocabulary import MOTIF_SPECS as MOTIFS
from .vocabulary import check_params
from .yamlsrc import Source, parse_yaml, read_bytes

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LAYOUTS = ("poster", "brochure")
OPTIONAL_LAYOUTS = ("social-portrait", "social-story")  # --format social needs them


@dataclass
class Project:
    root: Path
    campaign: Campaign
    landmarks: list[Landmark]  # in series order
    themes: dict[str, Theme]
    layouts: dict[str, Layout]
    sources: dict[str, Source] = field(default_factory=dict)  # display path -> source
    failed: dict[str, list[Problem]] = field(default_factory=dict)  # slug -> its problems (lenient)
    files: dict[str, str] = field(default_factory=dict)  # "landmark:<slug>", "theme:<name>" -> display path
    digests: dict[str, str] = field(default_factory=dict)  # display path -> SHA-256 of the bytes parsed

    def landmark(self, slug: str) -> Landmark:
        for lm in self.landmarks:
            if lm.slug == slug:
                return lm
        raise KeyError(slug)

    def source_of(self, slug: str) -> Source:
        return self.sources[self.files[f"landmark:{slug}"]]


def read_model(cls: type, path: Path, shown: str) -> tuple[Source, Any, list[Problem], str]:
    """One file read, parsed and converted to ``cls``, and the SHA-256 of the bytes parsed:
    a pure function of those bytes (and of the tool), so the result is memoised on disk
    and a build reads, not re-parses, the files that did not change (YAML parsing and
    validation were a tenth of a second)."""
    import hashlib

    from ..disk_cache import memoised

    data = read_bytes(path, shown)
    digest = hashlib.sha256(data).hexdigest()

    def compute() -> tuple[Source, Any, list[Problem]]:
        src = parse_yaml(data, path, shown)
        obj, problems = load_model(cls, src)
        return src, obj, problems

    key = ("model", cls.__module__, cls.__qualname__, shown, str(path), digest)
    return (*memoised("models", key, compute), digest)


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.digests: dict[str, str] = {}

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def load(self, cls: type, path: Path) -> tuple[Any, Source | None]:
        shown = self.shown(path)
        try:
            src, obj, problems, self.digests[shown] = read_model(cls, path, shown)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None, None
        self.sources[shown] = src
        self.problems.extend(problems)
        return obj, src

    def missing(self, path: Path, what: str) -> None:
        self.problems.append(Problem(self.shown(path), 0, 0, "", f"not found ({what})"))


def load_project(root: Path, only: Iterable[str] | None = None, lenient: bool = False) -> Project:
    """Load and validate everything under ``root``; every problem of every file is
    raised together. With ``lenient``, problems confined to one landmark's file do not
    stop the others: that landmark is left out and its problems are in ``failed``."""

    root = root.resolve()
    ld = _Loader(root)
    if not root.is_dir():
        raise InputError([Problem(str(root), 0, 0, "", "project folder not found")])

    campaign_path = root / "data" / "campaign.yaml"
    campaign, campaign_src = (ld.load(Campaign, campaign_path) if campaign_path.is_file()
                              else (ld.missing(campaign_path, "the campaign file"), None))

    themes: dict[str, Theme] = {}
    files: dict[str, str] = {}
    theme_files = yaml_files(root / "layouts" / "themes")
    if not theme_files:
        ld.missing(root / "layouts" / "themes", "a folder of colour themes")
    theme_srcs: dict[str, Source] = {}
    for p in theme_files:
        theme, tsrc = ld.load(Theme, p)
        files[f"theme:{p.stem}"] = ld.shown(p)
        if theme is not None:
            themes[p.stem] = theme
            theme_srcs[p.stem] = tsrc
    # every theme that has a file, loaded or not: a broken one is reported in its own file
    named = ThemeNames({p.stem for p in theme_files}, ld.shown(root / "layouts" / "themes"))

    layouts: dict[str, Layout] = {}
    layout_srcs: dict[str, Source] = {}
    for name in LAYOUTS + OPTIONAL_LAYOUTS:
        p = root / "layouts" / f"{name}.yaml"
        if not p.is_file():
            if name in LAYOUTS:
                ld.missing(p, f"the {name} layout")
            continue
        layout, src = ld.load(Layout, p)
        if layout is not None:
            layouts[name] = layout
            layout_srcs[name] = src

    landmark_files = yaml_files(root / "data" / "landmarks")
    if not landmark_files:
        ld.missing(root / "data" / "landmarks", "a folder with one YAML file per landmark")
    landmarks: list[Landmark] = []
    seen: dict[str, str] = {}
    for p in landmark_files:
        slug = p.stem
        shown = ld.shown(p)
        if not SLUG.match(slug):
            ld.problems.append(Problem(shown, 0, 0, "", f"the file name {slug!r} is not a valid slug "
                                       "(lowercase letters, digits and hyphens, e.g. new-energy-vehicles)"))
            continue
        if slug in seen:
            ld.problems.append(Problem(shown, 0, 0, "", f"the slug {slug!r} is also used by {seen[slug]}"))
            continue
        seen[slug] = files[f"landmark:{slug}"] = shown
        lm, src = ld.load(Landmark, p)
        if lm is None:
            continue
        lm = replace(lm, slug=slug)
        ld.problems += check_landmark(lm, src, root, named, landmarks)
        landmarks.append(lm)

    if campaign is not None:
        for name, layout in layouts.items():
            _check_layout(layout, layout_srcs[name], campaign, named, MOTIFS, ld.problems, landmarks)
    if "poster" in layouts:
        ld.problems += series_hues(layouts["poster"], themes, theme_srcs, landmarks, root)
    ld.problems += spot_inks(themes, theme_srcs)
    if only:
        for slug in only:
            if slug not in seen:
                ld.problems.append(Problem("data/landmarks", 0, 0, "", f"no landmark {slug!r}"
                                           f"{suggest(slug, seen)}; found: {', '.join(seen) or 'none'}"))
    by_file = {shown: p.stem for p in landmark_files for shown in [ld.shown(p)]}
    failed: dict[str, list[Problem]] = {}
    common: list[Problem] = []
    for problem in ld.problems:
        slug = by_file.get(problem.file)
        (failed.setdefault(slug, []) if slug else common).append(problem)
    if common or (failed and not lenient):
        raise InputError(ld.problems)
    landmarks = [lm for lm in landmarks if lm.slug not in failed]
    landmarks.sort(key=lambda lm: (lm.order, lm.slug))
    return Project(root, campaign, landmarks, themes, layouts, ld.sources, failed, files, ld.digests)


class ThemeNames:
    """The theme names a file may use: those with a file in ``layouts/themes`` (whether or
    not the file loaded: a broken theme's problems are in its own file)."""

    def __init__(self, names: Iterable[str], folder: str = "layouts/themes"):
        self.files = set(names)
        self.folder = folder

    def unknown(self, name: str) -> str | None:
        """Why ``name`` names no theme (None when it does)."""
        if name in self.files:
            return None
        return (f"unknown theme {name!r}{suggest(name, self.files)}: theme {name!r} has no file "
                f"{self.folder}/{name}.yaml (themes: {', '.join(sorted(self.files)) or 'none'})")


def spot_inks(themes, sources) -> list[Problem]:
    """One spot ink, one look: a name that two colours give different CMYK would print one
    plate that proofs and screens show two ways (and the second Separation of that name
    in a file would be read with the first's alternate)."""
    first: dict[str, tuple[str, str, list]] = {}
    problems = []
    for name in sorted(themes):
        for token, colour in themes[name].colours.items():
            if colour is None or not colour.spot:
                continue
            seen = first.setdefault(colour.spot, (name, token, list(colour.cmyk)))
            if seen[2] != list(colour.cmyk):
                problems.append(sources[name].problem(
                    ("colours", token, "cmyk"), f"the spot ink {colour.spot!r} is "
                    f"{'/'.join(f'{v:g}' for v in seen[2])} in layouts/themes/{seen[0]}.yaml ({seen[1]}); "
                    "one ink has one process look-alike: give both the same cmyk"))
    return problems


def series_hues(layout: Layout, themes, sources, landmarks: list[Landmark], root: Path) -> list[Problem]:
    """The series' colours read apart at 3 m: each of the layout's ``lint.hue_tokens`` of
    every landmark theme is at least ``lint.hue_separation`` (CIEDE2000) from the same
    token of every other (CIELAB through the output profile when the layout embeds one,
    else through the ink model of ``poster_gen.colour``)."""
    from ..colour import cmyk_to_lab, delta_e2000

    need = layout.lint.hue_separation
    names = sorted({lm.theme for lm in landmarks if lm.theme in themes})
    if not need or len(names) < 2:
        return []
    profile = layout.print.output_intent.profile
    icc = root / profile if profile else None
    problems = []
    for token in layout.lint.hue_tokens:
        labs = {n: cmyk_to_lab(tuple(themes[n].colours[token].cmyk), icc) for n in names
                if token in themes[n].colours}
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if a in labs and b in labs and (d := delta_e2000(labs[a], labs[b])) < need:
                    problems.append(sources[b].problem(
                        ("colours", token, "cmyk"), f"only ΔE2000 {d:.1f} from the {token} of "
                        f"layouts/themes/{a}.yaml; the series' colours need {need:g} apart to read apart at 3 m "
                        "(lint.hue_separation in layouts/poster.yaml)"))
    return problems


def check_landmark(lm: Landmark, src: Source, root: Path, themes, others: Iterable[Landmark]) -> list[Problem]:
    """What one landmark's file can get wrong beyond its own fields: the names it refers
    to (theme, motifs and their parameters), its photo, and its place in the series
    against ``others``. Used by the loader and by the studio's editor alike. ``themes``:
    the loaded themes by name, or a ``ThemeNames``."""

    problems: list[Problem] = []
    _check_names(lm, src, themes if isinstance(themes, ThemeNames) else ThemeNames(themes), MOTIFS, problems)
    if lm.hero_image is not None:
        why = check_image(root, lm.hero_image)
        if why:
            problems.append(src.problem(("hero_image",), why))
    for other in others:
        if other.order == lm.order and other.slug != lm.slug:
            problems.append(src.problem(("order",), f"{lm.order} is also the order of "
                                        f"{other.slug}; each landmark needs its own place"))
            break
    return problems


def _check_names(lm: Landmark, src: Source, themes: ThemeNames, motifs, problems: list[Problem]) -> None:
    why = themes.unknown(lm.theme)
    if why:
        problems.append(src.problem(("theme",), why))
    choice = lm.motifs
    if choice.technology not in motifs or motifs[choice.technology].kind != "technology":
        tech = sorted(n for n, m in motifs.items() if m.kind == "technology")
        problems.append(src.problem(("motifs", "technology"), f"unknown technology motif {choice.technology!r}"
                                    f"{suggest(choice.technology, tech)} (expected one of: {', '.join(tech)})"))
    if choice.hero is not None and (choice.hero not in motifs or motifs[choice.hero].kind != "hero"):
        heroes = sorted(n for n, m in motifs.items() if m.kind == "hero")
        problems.append(src.problem(("motifs", "hero"), f"unknown hero {choice.hero!r}"
                                    f"{suggest(choice.hero, heroes)} (expected one of: {', '.join(heroes)})"))
    nanjing = sorted(n for n, m in motifs.items() if m.kind == "nanjing")
    for i, name in enumerate(choice.nanjing):
        if name not in nanjing:
            problems.append(src.problem(("motifs", "nanjing", i), f"unknown Nanjing motif {name!r}"
                                        f"{suggest(name, nanjing)} (expected one of: {', '.join(nanjing)})"))
    for name, params in choice.params.items():
        for msg in check_params(name, params):
            problems.append(src.problem(("motifs", "params", name), msg))


def _check_layout(layout: Layout, src: Source, campaign: Campaign, themes, motifs,
                  problems: list[Problem], landmarks: list[Landmark]) -> None:
    profile = layout.print.output_intent.profile
    if profile:
        why = check_icc(src.path.parents[1] if src.path else Path("."), profile)
        if why:
            problems.append(src.problem(("print", "output_intent", "profile"), why))
    why = themes.unknown(layout.campaign_theme)
    if why:
        problems.append(src.problem(("campaign_theme",), why))
    labels = campaign.labels
    for tname, tpl in layout.templates.items():
        for j, region in enumerate(tpl.regions):
            base = ("templates", tname, "regions", j)
            refs = [region.field] if isinstance(region.field, str) else list(region.field or [])
            for k, ref in enumerate(refs):
                why = F.check(ref, labels)
                if why:
                    sub = ("field",) if isinstance(region.field, str) else ("field", k)
                    problems.append(src.problem(base + sub, why))
            for key in ("image", "image_focus"):
                ref = getattr(region, key)
                why = F.check(ref, labels) if ref else None
                if why:
                    problems.append(src.problem(base + (key,), why))
            if region.label:
                why = F.check(region.label, labels)
                if why:
                    problems.append(src.problem(base + ("label",), why))
            for m, layer in enumerate(region.layers):
                where = base + ("layers", m)
                if "." in layer.motif:
                    why = F.check(layer.motif, labels)
                    if why:
                        problems.append(src.problem(where + ("motif",), why))
                        continue
                    names = {F.resolve(layer.motif, {"landmark": lm, "campaign": campaign}) for lm in landmarks}
                elif layer.motif not in motifs:
                    problems.append(src.problem(where + ("motif",), f"unknown motif "
                                                f"{layer.motif!r}{suggest(layer.motif, motifs)}"))
                    continue
                else:
                    names = {layer.motif}
                for token in {layer.colour, layer.ground} - set(TOKENS):
                    problems.append(src.problem(where, f"unknown colour token {token!r}{suggest(token, TOKENS)}"))
                for name in sorted(n for n in names if n in motifs):
                    for msg in check_params(name, layer.params):
                        problems.append(src.problem(where + ("params",), f"{name}: {msg}"))
    for i, step in enumerate(layout.sequence):
        if step.bookmark:
            why = F.check(step.bookmark, labels)
            if why:
                problems.append(src.problem(("sequence", i, "bookmark"), why))
