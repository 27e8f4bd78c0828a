"""What the translation tests share: the OASIS schemas (vendored, resolved locally), a
translator's edits of an exported file (targets filled, units left out), and a
fingerprint of the data files (to see that a refused import wrote nothing)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from lxml import etree

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "xliff"
X = "urn:oasis:names:tc:xliff:document:2.0"
SLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
SAMPLE_SLUG = "new-energy-vehicles"


def q(name: str, ns: str = X) -> str:
    return f"{{{ns}}}{name}"


def sample_ja() -> dict[str, str]:
    """The sample Japanese translation: unit id -> target."""
    return {k: v for k, v in json.loads((FIXTURES / "sample-ja.json").read_text("utf-8")).items()
            if not k.startswith("_")}


class _Local(etree.Resolver):
    """Every schema the XSDs import is one of the vendored files: never the network."""

    def resolve(self, url, pubid, context):
        local = FIXTURES / url.rsplit("/", 1)[-1]
        if not local.is_file():
            raise AssertionError(f"a schema asked for {url}, which is not vendored in {FIXTURES}")
        return self.resolve_filename(str(local), context)


def schema() -> etree.XMLSchema:
    """The XLIFF 2.0 core schema with the Size and Length Restriction module: one schema
    importing both, so the core's lax wildcards validate the module's elements and
    attributes where they are used."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Local())
    both = (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
            f'<xs:import namespace="{X}" schemaLocation="xliff_core_2.0.xsd"/>'
            f'<xs:import namespace="{SLR}" schemaLocation="size_restriction.xsd"/></xs:schema>')
    return etree.XMLSchema(etree.XML(both.encode(), parser, base_url=str(FIXTURES / "both.xsd")))


def units(path: Path) -> dict[str, etree._Element]:
    return {u.get("id"): u for u in etree.parse(str(path)).iter(q("unit"))}


def fill(path: Path, targets: dict[str, str], *, keep_others: bool = False, state: str = "translated") -> None:
    """What a translator's tool does: the targets set (a line break as the source's
    placeholder, in order), ``state`` marked; the units not translated are left out of
    the file returned (``keep_others``: kept, without a target)."""
    tree = etree.parse(str(path))
    for unit in list(tree.iter(q("unit"))):
        seg = unit.find(q("segment"))
        if unit.get("id") not in targets:
            if not keep_others:
                unit.getparent().remove(unit)
            continue
        target = seg.find(q("target"))
        if target is None:
            target = etree.SubElement(seg, q("target"))
        for child in list(target):
            target.remove(child)
        lines = targets[unit.get("id")].split("\n")
        target.text = lines[0]
        placeholders = [ph for ph in seg.find(q("source")) if ph.tag == q("ph")]
        for ph, line in zip(placeholders, lines[1:]):
            copy = etree.SubElement(target, q("ph"), dict(ph.attrib))
            copy.tail = line
        seg.set("state", state)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def line_of(path: Path, unit_id: str, element: str = "target") -> int:
    """The line lxml gives the unit's ``element`` (or the unit itself)."""
    unit = units(path)[unit_id]
    found = unit.find(f".//{q(element)}") if element != "unit" else unit
    return found.sourceline


def fingerprint(root: Path) -> dict[str, str]:
    """SHA-256 of every file under data/ (any change, new file or removal shows)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "data").rglob("*")) if p.is_file()}
