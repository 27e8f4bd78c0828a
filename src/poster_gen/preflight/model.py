"""The preflight vocabulary: options, one check's result, the check names, and a
small accumulator that turns many findings into one readable ``detail``.

A preflight report must stay short even for a file with ten thousand offending
operators, so findings are counted in full but only the first few are spelled out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..pdfx_standards import STANDARDS
from ..print_rules import BLEED_MM, MAX_INK, MIN_PPI, SMALL_TEXT_PT
from ..units import PT_PER_MM  # noqa: F401  (the checks read it from here)

#: The check names, in report order.
CHECKS: tuple[str, ...] = (
    "version",
    "boxes",
    "fonts",
    "colour",
    "ink",
    "separations",
    "black-text",
    "transparency",
    "images",
    "pdfx",
    "output-intent",
    "xmp",
    "annotations",
)

#: The checks that only apply to PDF/X files (passing with "not required" otherwise).
PDFX_CHECKS: frozenset[str] = frozenset({"pdfx", "output-intent", "xmp"})



@dataclass(frozen=True)
class PreflightOptions:
    """Thresholds of a preflight; the defaults are the usual offset-print values.

    ``standard`` is a key of ``pdfx_standards.STANDARDS`` ("x1a", "x4"): the PDF/X standard
    every file is judged against; None judges each file against the standard its Info
    ``GTS_PDFXVersion`` names (PDF/X-1a:2003 when it names none we know). ``separations``:
    the spot and finishing plates the job declares (None: any plate is accepted and only
    listed); ``finishes``: the finishing plates (foil, varnish, die line), which must
    overprint wherever they paint.
    """

    min_bleed_mm: float = BLEED_MM    # every side of BleedBox beyond TrimBox
    max_ink: float = MAX_INK       # total area coverage, percent (C+M+Y+K), overprint included
    min_image_ppi: float = MIN_PPI  # effective resolution at placed size
    small_text_pt: float = SMALL_TEXT_PT  # black text below this must be 100% K and overprint
    pdfx: bool = True             # require the PDF/X parts (Info keys, OutputIntent, XMP)
    standard: str | None = None
    separations: frozenset[str] | None = None
    finishes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.standard is not None and self.standard not in STANDARDS:
            raise ValueError(f"unknown PDF/X standard {self.standard!r} (known: {', '.join(STANDARDS)})")


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one check on one file.

    ``detail`` names what failed (page, font, operator, image, measured value) or,
    on success, summarises what was looked at ("6 fonts, all embedded").
    """

    file: str
    check: str
    ok: bool
    detail: str


@dataclass
class Findings:
    """Problems found by one check: all counted, the first ``keep`` kept as text."""

    keep: int = 3
    messages: list[str] = field(default_factory=list)
    count: int = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < self.keep and message not in self.messages:
            self.messages.append(message)

    def extend(self, other: "Findings") -> None:
        """Take ``other``'s findings: its kept messages, and the count of all of them."""
        for message in other.messages:
            self.add(message)
        self.count += other.count - len(other.messages)

    def __bool__(self) -> bool:
        return self.count > 0

    def text(self) -> str:
        """The kept messages joined, with how many more there were."""
        more = self.count - len(self.messages)
        tail = f" (+{more} more)" if more > 0 else ""
        return "; ".join(self.messages) + tail


def result(file: str, check: str, findings: Findings, summary: str) -> CheckResult:
    """A failing result listing the findings, or a passing one with ``summary``."""
    if findings:
        return CheckResult(file, check, False, findings.text())
    return CheckResult(file, check, True, summary)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def fmt(x: float) -> str:
    """A number the way a content stream would show it: 0.5, 1, 0.333."""
    s = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def text(obj: object) -> str:
    """``str()`` of a PDF object that never raises: a name that is not valid UTF-8
    (Shift-JIS font names are common in Japanese files) is shown in PDF syntax."""
    try:
        return str(obj)
    except UnicodeDecodeError:
        try:
            return obj.unparse().decode("latin-1")  # type: ignore[attr-defined]
        except Exception:
            return repr(obj)
