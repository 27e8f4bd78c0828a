"""Finish a print document as PDF/X (a row of ``pdfx_standards.STANDARDS``: PDF/X-1a:2003
or PDF/X-4): the PDF version, the identification keys, the output intent and XMP metadata
that agrees with the document information.

The parts are written into ReportLab's document objects just before it saves, so the
PDF is written once (reopening and saving it with pikepdf cost about 40 ms per
brochure). Dates are reproducible: ``SOURCE_DATE_EPOCH`` when it is set, otherwise a
fixed date; the document ID is a digest of the pages' content, so building the same
inputs twice gives the same bytes and different documents get different IDs.
"""
from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..load.layout_models import OutputIntentSpec
from ..pdfx_standards import DEFAULT, STANDARDS, Standard
# The campaign's launch day: a stable default for the document dates.
DEFAULT_DATE = datetime(2020, 6, 15, tzinfo=timezone.utc)


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str


def document_date() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return DEFAULT_DATE


def pdf_date(d: datetime) -> str:
    return d.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def creator() -> str:
    return f"poster-gen {__version__}"


def producer() -> str:
    return f"poster-gen {__version__} (ReportLab)"


def finish_pdfx(canvas, info: DocInfo, intent: OutputIntentSpec, root: Path,
                standard: Standard = STANDARDS[DEFAULT]) -> None:
    """Add the parts ``standard`` asks for to ``canvas`` (a ReportLab canvas whose pages
    are all drawn, not yet saved)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFCatalog, PDFDictionary, PDFName, PDFString

    doc = canvas._doc
    when = document_date()
    digest = _content_digest(doc, info)
    doc._pdfVersion = standard.version
    doc.updateSignature(digest)  # the trailer /ID follows the content
    doc.info = _info(info, when, standard)

    intent_dict = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": PDFString(intent.identifier),
        "OutputCondition": PDFString(intent.condition),
        "RegistryName": PDFString(intent.registry), "Info": PDFString(intent.condition)})
    if intent.profile:
        icc = (root / intent.profile).read_bytes()
        intent_dict["DestOutputProfile"] = doc.Reference(_stream({"N": 4}, icc, compress=True))
    catalog = doc.Catalog
    # ReportLab's catalog writes only the keys it knows: teach this one OutputIntents
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([intent_dict])
    catalog.Metadata = _stream({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")},
                               xmp_packet(info, when, digest, standard), compress=False)


def _content_digest(doc, info: DocInfo) -> str:
    h = hashlib.sha256()
    for part in (info.title, info.author, info.subject, ", ".join(info.keywords), info.lang):
        h.update(part.encode("utf-8") + b"\0")
    for page in doc.Pages.pages:
        stream = page.stream
        h.update(stream.encode("latin-1") if isinstance(stream, str) else stream)
    return h.hexdigest()


def _info(info: DocInfo, when: datetime, standard: Standard):
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString

    class PDFXInfo(PDFInfo):
        """The document information with the PDF/X identification keys."""

        def format(self, document):
            date = PDFString(pdf_date(when))
            keys = {"GTS_PDFXVersion": PDFString(standard.name)}
            if standard.conformance:
                keys["GTS_PDFXConformance"] = PDFString(standard.conformance)
            return PDFDictionary({
                "Title": PDFString(info.title), "Author": PDFString(info.author),
                "Subject": PDFString(info.subject), "Keywords": PDFString(", ".join(info.keywords)),
                "Creator": PDFString(creator()), "Producer": PDFString(producer()),
                "CreationDate": date, "ModDate": date, "Trapped": PDFName("False"),
                **keys}).format(document)

    out = PDFXInfo()
    out.title, out.author, out.subject, out.keywords = info.title, info.author, info.subject, ", ".join(info.keywords)
    return out


def _stream(entries: dict, data: bytes, compress: bool):
    """A stream object with ``entries`` in its dictionary; XMP stays uncompressed so
    tools that look for the packet in the file's bytes find it."""
    import zlib

    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream

    class RawStream(PDFStream):
        def format(self, document):
            d = PDFDictionary(dict(self.dictionary.dict))
            d["Length"] = len(self.content)
            return d.format(document) + b"\nstream\n" + self.content + b"\nendstream\n"

    d = PDFDictionary(dict(entries))
    if compress:
        data = zlib.compress(data)
        d["Filter"] = PDFName("FlateDecode")
    return RawStream(d, data)


def escape(text: str) -> str:
    """Text for XML character data (xml.sax.saxutils would import urllib, 40 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_packet(info: DocInfo, when: datetime, digest: str, standard: Standard = STANDARDS[DEFAULT]) -> bytes:
    """The XMP packet: the same title, dates and identification as the Info dictionary
    (and, where the standard asks, the version and rendition of the document)."""
    iso = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    e = escape
    name = standard.name
    extra = ""
    if standard.conformance:
        extra += f"\n   <pdfx:GTS_PDFXConformance>{standard.conformance}</pdfx:GTS_PDFXConformance>"
    if standard.version_id:
        extra += "\n   <xmpMM:VersionID>1</xmpMM:VersionID>\n   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>"
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(info.subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{e(", ".join(info.keywords))}</pdf:Keywords>
   <pdf:Producer>{e(producer())}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmp:CreatorTool>{e(creator())}</xmp:CreatorTool>
   <xmp:CreateDate>{iso}</xmp:CreateDate>
   <xmp:ModifyDate>{iso}</xmp:ModifyDate>
   <xmp:MetadataDate>{iso}</xmp:MetadataDate>
   <xmpMM:DocumentID>uuid:{uuid.UUID(digest[:32])}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{uuid.UUID(digest[32:64])}</xmpMM:InstanceID>
   <pdfxid:GTS_PDFXVersion>{name}</pdfxid:GTS_PDFXVersion>
   <pdfx:GTS_PDFXVersion>{name}</pdfx:GTS_PDFXVersion>{extra}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
    padding = (" " * 99 + "\n") * 20  # room for an editor to update the packet in place
    return (body + padding + '<?xpacket end="w"?>').encode("utf-8")
