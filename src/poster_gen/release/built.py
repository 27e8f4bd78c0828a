"""What is built now, and whether it is up to date: the set a release freezes.

The set is what ``poster-gen build`` makes for the project's landmarks and the brochure
in one edition (``--lang``) and poster size (``--size``): the print files, all of them,
and the screen and social files when the build record has them. Every one must be
exactly as the build record says it was written, from inputs unchanged since, by this
poster-gen and with the same print options; else the release is refused, naming the
first file and why, and the command that brings the build up to date.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..build import manifest as inc
from ..build.formats import BROCHURE, CHOICES, output_name
from ..load.folders import yaml_files
from .store import Refusal, shown


@dataclass(frozen=True)
class Item:
    """One output of the release."""

    name: str  # output-relative: posters/<slug>.pdf
    kind: str  # print, screen or social
    target: str  # a landmark's slug, or "brochure"
    layout: str  # the layout it is composed with
    entry: inc.Entry  # what the build record says of it


#: the kind each --format choice's files are released as
KIND_OF = {fmt: choice for choice in ("print", "screen", "social") for fmt in CHOICES[choice]}


def targets(root: Path) -> list[str]:
    return [p.stem for p in yaml_files(root / "data" / "landmarks")] + [BROCHURE]


def current_set(root: Path, out: Path, edition: str = "", size: str | None = None) -> tuple[list[Item], inc.Manifest]:
    """The outputs to release, each checked up to date (else a ``Refusal``)."""
    from ..build.formats import FORMATS

    root, out = Path(root).resolve(), Path(out).resolve()
    manifest = inc.load(out)
    again = _again(edition, size)
    if not manifest.outputs:
        raise Refusal(shown(out, root), f"nothing is built here yet; run {again}, then release")
    items: list[Item] = []
    for fmt, kind in KIND_OF.items():
        names = [(t, n) for t in targets(root) if (n := output_name(fmt, t, edition, size)) is not None]
        if kind != "print" and not any(n in manifest.outputs for _, n in names):
            continue  # never built in this format: not released
        for target, name in names:
            entry = manifest.outputs.get(name)
            if entry is None:
                raise Refusal(shown(out / name, root), f"not built; run {again}{_fmt(kind)}, then release")
            items.append(Item(name, kind, target, FORMATS[fmt].layout_for(target), entry))
    _check_current(root, out, items, manifest, again)
    return items, manifest


def _check_current(root: Path, out: Path, items: list[Item], manifest: inc.Manifest, again: str) -> None:
    options = items[0].entry.options
    if manifest.tool != inc.tool_digest():
        raise Refusal(shown(out, root), f"made by another version of poster-gen; run {again} "
                                        "(it makes them with this one), then release")
    seen: dict[str, str] = {}
    for item in items:
        where = shown(out / item.name, root)
        if item.entry.options != options:
            raise Refusal(where, f"built with other print options ({_opts(item.entry.options)}) than "
                                 f"{items[0].name} ({_opts(options)}); build them together: {again} --format all "
                                 "with the options you mean, then release")
        changed = inc.changed_inputs(root, out, item.name, manifest, seen)
        if changed:
            more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
            what = changed[0].replace("listing:", "the files in ")
            raise Refusal(where, f"not up to date: {what}{more} changed since it was built; "
                                 f"run {again}{_fmt(item.kind)}, then release")
        if inc.current_inputs(root, item.entry.inputs, seen) != item.entry.inputs:  # the font
            raise Refusal(where, f"not up to date: the font changed since it was built; run {again}, then release")
        if inc.file_hash(out / item.name) != item.entry.output:
            raise Refusal(where, f"{'missing' if not (out / item.name).exists() else 'changed'} since the build; "
                                 f"run {again}{_fmt(item.kind)}, then release")


def _again(edition: str, size: str | None) -> str:
    lang = {"": "", ".zh": " --lang zh", ".en": " --lang en"}.get(edition, "")
    return f"poster-gen build{lang}{f' --size {size}' if size else ''}"


def _fmt(kind: str) -> str:
    return "" if kind == "print" else f" --format {kind}"


def _opts(key: str) -> str:
    return ", ".join(part.replace("=", " ") for part in key.split(";"))
