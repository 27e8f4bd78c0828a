"""``poster-gen proof``: what changed since a release, for a marketing lead to sign off.

``output/proof.pdf`` compares the outputs now built with a release (``--since N``,
default the last; with none yet, everything is new): the changed outputs and the
changed facts, then each changed page of the print files, released and now side by
side, the changed regions outlined.

Modules, one job each: ``facts`` (the data models compared field by field, each
difference named in Chinese and English), ``regions`` (rendered pages compared pixel
by pixel, the changes grouped into boxes), ``gather`` (the release, the outputs now
built and their statuses), ``document`` (the PDF). Words, colours and sizes are in
``proof.yaml``.
"""
from __future__ import annotations

from pathlib import Path

PROOF = "proof.pdf"


def write_proof(root: Path, out: Path | None = None, since: int | None = None):
    """Compare, draw and write ``<out>/proof.pdf`` atomically; the path and what was compared."""
    from ...atomic import atomic_write
    from .document import draw
    from .gather import gather

    root = Path(root).resolve()
    out = Path(out).resolve() if out is not None else root / "output"
    proof = gather(root, out, since)
    data = draw(proof, _fonts(proof))
    dest = out / PROOF
    atomic_write(dest, data, durable=True)
    return dest, proof


def _fonts(proof) -> dict[str, str]:
    """The poster layout's fonts, prepared for every character the proof draws, and
    registered with ReportLab as the renderer registers them: role -> font name."""
    from ...build.glyphs import prepare_layout_fonts
    from ...render.pdf import font_files, register_fonts
    from .facts import words

    text = "".join([str(words()), *(f.zh + f.en for f in proof.facts), *(o.name for o in proof.outputs),
                    str(proof.names), str(proof.series), proof.root.name, str(proof.record or "")])
    prepared = prepare_layout_fonts(proof.project, "poster", text)
    wanted = {role: f for role, f in font_files(prepared).items() if role.split(":")[0] in ("regular", "bold")}
    return register_fonts(wanted)
