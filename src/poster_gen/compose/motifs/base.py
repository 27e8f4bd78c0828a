"""The motif data model: context, parameter specs, registry entries, and the small
helpers every motif shares (the stroke system, palette access, item accumulation).

Pure geometry: nothing here imports ReportLab.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping

from ...errors import StageError
from ...page_model import CMYK, Box, Item, Path, Stroke
from ...load.vocabulary import (  # noqa: F401  (the motifs import them from here)
    MOTIF_SPECS, PALETTE_TOKENS, MotifSpec, ParamSpec, common_params, resolve, token, validate)
from .clip import clip_ops, cut_ops, round_ops

WEIGHTS = {"fine": 0.5, "regular": 1.0, "bold": 2.0}
_EMPTY: Mapping[str, Any] = MappingProxyType({})


class MotifError(StageError, ValueError):
    """A motif name or its parameters are wrong; the message lists every problem and
    ``path`` names the motif's entry, e.g. ("motif", "plum_branch", "params")."""


@dataclass(frozen=True)
class MotifContext:
    box: Box  # the area to fill, mm (top-left origin)
    palette: Mapping[str, CMYK]  # theme tokens
    seed: int = 0
    stroke_pt: float = 1.0  # regular weight; fine = 0.5x, bold = 2x
    params: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    bleed: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # top, right, bottom, left
    ground: CMYK | None = None  # the colour beneath; faint colours blend towards it (None: paper)
    keep_out: tuple[Box, ...] = ()  # text the drawing frames: nothing is drawn inside these boxes

    @property
    def area(self) -> Box:
        """The box grown by the bleed: everything drawn stays inside it."""
        t, r, b, l = self.bleed
        return Box(self.box.x - l, self.box.y - t, self.box.w + l + r, self.box.h + t + b)


@dataclass(frozen=True)
class MotifInfo:
    """A motif spec (``load.vocabulary``) paired with its drawing."""

    spec: MotifSpec
    draw: Callable[[MotifContext], list[Item]]

    @classmethod
    def of(cls, name: str, draw: Callable[[MotifContext], list[Item]]) -> "MotifInfo":
        return cls(MOTIF_SPECS[name], draw)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def summary(self) -> str:
        return self.spec.summary

    @property
    def params(self) -> Mapping[str, ParamSpec]:
        return self.spec.params


def overlaps(a: tuple, b: tuple) -> bool:
    """Two (x0, y0, x1, y1) boxes share a point (touching counts: motifs keep a gap)."""
    return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])


class Ink:
    """The stroke system and palette access of one motif drawing.

    ``w('fine'|'regular'|'bold')`` gives widths in pt; ``c(token, f)`` the colour at
    ``strength * f``: blended towards the ground it lies on (paper when none is given,
    which is a plain ink tint), and remembered as the colour at that opacity, which an
    output that keeps live transparency (PDF/X-4) paints instead (``CMYK.layer``).
    """

    def __init__(self, ctx: MotifContext):
        self.ctx = ctx
        self.p = ctx.params
        self.base = ctx.stroke_pt * float(self.p.get("weight", 1.0))
        self.strength = float(self.p.get("strength", 1.0))
        self.density = float(self.p.get("density", 1.0))

    def w(self, cls: str) -> float:
        return WEIGHTS[cls] * self.base

    def mm(self, cls: str) -> float:
        """A stroke width in millimetres (for spacing that must clear the line)."""
        return self.w(cls) * 25.4 / 72.0

    def c(self, tok: str | None = None, f: float = 1.0) -> CMYK:
        tok = tok or self.p["colour"]
        try:
            col = self.ctx.palette[tok]
        except KeyError:
            raise MotifError(f"palette has no colour {tok!r}", ("palette", tok)) from None
        a = max(0.0, min(1.0, self.strength * f))
        if self.ctx.ground is None:  # over paper: a plain tint (of a spot ink, the same plate lighter)
            return col.tint(a).layer(col, a)
        return self.ctx.ground.mix(col, a).layer(col, a)


class Sheet:
    """Collects geometry into one Path per style (colour, width, caps, fill rule), in
    first-use order, so a motif emits a handful of items however many strokes it has."""

    def __init__(self, ctx: MotifContext, ink: Ink):
        self.area = ctx.area
        self.keep_out = ctx.keep_out
        self.ink = ink
        self._layers: dict[tuple, list] = {}

    def stroke(self, ops, tok: str | None, cls: str = "regular", f: float = 1.0, *,
               cap: str = "round", join: str = "round", dash: tuple[float, ...] = ()) -> None:
        st = Stroke(self.ink.c(tok, f), self.ink.w(cls), cap, join, tuple(dash))
        self._layers.setdefault(("s", st), []).extend(ops)

    def fill(self, ops, tok: str | None, f: float = 1.0, *, even_odd: bool = False) -> None:
        key = ("f", self.ink.c(tok, f), even_odd)
        self._layers.setdefault(key, []).extend(ops)

    def items(self) -> list[Item]:
        out: list[Item] = []
        for key, ops in self._layers.items():
            if not ops:
                continue
            filled = key[0] == "f"
            ops = clip_ops(ops, self.area, filled=filled)
            if self.keep_out:
                ops = cut_ops(ops, self.keep_out, filled=filled)
            ops = round_ops(ops)
            if not any(o[0] != "M" for o in ops):
                continue
            if filled:
                out.append(Path(tuple(ops), fill=key[1], even_odd=key[2], role="motif"))
            else:
                out.append(Path(tuple(ops), stroke=key[1], role="motif"))
        return out
