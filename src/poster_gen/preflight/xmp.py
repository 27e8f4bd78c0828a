"""The ``xmp`` check: the catalog's XMP packet parses and agrees with the Info dictionary.

XMP properties may be written as attributes of ``rdf:Description`` or as child
elements (with ``rdf:Alt`` for language alternatives such as ``dc:title``); both
forms are read. Dates are compared as instants, so ``D:20200615020000+02'00'`` and
``2020-06-15T00:00:00Z`` agree.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from typing import Any

import pikepdf

from ..pdfx_standards import Standard
from .model import CheckResult, Findings, result, text

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
XMP = "http://ns.adobe.com/xap/1.0/"
PDFXID = "http://www.npes.org/pdfx/ns/id/"
PDFX = "http://ns.adobe.com/pdfx/1.3/"
XMPMM = "http://ns.adobe.com/xap/1.0/mm/"
#: what PDF/X-4 requires of the XMP besides the identification (ISO 15930-7, 6.7.2)
VERSION_ID = ("DocumentID", "VersionID", "RenditionClass")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                       r"(?:([Zz+\-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?\s*$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                       r"(Z|[+\-]\d{2}:?\d{2})?)?)?)?\s*$")


def _build(parts: list[str | None], tz: timezone | None) -> datetime | None:
    year, month, day, hour, minute, second = (int(p) if p else d for p, d in zip(parts, (0, 1, 1, 0, 0, 0)))
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def parse_pdf_date(text: str) -> datetime | None:
    """A PDF date string (``D:YYYYMMDDHHmmSSOHH'mm'``, trailing parts optional)."""
    m = _PDF_DATE.match(text.strip())
    if not m:
        return None
    sign, tz_h, tz_m = m.group(7), m.group(8), m.group(9)
    tz = None
    if sign in ("Z", "z"):
        tz = timezone.utc
    elif sign:
        offset = timedelta(hours=int(tz_h or 0), minutes=int(tz_m or 0))
        tz = timezone(offset if sign == "+" else -offset)
    return _build(list(m.groups()[:6]), tz)


def parse_iso_date(text: str) -> datetime | None:
    """An XMP (ISO 8601) date, e.g. ``2020-06-15T00:00:00Z``."""
    m = _ISO_DATE.match(text.strip())
    if not m:
        return None
    zone = m.group(7)
    tz = None
    if zone == "Z":
        tz = timezone.utc
    elif zone:
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
        tz = timezone(offset if zone[0] == "+" else -offset)
    return _build(list(m.groups()[:6]), tz)


def same_instant(a: datetime, b: datetime) -> bool:
    """Equal instants; a date without a time zone is compared by its wall-clock value."""
    if (a.tzinfo is None) != (b.tzinfo is None):
        return a.replace(tzinfo=None) == b.replace(tzinfo=None)
    return a == b


def xmp_properties(packet: bytes) -> dict[tuple[str, str], str]:
    """Every simple property of every ``rdf:Description``: (namespace, name) -> value.
    Language alternatives give their x-default item (else the first)."""
    root = ET.fromstring(packet)
    values: dict[tuple[str, str], str] = {}
    for desc in root.iter(f"{{{RDF}}}Description"):
        for attr, value in desc.attrib.items():
            if attr.startswith("{") and not attr.startswith(f"{{{RDF}}}"):
                ns, local = attr[1:].split("}", 1)
                values.setdefault((ns, local), value)
        for child in desc:
            if not child.tag.startswith("{"):
                continue
            ns, local = child.tag[1:].split("}", 1)
            items = list(child.iter(f"{{{RDF}}}li"))
            if items:
                default = [li for li in items if li.get(XML_LANG) == "x-default"]
                text = (default or items)[0].text or ""
            else:
                text = child.text or ""
            values.setdefault((ns, local), text.strip())
    return values


def check_xmp(file: str, pdf: pikepdf.Pdf, standard: Standard) -> CheckResult:
    findings = Findings(keep=5)
    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        findings.add("the catalog has no XMP /Metadata stream")
        return result(file, "xmp", findings, "")
    try:
        props = xmp_properties(stream.read_bytes())
    except Exception as exc:  # ParseError, or undecodable stream
        findings.add(f"the XMP packet does not parse ({exc})")
        return result(file, "xmp", findings, "")
    info: Any = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else {}

    expected = text(info.get("/GTS_PDFXVersion", standard.name))
    version = props.get((PDFXID, "GTS_PDFXVersion"), props.get((PDFX, "GTS_PDFXVersion")))
    if version is None:
        findings.add("XMP has no pdfxid:GTS_PDFXVersion")
    elif version != expected:
        findings.add(f"XMP pdfxid:GTS_PDFXVersion {version!r} differs from Info {expected!r}")

    title = info.get("/Title")
    xmp_title = props.get((DC, "title"))
    if title is not None:
        if xmp_title is None:
            findings.add("XMP has no dc:title")
        elif xmp_title != text(title):
            findings.add(f"XMP dc:title {xmp_title!r} differs from Info /Title {text(title)!r}")

    for info_key, xmp_key in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        value = info.get(info_key)
        if value is None:
            continue
        xmp_value = props.get((XMP, xmp_key))
        if xmp_value is None:
            findings.add(f"XMP has no xmp:{xmp_key}")
            continue
        a, b = parse_pdf_date(text(value)), parse_iso_date(xmp_value)
        if b is None:
            findings.add(f"XMP xmp:{xmp_key} {xmp_value!r} is not a date")
        elif a is not None and not same_instant(a, b):
            findings.add(f"XMP xmp:{xmp_key} {xmp_value} differs from Info {info_key[1:]} {text(value)}")
    summary = "GTS_PDFXVersion, dc:title and dates agree with Info"
    if standard.version_id:
        for name in VERSION_ID:
            if not props.get((XMPMM, name), "").strip():
                findings.add(f"XMP has no xmpMM:{name} ({standard.name} requires it)")
        summary += "; xmpMM:DocumentID, VersionID and RenditionClass present"
    return result(file, "xmp", findings, summary)
