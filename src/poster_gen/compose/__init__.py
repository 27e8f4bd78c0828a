"""Stage 3, compose: pure geometry. A layout's regions filled with a landmark's data
become a ``page_model.Document`` of boxes, fitted lines of text and shapes; nothing
is drawn. ``regions/`` holds one composer per region kind, ``motifs/`` the vector
art, ``layout_lint/`` the designer's rules checked on every page.

Entry points: ``compose_poster``, ``compose_brochure`` and ``ComposeError``; the
series' shared type step, ``series_step``.
"""
from __future__ import annotations

from ..lazy import entry_points

ENTRY_POINTS = {"compose_poster": "document", "compose_brochure": "document", "ComposeError": "document",
                "series_step": "series"}
__all__ = list(ENTRY_POINTS)
__getattr__ = entry_points(__name__, ENTRY_POINTS)
