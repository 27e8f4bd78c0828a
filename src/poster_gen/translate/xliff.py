"""XLIFF 2.0 files for a translation agency, written and read with translate-toolkit.

One file per data file (a landmark's, the campaign's), ``srcLang="en"``, ``trgLang``
the language asked for. Each translatable field is a ``<unit>`` whose id is the
field's path (``fields.unit_id``) and whose ``name`` is the path as the data files
write it. Its notes give the translator what a unit alone does not: the Chinese (the
other edition of the same fact), the file and the field and what the field is, and
how many characters fit. Its size is also said the machine's way, with the Size and
Length Restriction module: ``<slr:profiles generalProfile="xliff:codepoints"/>`` at
the head of the ``<file>`` (the module needs a profile to count by, and
``xliff:codepoints`` counts characters as the loader does) and
``slr:sizeRestriction="N"`` on the unit. A translation already in the data is the
target, ``state="translated"``; a unit without one has no state (XLIFF's default,
"initial").

translate-toolkit's ``Xliff2File`` makes the document, its files and units, ids,
languages, sources and targets, and serialises it. Three things it does not do the
way the XLIFF 2.0 schema wants are done on its elements with lxml: notes go in the
``<unit>`` (its ``addnote`` puts them in the ``<segment>``), ``xml:space`` goes on the
``<unit>`` (a ``<segment>`` may not carry it) and line breaks are placeholders
(``inline``). The tests validate the result against the OASIS schemas.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from lxml import etree

from ..errors import InputError, Problem
from ..load.fields import dotted
from . import inline
from .fields import DataFile, Field

XLIFF = inline.XLIFF
SLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
PROFILE = "xliff:codepoints"
SOURCE_LANG = "en"
MAX_BYTES = 5_000_000  # an export is a few tens of kB
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _q(name: str, ns: str = XLIFF) -> str:
    return f"{{{ns}}}{name}"


def export(df: DataFile, fields: list[Field], lang: str) -> bytes:
    """The XLIFF 2.0 document of one data file's ``fields``, translating into ``lang``."""
    from translate.storage.xliff2 import Xliff2File

    store = Xliff2File(sourcelanguage=SOURCE_LANG, targetlanguage=lang)
    body = store.body
    body.set("id", df.name)
    body.set("original", df.shown)
    body.set("canResegment", "no")  # a unit is one field: its text goes back whole
    etree.SubElement(body, _q("profiles", SLR), {"generalProfile": PROFILE})
    for f in fields:
        unit = store.addsourceunit(f.source)
        unit.setid(f.id)
        element = unit.getunitelement()
        element.set("name", dotted(f.path))
        if f.limit is not None:
            element.set(_q("sizeRestriction", SLR), str(f.limit))
        element.insert(0, _notes(df, f, lang))
        inline.write(unit.get_source_dom(), f.source)
        if f.target:
            unit.target = f.target
            inline.write(unit.get_target_dom(), f.target)
            unit.xmlelement.set("state", "translated")
    for segment in body.iter(_q("segment")):  # xml:space belongs on the unit
        space = segment.attrib.pop(_SPACE, None)
        if space is not None:
            segment.getparent().set(_SPACE, space)
    etree.cleanup_namespaces(store.document.getroot(), top_nsmap={"slr": SLR})
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


def _notes(df: DataFile, f: Field, lang: str) -> etree._Element:
    notes = etree.Element(_q("notes"))

    def note(category: str, text: str, applies: str | None = None) -> None:
        el = etree.SubElement(notes, _q("note"), {"category": category})
        if applies:
            el.set("appliesTo", applies)
        el.text = text

    if f.zh:
        note("context", f"Chinese (zh): {f.zh}", "source")
    note("location", f"{df.shown}: {dotted(f.path)}" + (f" ({f.about})" if f.about else ""))
    if f.limit is not None:
        why = ("its frame holds about this many full-width characters at the layout's type sizes"
               if f.frame is not None and f.frame <= f.limit else "the field's limit")
        note("size", f"at most {f.limit} characters: {why}", "target")
    if f.unit and not f.source.strip():
        note("unit", f"the English writes no unit here (zh: {f.zh}); write the {lang} word the number needs, "
                     "or leave the target empty", "target")
    return notes


