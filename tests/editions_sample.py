"""Write a sample translation (tests/fixtures/editions/<lang>.yaml) into a project copy's
data files, as the translation round trip would: a ``<lang>:`` key beside each text's
``zh`` and ``en``, comments and order kept (ruamel round trip)."""
from __future__ import annotations

from pathlib import Path

import yaml
from ruamel.yaml import YAML

FIXTURES = Path(__file__).parent / "fixtures" / "editions"


def sample(lang: str) -> dict[str, dict[str, str]]:
    return yaml.safe_load((FIXTURES / f"{lang}.yaml").read_text(encoding="utf-8"))


def apply_sample(proj: Path, lang: str) -> None:
    rt = YAML()
    rt.preserve_quotes = True
    rt.width = 4096
    for target, fields in sample(lang).items():
        path = proj / "data" / ("campaign.yaml" if target == "campaign" else f"landmarks/{target}.yaml")
        doc = rt.load(path.read_text(encoding="utf-8"))
        for dotted, text in fields.items():
            node = doc
            for part in dotted.split("."):
                node = node[int(part)] if part.isdigit() else node[part]
            node[lang] = str(text)
        with path.open("w", encoding="utf-8") as fh:
            rt.dump(doc, fh)
