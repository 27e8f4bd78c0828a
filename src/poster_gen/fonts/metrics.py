"""Font metrics for layout, loaded from the small JSON that ``prepare`` writes.

Composing a poster measures a lot of text (line breaking, fitting titles), so this
module is deliberately tiny: no fontTools, no ReportLab, one ``json.loads``. Widths
are computed from the advance widths the prepared font really has, so what the
composer measures is what ReportLab draws (ReportLab does no kerning or shaping).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Any, Mapping

from ..units import MM_PER_PT


#: Characters that are layout control, not glyphs: never measured, never "missing".
_IGNORED = frozenset("\n")


@dataclass(frozen=True, eq=False)
class FontMetrics:
    """Metrics of one prepared font instance, in font units unless a name says otherwise.

    ``ascender``/``descender`` come from OS/2 typo metrics when the font sets them (for
    CJK fonts that is the ideographic em box, e.g. 880/-120), else from ``hhea``.
    ``ideo_top`` is the measured top of a reference ideograph (国) at this weight, so
    Chinese text can be aligned by its visible top rather than by the em box.
    ``ink`` is each drawn character's glyph box ``(xMin, yMin, xMax, yMax)``, as drawn
    at this weight; characters without ink (spaces) are absent.

    Equality and hashing are by identity (``eq=False``): the advances dict would
    make a field-wise hash fail, and a plain dict keeps the object picklable for
    render workers.
    """

    ps_name: str
    units_per_em: int
    ascender: int
    descender: int
    cap_height: int
    x_height: int
    ideo_top: int
    advances: Mapping[str, int]
    missing_advance: int
    ink: Mapping[str, tuple[int, int, int, int]]

    def has(self, ch: str) -> bool:
        """True if the prepared font has a glyph for ``ch``."""
        return ch in self.advances

    def ink_box(self, ch: str) -> tuple[int, int, int, int] | None:
        """``ch``'s ink box (xMin, yMin, xMax, yMax) in font units; None if it draws nothing
        (a space) or the font lacks it."""
        return self.ink.get(ch)

    def width_pt(self, text: str, size_pt: float, tracking: float = 0.0) -> float:
        """Width of one line of ``text`` in points at ``size_pt``.

        ``\\n`` is ignored; a character the font lacks counts as the .notdef
        advance, which is what a renderer would draw in its place.

        ``tracking`` is in 1/1000 em and is added after every character except the
        last, the way a typesetter's letter-spacing is specified.
        """
        if "\n" in text:
            text = text.replace("\n", "")
        if not text:
            return 0.0
        units = sum(map(self.advances.get, text, repeat(self.missing_advance)))
        width = units * size_pt / self.units_per_em
        if tracking:
            width += tracking * size_pt / 1000.0 * (len(text) - 1)
        return width

    def width_mm(self, text: str, size_pt: float, tracking: float = 0.0) -> float:
        """``width_pt`` in millimetres (the composer works in mm)."""
        return self.width_pt(text, size_pt, tracking) * MM_PER_PT

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` the font cannot draw (``\\n`` is not a character)."""
        return {ch for ch in set(text) if ch not in self.advances and ch not in _IGNORED}

    def to_json(self) -> str:
        """Compact JSON, the format ``load`` reads (written by ``prepare``)."""
        return json.dumps(_as_dict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "FontMetrics":
        """Build from the JSON object; raises ``ValueError`` if a field is absent."""
        try:
            return cls(
                ps_name=str(data["ps_name"]),
                units_per_em=int(data["units_per_em"]),
                ascender=int(data["ascender"]),
                descender=int(data["descender"]),
                cap_height=int(data["cap_height"]),
                x_height=int(data["x_height"]),
                ideo_top=int(data["ideo_top"]),
                missing_advance=int(data["missing_advance"]),
                advances={str(k): int(v) for k, v in data["advances"].items()},
                ink=_boxes(data["ink"]),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"bad font metrics data: {exc!r}") from exc

    @classmethod
    def loads(cls, data: bytes) -> "FontMetrics":
        """Parse the metrics JSON written by ``prepare`` (``ValueError`` if malformed)."""
        return cls.from_dict(json.loads(data))

    @classmethod
    def load(cls, path: Path) -> "FontMetrics":
        """Read the metrics JSON written by ``prepare`` (``ValueError`` if malformed)."""
        with open(path, "rb") as fh:
            return cls.loads(fh.read())


def _boxes(data: Mapping[str, Any]) -> dict[str, tuple[int, int, int, int]]:
    """The ``ink`` object: checked in bulk, as ~550 per-box checks would double the load time."""
    ink = {str(k): tuple(v) for k, v in data.items()}
    if set(map(len, ink.values())) - {4} or set(map(type, chain.from_iterable(ink.values()))) - {int}:
        raise ValueError("bad font metrics data: an ink box is not 4 integers")
    return ink  # type: ignore[return-value]


def _as_dict(m: FontMetrics) -> dict[str, Any]:
    return {
        "ps_name": m.ps_name,
        "units_per_em": m.units_per_em,
        "ascender": m.ascender,
        "descender": m.descender,
        "cap_height": m.cap_height,
        "x_height": m.x_height,
        "ideo_top": m.ideo_top,
        "missing_advance": m.missing_advance,
        "advances": dict(m.advances),
        "ink": {ch: list(box) for ch, box in m.ink.items()},
    }
