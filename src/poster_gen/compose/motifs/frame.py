"""The prologue and epilogue every motif shares, written once.

A motif declares a *paint table*: named pens and how each is painted (stroked in a class
of the stroke system, or filled, in a palette token, at a share of the motif's
strength). It opens a :class:`Frame` on its context, draws geometry into the named pens
in small named steps, and returns ``frame.items()``: the pens painted in table order,
clipped to the drawable area and cut around the text the drawing keeps clear of.

    PAINT = {"outline": Paint("stroke", "@colour", "regular"), "panel": Paint("fill", "tint", f=0.6)}

    def draw_thing(ctx):
        fr = Frame(ctx, PAINT)
        _outline(fr)          # each step <= ~50 lines: geometry in, pens out
        return fr.items()
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal, Mapping

from ...page_model import Box, Item
from .base import Ink, MotifContext, Sheet
from .pen import Affine, Pen


@dataclass(frozen=True)
class Paint:
    """How one pen is painted. ``token``: a palette token, or ``"@name"`` for the token a
    motif parameter names (``"@colour"``: the motif's main colour)."""

    kind: Literal["stroke", "fill"]
    token: str = "@colour"
    cls: str = "regular"  # fine, regular or bold (strokes)
    f: float = 1.0  # share of the motif's strength
    cap: str = "round"
    join: str = "round"
    dash: tuple[float, ...] = ()
    even_odd: bool = False


class Frame:
    """One motif drawing: its context, stroke system, parameters, seeded random, box,
    drawable area and named pens."""

    def __init__(self, ctx: MotifContext, paint: Mapping[str, Paint], salt: int = 0):
        self.ctx, self.paint = ctx, paint
        self.ink = Ink(ctx)
        self.p = ctx.params
        self.rng = random.Random(ctx.seed * 7919 + salt)
        self.box: Box = ctx.box
        self.area: Box = ctx.area
        self.keep_out: tuple[Box, ...] = ctx.keep_out
        self.pens = {name: Pen() for name in paint}

    def __getitem__(self, name: str) -> Pen:
        return self.pens[name]

    @property
    def u(self) -> float:
        """A size unit: a hundredth of the box's shorter side (mm)."""
        return min(self.box.w, self.box.h) / 100.0

    def mm(self, cls: str = "regular") -> float:
        """A stroke class's width in mm (for gaps that must clear the line)."""
        return self.ink.mm(cls)

    def fit(self, w: float, h: float, ax: float = 0.5, ay: float = 0.5, cover: bool = False) -> Affine:
        """The transform that places a ``w`` x ``h`` design space in the box, keeping
        its shape (contained, or covering with ``cover``), aligned by ``ax``/``ay``."""
        b = self.box
        s = (max if cover else min)(b.w / w, b.h / h)
        return Affine.translate(b.x + (b.w - w * s) * ax, b.y + (b.h - h * s) * ay) @ Affine.scale(s)

    def free(self, box: Box, margin: float = 0.0) -> bool:
        """Whether ``box`` (grown by ``margin``) stays clear of every keep-out box."""
        g = box.inset(-margin)
        return not any(g.intersects(k) for k in self.keep_out)

    def items(self) -> list[Item]:
        """The pens painted in the table's order (a pen later in the table lies on top,
        even when it shares a style with an earlier one)."""
        out: list[Item] = []
        for name, paint in self.paint.items():
            ops = self.pens[name].ops
            if not ops:
                continue
            sheet = Sheet(self.ctx, self.ink)
            tok = self.p[paint.token[1:]] if paint.token.startswith("@") else paint.token
            if paint.kind == "stroke":
                sheet.stroke(ops, tok, paint.cls, paint.f, cap=paint.cap, join=paint.join, dash=paint.dash)
            else:
                sheet.fill(ops, tok, paint.f, even_odd=paint.even_odd)
            out.extend(sheet.items())
        return out
