"""Builds for a process that stays up (``poster-gen watch``): warm before the first save,
and the edited landmark's poster first.

A build in a fresh process pays for its imports (ReportLab, pikepdf, the composer),
for ReportLab parsing the prepared fonts and for the segmenter's dictionary before any
output is made; a watch whose first build had nothing to do (or made its outputs in
worker processes) would pay them on the first save. ``prewarm`` pays them once, before
watching, by building one poster into a scratch folder.

A save of one landmark's file changes its poster, the brochure and, now and then (its
place in the series, the series' type size), the other posters. ``stages`` splits the
rebuild in two ordinary builds: that landmark's outputs alone, then everything. The
second finds the first's files up to date, so nothing is made twice, and each file is
the one a single ``poster-gen build`` makes. A save of anything shared (the campaign,
a layout, a theme, an asset) or a landmark added or removed is one build of everything.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from .formats import BROCHURE
from .options import PrintOptions

LANDMARKS = os.path.join("data", "landmarks")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # as load.project.SLUG


def landmark_slug(root: Path, path: str) -> str | None:
    """The slug of the landmark whose file ``path`` is (absolute or relative to
    ``root``), or None for any other file."""
    rel = os.path.relpath(os.path.join(root, path), root)
    folder, name = os.path.split(rel)
    stem, ext = os.path.splitext(name)
    if folder != LANDMARKS or ext not in (".yaml", ".yml") or not _SLUG.match(stem):
        return None
    return stem


def stages(root: Path, changed: Iterable[str], only: list[str], known: set[str]) -> list[list[str]]:
    """The builds that follow a save, in order, each as its ``only`` list ([]: every
    output). ``changed`` are the files saved; ``known`` the landmarks the previous
    build knew of (a new or deleted file changes the series: everything)."""
    changed = list(changed)
    slugs = {landmark_slug(root, p) for p in changed}
    if not changed or None in slugs or not slugs <= known or \
            not all(os.path.isfile(os.path.join(root, p)) for p in changed):
        return [only]
    first = sorted(s for s in slugs if not only or s in only)
    if not first or (only and set(only) <= set(first)):
        return [only]  # nothing of the watched outputs goes first, or it is everything
    return [first, only]


def targets(outputs) -> set[str]:
    """The landmarks a build's outputs are of."""
    return {o.target for o in outputs if o.target and o.target != BROCHURE}


def prewarm(root: Path, options: PrintOptions, slug: str | None) -> float:
    """Import what a build needs and make ``slug``'s printed poster once in this
    process, into a scratch folder (removed), so that the first save does not pay for
    it; seconds spent. Whatever goes wrong is the real build's to report: ignored here."""
    import time

    t0 = time.perf_counter()
    import importlib
    import pkgutil

    from .. import compose
    from ..render import pdf  # noqa: F401
    from .. import preflight  # noqa: F401
    from ..finish import pdfx  # noqa: F401
    from .run import build

    # all of the composer (10 ms): a page read from the memo, as below, does not import
    # what composing a new one does (the layout lint, ~40 ms on the first save)
    for m in pkgutil.walk_packages(compose.__path__, compose.__name__ + "."):
        importlib.import_module(m.name)

    if slug:
        scratch = Path(tempfile.mkdtemp(prefix="poster-gen-warm-"))
        try:
            opts = PrintOptions(options.size, options.bleed, options.marks, options.draft, options.lang, "print")
            build(root, scratch, [slug], options=opts, jobs=1, force=True)
        except Exception:  # noqa: BLE001 - a mistake in the project is the watch's build to report
            pass
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return time.perf_counter() - t0
