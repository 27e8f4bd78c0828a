"""Stage 5, finish: what the press needs around the drawing: crop and registration
marks (``marks``), PDF/X-1a structure and metadata (``pdfx``), sheet sizes
(``sizes``) and the brochure's imposition for saddle stitching (``impose``).

Entry points: ``add_marks``, ``finish_pdfx``, ``impose``, ``PAPER``.
"""
from __future__ import annotations

from ..lazy import entry_points

ENTRY_POINTS = {"add_marks": "marks", "finish_pdfx": "pdfx", "impose": "impose", "PAPER": "sizes"}
__all__ = list(ENTRY_POINTS)
__getattr__ = entry_points(__name__, ENTRY_POINTS)
