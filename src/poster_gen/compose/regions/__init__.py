"""Region composers, one module per family: each turns a layout region and its data
into geometry (boxes, fitted text, shapes), drawing nothing.

- ``shared``: the registry, bands, rules, motifs, the series header, titles, texts,
  the QR code and the contact block; the bilingual text helpers;
- ``evidence``: key figures, the plan, chains and voices (a quote or a statement);
- ``brochure``: the brochure's own kinds (folio, contents, lists, policy, series wall);
- ``landmark_index``: the brochure cover's index of the landmarks.

``REGISTRY`` maps each region kind to its composer once every family is imported.
"""
from __future__ import annotations

from . import brochure, evidence, landmark_index  # noqa: F401  (each registers its kinds)
from .shared import REGISTRY, composer

__all__ = ["REGISTRY", "composer"]
