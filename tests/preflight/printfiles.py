"""Small print files for the preflight's tests: a ReportLab canvas (CMYK, spot colours,
overprint) finished with pikepdf as PDF/X-1a or PDF/X-4 (Info keys, output intent, XMP).

Every file is one page: a TrimBox of ``TRIM_W`` x ``TRIM_H`` with 3 mm bleed inside a
10 mm slug. ``at(x_mm, y_mm)`` turns a designer's position (mm from the trim's top-left,
y down) into the canvas's points, so a test draws where it later reads the position back.
"""
from __future__ import annotations

import subprocess
import warnings
from pathlib import Path
from typing import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
SLUG, BLEED = 10 * MM, 3 * MM
TRIM_W, TRIM_H = 100 * MM, 140 * MM
PAGE = (TRIM_W + 2 * SLUG, TRIM_H + 2 * SLUG)
TRIM = (SLUG, SLUG, SLUG + TRIM_W, SLUG + TRIM_H)
CREATED = "D:20260101120000+01'00'"
FONT = "PrintFilesSans"
X1A, X4 = "PDF/X-1a:2003", "PDF/X-4"

Draw = Callable[[Canvas], None]
Edit = Callable[[pikepdf.Pdf], None]


def ttf_path() -> Path:
    """A TrueType font to embed (DejaVu Sans, else any TrueType fontconfig knows)."""
    candidate = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if candidate.exists():
        return candidate
    out = subprocess.run(["fc-list", ":fontformat=TrueType", "file"], capture_output=True, text=True,
                         timeout=10, check=False).stdout
    for line in out.splitlines():
        path = Path(line.split(":")[0].strip())
        if path.suffix.lower() == ".ttf" and path.exists():
            return path
    raise RuntimeError("no TrueType font installed to embed")


def register_font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(ttf_path())))
    return FONT


def at(x_mm: float, y_mm: float) -> tuple[float, float]:
    """Canvas points of a position given in mm from the TrimBox's top-left, y down."""
    return TRIM[0] + x_mm * MM, TRIM[3] - y_mm * MM


def fake_cmyk_profile() -> bytes:
    """The 128-byte header of an ICC output profile in CMYK (all the preflight reads)."""
    header = bytearray(128)
    header[0:4] = (128).to_bytes(4, "big")
    header[12:16], header[16:20], header[36:40] = b"prtr", b"CMYK", b"acsp"
    return bytes(header)


def finish(pdf: pikepdf.Pdf, standard: str = X1A, title: str = "Preflight fixture") -> None:
    """Boxes, and the identification of ``standard`` (X1A or X4) as the finish stage writes it."""
    for page in pdf.pages:
        page.obj.TrimBox = Array(TRIM)
        page.obj.BleedBox = Array((TRIM[0] - BLEED, TRIM[1] - BLEED, TRIM[2] + BLEED, TRIM[3] + BLEED))
    info = pdf.docinfo
    info.Title = String(title)
    info.CreationDate = String(CREATED)
    info.ModDate = String(CREATED)
    info.Trapped = Name("/False")
    info.GTS_PDFXVersion = String(standard)
    if standard == X1A:
        info.GTS_PDFXConformance = String(X1A)
    intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=String("FOGRA39"),
                        RegistryName=String("http://www.color.org"), Info=String("Coated FOGRA39"))
    if standard == X4:
        intent.DestOutputProfile = pdf.make_stream(fake_cmyk_profile(), N=4)
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        with warnings.catch_warnings():  # "GTS_PDFXVersion has no XMP equivalent": set below
            warnings.simplefilter("ignore", UserWarning)
            meta.load_from_docinfo(pdf.docinfo)
        meta["pdfxid:GTS_PDFXVersion"] = standard
        if standard == X4:
            meta["xmpMM:DocumentID"] = "uuid:6f1c7c0e-4a4b-4d57-9a57-000000000001"
            meta["xmpMM:VersionID"] = "1"
            meta["xmpMM:RenditionClass"] = "default"


def make(path: Path, draw: Draw, standard: str = X1A, edit: Edit | None = None, **save: object) -> Path:
    """Draw one page with ``draw`` (CMYK and spot colour only), finish it as ``standard``,
    apply ``edit`` (what ReportLab cannot write) and save."""
    register_font()
    c = Canvas(str(path), pagesize=PAGE, enforceColorSpace="sep_cmyk", invariant=1)
    c.setFont(FONT, 10)
    draw(c)
    c.showPage()
    c.save()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        finish(pdf, standard)
        if edit is not None:
            edit(pdf)
        if standard == X4:
            save.setdefault("force_version", "1.6")
        pdf.save(path, **save)
    return path


def add_content(content: bytes, resources: dict[str, dict[str, object]] | None = None) -> Edit:
    """An edit appending hand-written operators (inside q/Q) with their resources."""
    def edit(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0]
        for category, entries in (resources or {}).items():
            table = page.Resources.get(category)
            if table is None:
                page.Resources[category] = table = Dictionary()
            for key, value in entries.items():
                table[key] = value(pdf) if callable(value) else value
        page.contents_add(pdf.make_stream(b"q " + content + b" Q"), prepend=False)
    return edit
