"""Preflight: judge any PDF for offset print (PDF/X-1a:2003 and house rules), reading
the file itself with pikepdf.

``preflight_pdf(path)`` returns one ``CheckResult`` per check of ``CHECKS``, in that
order. The content checks share one walk of every content stream (pages, forms,
patterns, annotation appearances) by ``walker.ContentWalker``.
"""
from __future__ import annotations

from .model import CHECKS, CheckResult, PreflightOptions
from .runner import preflight_pdf

__all__ = ["CHECKS", "CheckResult", "PreflightOptions", "preflight_pdf"]
