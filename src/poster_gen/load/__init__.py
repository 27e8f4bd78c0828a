"""Stage 1, load: the project's YAML (data/, layouts/, themes) read, validated and
turned into typed models; every mistake is a located Problem. Imports nothing
downstream: the names it checks against (region kinds, motifs) are in ``vocabulary``.

Entry points: ``load_project`` -> ``Project`` (with its ``Landmark``s, ``Campaign``
and ``Layout``s); ``read_yaml`` for one file.
"""
from __future__ import annotations

from ..lazy import entry_points

ENTRY_POINTS = {"load_project": "project", "Project": "project", "Landmark": "models", "Campaign": "models",
                "Text": "models", "Layout": "layout_models", "read_yaml": "yamlsrc"}
__all__ = list(ENTRY_POINTS)
__getattr__ = entry_points(__name__, ENTRY_POINTS)
