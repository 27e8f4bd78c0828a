"""The PDF/X identification checks: the Info keys and trailer ID (``pdfx``) and the
PDF/X output intent (``output-intent``), and which standard a file is judged against.

An output intent without an embedded profile is accepted where the standard allows it
(PDF/X-1a: a characterised printing condition such as "FOGRA39" may be named instead of
embedded); PDF/X-4 requires the profile embedded.
"""
from __future__ import annotations

from typing import Any

import pikepdf

from ..pdfx_standards import DEFAULT, STANDARDS, Standard, claimed
from .model import CheckResult, Findings, PreflightOptions, result, text
from .xmp import parse_pdf_date


def info_value(info: Any, key: str) -> str | None:
    """A text or name value of the Info dictionary (None when absent)."""
    if not isinstance(info, pikepdf.Dictionary):
        return None
    value = info.get(key)
    if value is None:
        return None
    return text(value)


def judged_standard(pdf: pikepdf.Pdf, options: PreflightOptions) -> Standard:
    """The standard to judge ``pdf`` against: the one the options name, else the one the
    file claims (Info GTS_PDFXVersion), else the default (PDF/X-1a:2003)."""
    if options.standard is not None:
        return STANDARDS[options.standard]
    try:
        return claimed(info_value(pdf.trailer.get("/Info"), "/GTS_PDFXVersion")) or STANDARDS[DEFAULT]
    except Exception:  # a malformed Info: the pdfx check says what is wrong with it
        return STANDARDS[DEFAULT]


def check_pdfx(file: str, pdf: pikepdf.Pdf, standard: Standard) -> CheckResult:
    findings = Findings(keep=6)
    info = pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary):
        findings.add("no document Info dictionary (PDF/X keeps its identification there)")
        return result(file, "pdfx", findings, "")
    for key, wanted in (("/GTS_PDFXVersion", standard.name), ("/GTS_PDFXConformance", standard.conformance)):
        if wanted is None:
            continue  # not part of this standard's identification
        value = info_value(info, key)
        if value is None:
            findings.add(f"Info has no {key[1:]} (must be {wanted!r})")
        elif value != wanted:
            findings.add(f"Info {key[1:]} is {value!r}, not {wanted!r}")
    trapped = info.get("/Trapped")
    if trapped is None:
        findings.add("Info has no /Trapped (must be /True or /False)")
    elif not isinstance(trapped, pikepdf.Name) or text(trapped) not in ("/True", "/False"):
        kind = "name" if isinstance(trapped, pikepdf.Name) else "string"
        findings.add(f"Info /Trapped is the {kind} {text(trapped)!r} (must be the name /True or /False)")
    title = info_value(info, "/Title")
    if not (title or "").strip():
        findings.add("Info has no /Title")
    for key in ("/CreationDate", "/ModDate"):
        value = info_value(info, key)
        if value is None:
            findings.add(f"Info has no {key[1:]}")
        elif parse_pdf_date(value) is None:
            findings.add(f"Info {key[1:]} {value!r} is not a PDF date")
    ids = pdf.trailer.get("/ID")
    if not isinstance(ids, pikepdf.Array) or len(ids) != 2:
        findings.add("the trailer has no /ID")
    summary = f"{standard.name}, Trapped {text(trapped).lstrip('/')}, Title {title!r}, dates and ID present"
    return result(file, "pdfx", findings, summary)


def _profile_problems(profile: Any) -> list[str]:
    if not isinstance(profile, pikepdf.Stream):
        return ["DestOutputProfile is not an ICC profile stream"]
    problems = []
    n = int(profile.get("/N", 0))
    try:
        header = profile.read_bytes()[:128]
    except Exception as exc:
        return [f"DestOutputProfile cannot be read ({exc})"]
    space = header[16:20].decode("latin-1").strip() if len(header) >= 20 else "?"
    if n != 4 or space != "CMYK":
        problems.append(f"DestOutputProfile is {space or '?'} with /N {n}, not a CMYK profile (N=4)")
    device_class = header[12:16].decode("latin-1") if len(header) >= 16 else "?"
    if device_class != "prtr":
        problems.append(f"DestOutputProfile is a {device_class!r} profile, not an output ('prtr') profile")
    return problems


def check_output_intent(file: str, pdf: pikepdf.Pdf, standard: Standard) -> CheckResult:
    findings = Findings()
    intents = pdf.Root.get("/OutputIntents")
    if not isinstance(intents, pikepdf.Array) or len(intents) == 0:
        findings.add("the catalog has no /OutputIntents")
        return result(file, "output-intent", findings, "")
    pdfx = [i for i in intents if isinstance(i, pikepdf.Dictionary) and text(i.get("/S", "")) == "/GTS_PDFX"]
    if not pdfx:
        findings.add("no output intent has /S /GTS_PDFX")
        return result(file, "output-intent", findings, "")
    if len(pdfx) > 1:
        findings.add(f"{len(pdfx)} output intents have /S /GTS_PDFX (PDF/X allows exactly one)")
    intent = pdfx[0]
    condition = text(intent.get("/OutputConditionIdentifier", "")).strip()
    if not condition:
        findings.add("the GTS_PDFX output intent has no /OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if profile is not None:
        for problem in _profile_problems(profile):
            findings.add(problem)
    elif standard.profile_required:
        findings.add(f"the GTS_PDFX output intent embeds no ICC profile (/DestOutputProfile; "
                     f"{standard.name} requires one)")
    tail = "CMYK output profile embedded" if profile is not None else "no profile embedded (registered condition)"
    return result(file, "output-intent", findings, f"GTS_PDFX for {condition!r}, {tail}")
