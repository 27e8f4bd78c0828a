"""Fonts: prepare ReportLab-ready TrueType subsets (``prepare``) and measure text (``metrics``).

Every weight comes as two fonts: role ``bold`` for English runs (proportional
punctuation) and ``bold:zh`` (``ZH_SUFFIX``) for Chinese runs (full-width; see ``forms``).

Importing this package is cheap: fontTools is only imported when a font must be built.
"""
from .metrics import FontMetrics
from .prepare import (
    ZH_SUFFIX,
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
    "ZH_SUFFIX",
]
