"""Stage 4, render: ReportLab draws a composed document, and only here (``pdf``, with
``images`` for photos); ``raster`` is the one rasteriser (PDFium) for previews,
thumbnails and social images.

Entry points: ``render_document``, ``font_files``, ``rasterise``.
"""
from __future__ import annotations

from ..lazy import entry_points

ENTRY_POINTS = {"render_document": "pdf", "font_files": "pdf", "rasterise": "raster"}
__all__ = list(ENTRY_POINTS)
__getattr__ = entry_points(__name__, ENTRY_POINTS)
