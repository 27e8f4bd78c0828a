"""Motifs: Nanjing cultural line art and one technology pattern per industry.

Each motif is a pure function of a :class:`MotifContext` returning geometry items
(Paths, one per colour/stroke style), all inside ``ctx.box`` grown by ``ctx.bleed``.
One stroke system: widths are ``stroke_pt * weight * {0.5 fine, 1 regular, 2 bold}``.
Faintness is a CMYK tint (``strength``), never transparency.
"""
from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Mapping

from ...load.vocabulary import (
    MOTIF_SPECS,
    PALETTE_TOKENS,
    ParamSpec,
    check_params,
    resolve,
)
from ...page_model import Item
from . import (
    hero_ai,
    hero_ic,
    hero_medicine,
    hero_nev,
    hero_software,
    nanjing,
    nanjing_city,
    nanjing_land,
    tech,
    tech_cells,
    tech_code,
)
from .base import MotifContext, MotifError, MotifInfo

__all__ = ["MOTIFS", "MotifContext", "MotifError", "MotifInfo", "ParamSpec", "PALETTE_TOKENS",
           "check_params", "draw_motif"]

_MODULES = (nanjing, nanjing_city, nanjing_land, tech, tech_cells, tech_code, hero_ic, hero_ai, hero_nev,
            hero_software, hero_medicine)
MOTIFS: Mapping[str, MotifInfo] = MappingProxyType({m.name: m for mod in _MODULES for m in mod.INFOS})


def draw_motif(name: str, ctx: MotifContext) -> list[Item]:
    """Validate the parameters, fill in defaults and draw. Raises :class:`MotifError`."""
    problems = check_params(name, ctx.params)
    if problems:
        raise MotifError(f"motif {name!r}: " + "; ".join(problems), ("motif", name, "params"))
    info = MOTIFS[name]
    if ctx.box.w <= 0 or ctx.box.h <= 0:
        raise MotifError(f"motif {name!r}: empty box {ctx.box}", ("motif", name, "box"))
    full = replace(ctx, params=MappingProxyType(resolve(info.params, ctx.params or {})))
    return info.draw(full)
