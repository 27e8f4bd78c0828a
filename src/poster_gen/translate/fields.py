"""The translatable fields of a data file, each one XLIFF unit.

Every ``Text`` and ``Unit`` of a landmark or of the campaign that an output prints is
a field; its unit id is its path in the file, dotted, list indices as numbers
(``plan.measures.2``, ``key_figures.0.unit``, ``labels.scan``): an XML NMTOKEN a
translator's tool keeps, and one that names the YAML key it goes back into. A key
figure's value written once for both languages ("200+") is not a text and has no
unit; one written per language (``{zh: "≥50", en: "≥5"}``) is a ``Text`` and has one.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from ..load.model_reader import model_fields
from ..load.models import Campaign, Text, Unit
from ..load.walk import find
from ..load.yamlsrc import PathKey

CAMPAIGN_FILE = "data/campaign.yaml"
#: the languages a round trip brings in: the translated ones (zh and en are the team's)
TARGET_LANGS = ("ja", "ko")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*|\d+")


@dataclass(frozen=True)
class Field:
    """One translatable field: its unit id and path, its texts, what it is and how long
    its translation may be (``limit``, characters; None: no frame and no limit)."""

    id: str
    path: PathKey
    source: str  # the English
    zh: str  # the Chinese, for context
    target: str  # the translation already in the data ("" when none)
    about: str  # what the field is (the model's description)
    limit: int | None = None
    frame: int | None = None  # what its frame holds (the Chinese capacity), when printed
    unit: bool = False  # a unit after a numeral: one language may leave it out


@dataclass(frozen=True)
class DataFile:
    """A landmark's file or the campaign's, and the model it holds."""

    key: str | None  # the landmark's slug; None for the campaign
    shown: str  # "data/landmarks/<slug>.yaml", as the user sees it
    obj: Any

    @property
    def name(self) -> str:
        """The XLIFF file's name and ``<file id>``: the slug, or "campaign"."""
        return self.key or "campaign"


def data_files(project) -> list[DataFile]:
    """The landmarks' files in series order, then the campaign's."""
    out = [DataFile(lm.slug, project.files[f"landmark:{lm.slug}"], lm) for lm in project.landmarks]
    return out + [DataFile(None, CAMPAIGN_FILE, project.campaign)]


def unit_id(path: PathKey) -> str:
    """("plan", "measures", 2) -> "plan.measures.2"."""
    return ".".join(str(p) for p in path)


def parse_id(text: str) -> PathKey | None:
    """A unit id back to its path (numbers are list indices), or None when it is not one."""
    parts = text.split(".")
    if not all(_KEY.fullmatch(p) for p in parts):
        return None
    return tuple(int(p) if p.isdigit() else p for p in parts)


def fields_of(obj: Any, lang: str, frames: dict[PathKey, int]) -> list[Field]:
    """The translatable fields of a landmark or the campaign, in file order, with the
    ``lang`` text each has and its limit: the least of what its frame holds
    (``frames``, the field path -> the characters that fit) and the model's own limit
    for the field (the loader refuses a longer text whatever the frame)."""
    out = []
    for path, value in find(obj, (Text, Unit)):
        about, model_limit = _describe(obj, path, lang)
        frame = frames.get(path)
        limits = [n for n in (frame, model_limit) if n is not None]
        out.append(Field(unit_id(path), path, value.en, value.zh, value.get(lang), about,
                         min(limits) if limits else None, frame, isinstance(value, Unit)))
    return out


def _describe(obj: Any, path: PathKey, lang: str) -> tuple[str, int | None]:
    """What the field at ``path`` is (its description in the model) and the longest text
    the loader accepts in it, in ``lang``: the language's own limit (a unit's), else
    the one of the field that holds it (None: the model sets none)."""
    doc, rules, node = "", {}, obj
    for part in path:
        if dataclasses.is_dataclass(node) and isinstance(part, str):
            info = model_fields(type(node))[part]
            doc, rules = info.rules.get("doc") or doc, info.rules
            node = getattr(node, part)
        elif isinstance(node, dict):
            doc, rules, node = f"{doc}: {part}" if doc else str(part), {}, node[part]
        else:
            node = node[part]
    own = model_fields(type(node))[lang].rules.get("max_len") if lang in model_fields(type(node)) else None
    if isinstance(obj, Campaign) and path[:1] == ("labels",):
        doc = f"a caption the layouts print ({path[-1]})"
    return doc, own or rules.get("max_len")
