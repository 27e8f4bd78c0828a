"""Preflight: judge any PDF for offset print (the PDF/X standard it claims, PDF/X-1a:2003
or PDF/X-4 from ``pdfx_standards.STANDARDS``, and house rules), reading the file itself
with pikepdf.

``preflight_pdf(path)`` returns one ``CheckResult`` per check of ``CHECKS``, in that
order. The content checks share one walk of every content stream (pages, forms,
patterns, annotation appearances) by ``walker.ContentWalker``; a page where overprint may
take the ink past the limit is walked again with geometry (``overprint``).
"""
from __future__ import annotations

from .model import CHECKS, CheckResult, PreflightOptions
from .runner import preflight_pdf

__all__ = ["CHECKS", "CheckResult", "PreflightOptions", "preflight_pdf"]
