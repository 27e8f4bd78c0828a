"""The studio's form speaks both languages: every field of a landmark has its help in
Chinese as well as English, every part its description, every choice its names."""
from __future__ import annotations

from poster_gen.load.json_schema import schema_for
from poster_gen.load.models import Landmark


def _walk(schema: dict):
    defs = schema.get("$defs", {})
    for name, part in [("Landmark", schema), *defs.items()]:
        yield name, part


def _refers(prop: dict) -> bool:
    """A property that is one of the model's parts (a $ref, possibly optional)."""
    return "$ref" in prop or any("$ref" in alt for alt in prop.get("anyOf", [])) and \
        all("$ref" in alt or alt.get("type") == "null" for alt in prop.get("anyOf", []))


def test_every_landmark_field_has_chinese_help():
    missing = []
    for name, part in _walk(schema_for(Landmark)):
        if part.get("description") and not part.get("x-description-zh"):
            missing.append(name)
        for key, prop in part.get("properties", {}).items():
            if key == "slug" or _refers(prop):
                continue  # a part: its own description (checked above) is the help
            if not prop.get("x-description-zh"):
                missing.append(f"{name}.{key}")
            if prop.get("enum"):
                labels = prop.get("x-enum-labels", {})
                assert set(labels) == set(prop["enum"]), f"{name}.{key}"
                assert all(v["zh"] and v["en"] for v in labels.values())
    assert not missing, missing


def test_every_motif_has_a_chinese_name_and_summary():
    from poster_gen.load.vocabulary import MOTIF_SPECS

    assert all(spec.name_zh and spec.summary_zh for spec in MOTIF_SPECS.values())
