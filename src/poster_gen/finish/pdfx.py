"""Finish a rendered PDF as PDF/X-1a:2003: the identification keys, the output intent
and XMP metadata that agrees with the document information, with pikepdf (ReportLab
cannot write OutputIntents or XMP).

Dates are reproducible: ``SOURCE_DATE_EPOCH`` when it is set, otherwise a fixed date,
so building the same inputs twice gives the same bytes.
"""
from __future__ import annotations

import hashlib
import io
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..load.layout_models import OutputIntentSpec

PDFX = "PDF/X-1a:2003"
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


def to_pdfx(data: bytes, info: DocInfo, intent: OutputIntentSpec, root: Path) -> bytes:
    """``data`` (a PDF) with the PDF/X-1a:2003 parts added; returns the new bytes."""
    import pikepdf
    from pikepdf import Name

    when = document_date()
    digest = hashlib.sha256(data).hexdigest()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        d = pdf.docinfo
        d[Name.Title] = info.title
        d[Name.Author] = info.author
        d[Name.Subject] = info.subject
        d[Name.Keywords] = ", ".join(info.keywords)
        d[Name.Creator] = f"poster-gen {__version__}"
        d[Name.Producer] = f"poster-gen {__version__} (ReportLab, pikepdf)"
        d[Name.CreationDate] = pdf_date(when)
        d[Name.ModDate] = pdf_date(when)
        d[Name.Trapped] = Name("/False")
        d[Name.GTS_PDFXVersion] = PDFX
        d[Name.GTS_PDFXConformance] = PDFX
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf, intent, root)])
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            meta["dc:title"] = info.title
            meta["dc:creator"] = [info.author]
            meta["dc:description"] = info.subject
            meta["pdf:Keywords"] = ", ".join(info.keywords)
            meta["pdf:Producer"] = str(d[Name.Producer])
            meta["pdf:Trapped"] = "False"
            meta["xmp:CreatorTool"] = str(d[Name.Creator])
            meta["xmp:CreateDate"] = iso
            meta["xmp:ModifyDate"] = iso
            meta["xmp:MetadataDate"] = iso
            meta["pdfxid:GTS_PDFXVersion"] = PDFX
            meta["pdfx:GTS_PDFXVersion"] = PDFX
            meta["pdfx:GTS_PDFXConformance"] = PDFX
            meta["xmpMM:DocumentID"] = f"uuid:{uuid.UUID(digest[:32])}"
            meta["xmpMM:InstanceID"] = f"uuid:{uuid.UUID(digest[32:64])}"
        pdf.Root.Lang = info.lang
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 force_version="1.4", fix_metadata_version=False)
        return out.getvalue()


def _output_intent(pdf, intent: OutputIntentSpec, root: Path):
    import pikepdf
    from pikepdf import Name

    oi = pikepdf.Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX,
        OutputConditionIdentifier=intent.identifier, OutputCondition=intent.condition,
        RegistryName=intent.registry, Info=intent.condition)
    if intent.profile:
        icc = (root / intent.profile).read_bytes()
        stream = pikepdf.Stream(pdf, icc)
        stream[Name.N] = 4
        oi[Name.DestOutputProfile] = stream
    return oi