# -- reading -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadUnit:
    """One ``<unit>`` as an agency sent it back: its segments' source and target joined."""

    id: str
    line: int  # of the <unit>
    source: inline.Inline
    target: inline.Inline | None  # None: no <target>
    target_line: int
    initial: bool  # a target whose segment says state="initial": a tool's copy, not a translation
    size: int | None  # its slr:sizeRestriction, as written


@dataclass(frozen=True)
class ReadFile:
    """One ``<file>``: the data file it translates (its ``original``, else its id)."""

    original: str
    name: str
    line: int
    units: tuple[ReadUnit, ...]


@dataclass(frozen=True)
class Document:
    shown: str
    src_lang: str
    trg_lang: str
    line: int
    files: tuple[ReadFile, ...]

    @property
    def targets(self) -> int:
        return sum(1 for f in self.files for u in f.units if u.target is not None)


def read(data: bytes, shown: str) -> Document:
    """An XLIFF 2 document; ``InputError`` (one problem, located) when it is not
    well-formed XML or not XLIFF 2."""
    from translate.misc.xml_helpers import parse_xml
    from translate.storage.xliff2 import Xliff2File

    def fail(message: str, line: int = 0) -> InputError:
        return InputError([Problem(shown, line, 0, "", message)])

    if len(data) > MAX_BYTES:
        raise fail(f"is {len(data):,} bytes; an XLIFF file of this project is far smaller (is this the right file?)")
    try:
        root = parse_xml(data)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        raise fail(f"is not well-formed XML: {exc.msg.split(', line ')[0]}", line) from None
    if root.tag != _q("xliff") or not str(root.get("version", "")).startswith("2."):
        found = f"version {root.get('version')!r}" if etree.QName(root).localname == "xliff" else \
            f"a <{etree.QName(root).localname}> document"
        raise fail(f"is not an XLIFF 2 file ({found}); export one with poster-gen translate export", root.sourceline)
    if root.nsmap.get(None) != XLIFF:
        raise fail("writes the XLIFF namespace with a prefix; save it with XLIFF 2.0 as the default namespace",
                   root.sourceline)
    try:
        store = Xliff2File(data)
    except (ValueError, AssertionError, etree.XMLSyntaxError) as exc:  # pragma: no cover - checked above
        raise fail(f"cannot be read as XLIFF 2.0 ({exc})", root.sourceline) from None
    groups: dict[etree._Element, list] = {}
    for unit in store.units:
        groups.setdefault(unit.getunitelement(), []).append(unit.xmlelement)
    files = []
    for file_el in store.document.getroot().iter(_q("file")):
        units = tuple(_unit(el, groups.get(el, [])) for el in file_el.iter(_q("unit")))
        files.append(ReadFile(file_el.get("original") or "", file_el.get("id") or "", file_el.sourceline or 0, units))
    top = store.document.getroot()
    return Document(shown, top.get("srcLang", ""), top.get("trgLang", ""), top.sourceline or 0, tuple(files))


def _unit(element: etree._Element, segments: list) -> ReadUnit:
    sources, targets, line = [], [], 0
    initial = False
    for seg in segments:
        src = seg.find(_q("source"))
        sources.append(inline.read(src) if src is not None else inline.Inline("", ()))
        tgt = seg.find(_q("target"))
        if tgt is not None:
            targets.append(inline.read(tgt))
            line = line or tgt.sourceline or 0
            initial = initial or seg.get("state") == "initial"  # said: a target with no state is a translation
    size = element.get(_q("sizeRestriction", SLR))
    return ReadUnit(element.get("id", ""), element.sourceline or 0, _join(sources), _join(targets) if targets else None,
                    line or element.sourceline or 0, initial, int(size) if size and size.isdigit() else None)


def _join(parts: list[inline.Inline]) -> inline.Inline:
    return inline.Inline("".join(p.text for p in parts), tuple(i for p in parts for i in p.placeholders),
                         tuple(x for p in parts for x in p.foreign), sum(p.typed_breaks for p in parts))
