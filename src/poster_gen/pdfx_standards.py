"""The PDF/X standards a print file may be written to, one row each (in the manner of
WeasyPrint's ``VARIANTS`` in ``weasyprint/pdf/pdfx.py``).

A row says what the finish stage writes (the PDF version, the identification keys in the
document information and the XMP packet) and what the preflight holds a file claiming it
to (transparency allowed or not, an embedded output profile required or not). A new
standard is a new row; nothing else branches on the name.

Standard library only, without dataclasses: the loader (the layouts' `print.standard`), the
build's options, the finish stage and the preflight all read it.
"""
from __future__ import annotations


class Standard:
    """One PDF/X standard.

    ``version``: the PDF version it is based on (the file header says it); ``conformance``:
    the Info ``GTS_PDFXConformance`` value (PDF/X-1a has one, PDF/X-4 none);
    ``transparency``: live transparency (soft masks, constant alpha, blend modes,
    transparency groups) allowed; ``profile_required``: the output intent must embed its
    ICC profile (X-1a may name a registered condition instead); ``version_id``: the XMP
    must carry ``xmpMM:VersionID`` and ``xmpMM:RenditionClass`` (ISO 15930-7, 6.7.2);
    ``object_streams``: compressed object and cross-reference streams (PDF 1.5) allowed.
    """

    __slots__ = ("key", "name", "version", "conformance", "transparency", "profile_required",
                 "version_id", "object_streams")

    def __init__(self, key: str, name: str, version: tuple[int, int], conformance: str | None,
                 transparency: bool, profile_required: bool, version_id: bool, object_streams: bool):
        self.key, self.name, self.version = key, name, version
        self.conformance = conformance
        self.transparency = transparency
        self.profile_required = profile_required
        self.version_id = version_id
        self.object_streams = object_streams

    @property
    def version_text(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"


STANDARDS: dict[str, Standard] = {s.key: s for s in (
    #        key    GTS_PDFXVersion    PDF     GTS_PDFXConformance  transp.  profile  VersionID  objstm
    Standard("x1a", "PDF/X-1a:2003", (1, 4), "PDF/X-1a:2003", False, False, False, False),  # ISO 15930-4
    Standard("x4", "PDF/X-4", (1, 6), None, True, True, True, True),  # ISO 15930-7
)}

DEFAULT = "x1a"

#: GTS_PDFXVersion -> the standard that writes it (how a preflight knows what a file claims)
BY_NAME: dict[str, Standard] = {s.name: s for s in STANDARDS.values()}


def claimed(version: str | None) -> Standard | None:
    """The standard a file's ``GTS_PDFXVersion`` names (None: none we know)."""
    if version is None:
        return None
    return BY_NAME.get(version.strip())
