"""Sheet sizes a poster can print at (ISO 216 A series, mm), all the same shape, so a
layout drawn for one scales to the others."""
from __future__ import annotations

PAPER = {"A0": (841.0, 1189.0), "A1": (594.0, 841.0), "A2": (420.0, 594.0),
         "A3": (297.0, 420.0), "A4": (210.0, 297.0)}


def scale_for(size: str, width: float, height: float) -> float:
    """How much a layout of ``width`` x ``height`` mm grows or shrinks to fill ``size``."""
    w, h = PAPER[size]
    if abs(w / h - width / height) > 0.01:
        raise ValueError(f"the layout is {width:g} x {height:g} mm, not the shape of {size}")
    return w / width
