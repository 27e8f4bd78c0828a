"""Fonts: prepare ReportLab-ready TrueType subsets (``prepare``) and measure text (``metrics``).

Importing this package is cheap: fontTools is only imported when a font must be built.
"""
from .metrics import FontMetrics
from .prepare import (
    FontError,
    FontSource,
    PreparedFont,
    default_cache_dir,
    font_coverage,
    package_font,
    prepare_fonts,
)

__all__ = [
    "FontError",
    "FontMetrics",
    "FontSource",
    "PreparedFont",
    "default_cache_dir",
    "font_coverage",
    "package_font",
    "prepare_fonts",
]
