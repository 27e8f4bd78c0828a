"""A finished PDF as the press prints it: one greyscale plate per ink, from Ghostscript.

This is the one place the project separates a PDF into plates. Our own measures of
ink (the compose stage's, the preflight's content walk) read what the PDF *says*;
the plates show what a RIP *makes* of it: overprint applied (``-dOverprint=/simulate``),
transparency flattened, spot colours on plates of their own. ``poster-gen preview
--separations`` shows them to a print buyer and the tests measure "ink as printed" here.

Ghostscript's ``tiffsep`` device renders the printed area (the BleedBox: trim and bleed,
``-dUseBleedBox``) and writes, per page, ``<name>(Cyan).tif``, ``(Magenta)``, ``(Yellow)``,
``(Black)`` and one ``(<spot name>).tif`` per spot colorant, spaces kept and characters
a file name cannot hold escaped as ``%XX`` (Ghostscript 10; older versions wrote ``_``).
Each is 8-bit greyscale with 255 = no ink and 0 = 100 %: already the film's (and
Acrobat's Output Preview's) convention, so the images are kept as they come.

The peak is measured with Pillow alone (ImageMath sums the plates, getextrema and
getbbox find the darkest pixel): no per-pixel Python loop and no numpy.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, NamedTuple, Sequence
from urllib.parse import unquote

from PIL import Image, ImageMath

from ..errors import MachineError
from .geometry import Rect, as_rect, bleed_box, inherited

#: process plates: Ghostscript's file name -> the key used here (and in PNG names)
PROCESS = {"Cyan": "C", "Magenta": "M", "Yellow": "Y", "Black": "K"}
PROCESS_KEYS = tuple(PROCESS.values())
GHOSTSCRIPT_NAMES = ("gs", "gswin64c", "gswin32c")  # Unix, then Windows 64- and 32-bit consoles
INSTALL = "install it: apt install ghostscript, brew install ghostscript, or from ghostscript.com on Windows"
TIMEOUT = 300.0  # seconds per file: a 16-page brochure at 100 dpi takes about one


@dataclass
class PagePlates:
    """One page's plates, in order: C, M, Y, K, then the spots by name. Each image is
    'L', white = no ink, black = 100 %, covering the rendered box (the BleedBox) at ``dpi``.
    ``trim_px`` is the TrimBox inside it (left, top, right, bottom pixels), None when it
    cannot be placed (a rotated page, a box that is missing or malformed)."""

    page: int  # 1-based
    dpi: float
    plates: dict[str, Image.Image] = field(default_factory=dict)
    trim_px: tuple[int, int, int, int] | None = None

    @property
    def spots(self) -> list[str]:
        return [name for name in self.plates if name not in PROCESS_KEYS]

    def trimmed(self) -> dict[str, Image.Image]:
        """The plates cropped to the TrimBox, as the trimmed sheet shows them (the
        whole rendered box when the trim cannot be placed)."""
        if self.trim_px is None:
            return dict(self.plates)
        return {name: img.crop(self.trim_px) for name, img in self.plates.items()}


class Peak(NamedTuple):
    """The highest total of the four process inks on a page: ``percent`` at ``at_mm``
    (x, y of the pixel's centre from the top-left of the rendered box), with every
    plate's value there (spots included, but not counted in ``percent``)."""

    percent: float
    at_mm: tuple[float, float]
    plates: dict[str, float]


def ghostscript(needed_for: str = "separating a PDF into plates") -> str:
    """Ghostscript's executable, or a one-line MachineError saying what needs it and
    how to get it (exit code 2 on the command line)."""
    for name in GHOSTSCRIPT_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise MachineError("", f"{needed_for} needs Ghostscript (gs), which was not found; {INSTALL}")


def separate(pdf: Path, dpi: float, pages: Sequence[int] | None = None, *, gs: str | None = None,
             timeout: float = TIMEOUT) -> list[PagePlates]:
    """The plates of ``pages`` (1-based page numbers; default all) of ``pdf`` at ``dpi``,
    in page order, as the press would print them. A file Ghostscript cannot separate is
    one MachineError naming it (exit code 2, no traceback), as is one that takes longer
    than ``timeout`` seconds."""
    return list(iter_separate(pdf, dpi, pages, gs=gs, timeout=timeout))


def iter_separate(pdf: Path, dpi: float, pages: Sequence[int] | None = None, *, gs: str | None = None,
                  timeout: float = TIMEOUT) -> Iterator[PagePlates]:
    """``separate``, a page at a time: Ghostscript writes every page's plates at once
    (compressed, in a temporary folder), but only one page's images are held in memory."""
    if not dpi > 0:
        raise ValueError(f"dpi must be positive, not {dpi!r}")
    gs = gs or ghostscript()
    boxes = _page_boxes(pdf)
    numbers = list(range(1, len(boxes) + 1)) if pages is None else sorted({int(n) for n in pages})
    wrong = [n for n in numbers if not 1 <= n <= len(boxes)]
    if wrong:
        raise ValueError(f"{pdf}: no page {wrong[0]} (it has {len(boxes)})")
    if not numbers:
        return
    with tempfile.TemporaryDirectory(prefix="poster-gen-plates-") as tmp:
        folder = Path(tmp)
        template = str(folder / "p").replace("%", "%%") + "%d.tif"  # %d: the page Ghostscript renders
        cmd = [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", f"-r{dpi:g}",
               "-dOverprint=/simulate", "-dUseBleedBox", f"-sOutputFile={template}"]
        if pages is not None:
            cmd.append("-sPageList=" + ",".join(str(n) for n in numbers))
        cmd.append(str(Path(pdf).resolve()))  # absolute: a name starting with "-" is not an option
        try:
            run = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise MachineError(str(pdf), f"Ghostscript took longer than {timeout:g} s to separate it; "
                                         "try a lower --dpi") from None
        except OSError as err:
            raise MachineError(str(pdf), f"Ghostscript ({gs}) could not be started: "
                                         f"{(err.strerror or str(err)).lower()}; {INSTALL}") from None
        said = _first_error(run.stdout + run.stderr)
        if run.returncode != 0:
            raise MachineError(str(pdf), f"Ghostscript could not separate it (exit code {run.returncode}"
                                         + (f": {said})" if said else ")"))
        files = _plate_files(folder)
        for index, number in enumerate(numbers, 1):  # Ghostscript numbers the pages it rendered
            found = files.get(index, {})
            if not set(PROCESS_KEYS) <= set(found):
                raise MachineError(str(pdf), f"Ghostscript wrote no plates for page {number}"
                                             + (f": {said}" if said else ""))
            plates = {name: _read(found[name], pdf) for name in _ordered(found)}
            yield PagePlates(number, dpi, plates, _trim_px(boxes[number - 1], dpi, plates["C"].size))


def peak_ink(page: PagePlates) -> Peak:
    """The highest C+M+Y+K at any pixel of ``page`` and where it is (see ``Peak``)."""
    c, m, y, k = (page.plates[key] for key in PROCESS_KEYS)
    # plates hold 255 - ink: the least sum is the most ink ("I" images: no clipping at 255)
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    least = total.getextrema()[0]
    darkest = ImageMath.lambda_eval(lambda a: a["t"] == least, t=total).convert("L")
    box = darkest.getbbox()
    x, y_px = 0, 0
    if box is not None:  # the first such pixel in reading order: the top row's leftmost
        y_px = box[1]
        row = darkest.crop((0, y_px, darkest.width, y_px + 1)).getbbox()
        x = row[0] if row is not None else box[0]
    values = {name: round(100 - img.getpixel((x, y_px)) / 2.55, 1) for name, img in page.plates.items()}
    mm = 25.4 / page.dpi
    return Peak(round((4 * 255 - least) / 2.55, 1), (round((x + 0.5) * mm, 1), round((y_px + 0.5) * mm, 1)),
                values)


def file_safe(name: str) -> str:
    """A plate name as a file name part: "PANTONE 7621 C" -> "PANTONE-7621-C" (letters of
    any script and digits kept, every other run of characters one hyphen)."""
    out, gap = [], False
    for ch in name:
        if ch.isalnum() or ch in "_.":
            if gap and out:
                out.append("-")
            out.append(ch)
            gap = False
        else:
            gap = True
    return "".join(out).strip(".") or "spot"


def _page_boxes(pdf: Path) -> list[tuple[Rect | None, Rect | None, int]]:
    """Per page: the rendered box (BleedBox), the TrimBox and the rotation."""
    import pikepdf

    try:
        with pikepdf.open(pdf) as doc:
            out = []
            for page in doc.pages:
                d = page.obj
                bleed = bleed_box(d)
                trim = as_rect(d.get("/TrimBox")) or as_rect(inherited(d, "/CropBox")) or bleed
                try:
                    rotate = int(inherited(d, "/Rotate") or 0) % 360
                except (TypeError, ValueError):
                    rotate = 0
                out.append((bleed, trim, rotate))
            return out
    except pikepdf.PasswordError:
        raise MachineError(str(pdf), "encrypted with a password; remove it to separate the file") from None
    except FileNotFoundError:
        raise MachineError(str(pdf), "not found") from None
    except (pikepdf.PdfError, OSError, ValueError) as err:
        reason = str(err).splitlines()[0].replace(f"{pdf}: ", "") if str(err) else type(err).__name__
        raise MachineError(str(pdf), f"cannot be read as a PDF ({reason})") from None


def _trim_px(boxes: tuple[Rect | None, Rect | None, int], dpi: float,
             size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The TrimBox in the pixels of the rendered box. Ghostscript puts the box's
    lower-left corner at the image's bottom-left, so rows count from the bottom."""
    bleed, trim, rotate = boxes
    if bleed is None or trim is None or rotate:
        return None
    s, (w, h) = dpi / 72.0, size
    left = max(0, round((trim[0] - bleed[0]) * s))
    right = min(w, round((trim[2] - bleed[0]) * s))
    top = max(0, round(h - (trim[3] - bleed[1]) * s))
    bottom = min(h, round(h - (trim[1] - bleed[1]) * s))
    if right - left < 1 or bottom - top < 1:
        return None
    if (left, top, right, bottom) == (0, 0, w, h):
        return None  # nothing to trim
    return left, top, right, bottom


def _plate_files(folder: Path) -> dict[int, dict[str, Path]]:
    """Ghostscript's plate files by page index, then plate key ("C" ... "K", spot names)."""
    found: dict[int, dict[str, Path]] = {}
    for path in folder.iterdir():
        name = path.name
        if not (name.startswith("p") and name.endswith(").tif") and "(" in name):
            continue  # the composite p<N>.tif
        number, _, plate = name[1:-len(").tif")].partition("(")
        if not number.isdigit():
            continue
        key = PROCESS.get(plate)
        if key is None:
            key = unquote(plate, errors="replace")
            if key in PROCESS_KEYS:  # a spot named "K" is not the black plate
                key += " (spot)"
        found.setdefault(int(number), {})[key] = path
    return found


def _ordered(found: dict[str, Path]) -> list[str]:
    return list(PROCESS_KEYS) + sorted(name for name in found if name not in PROCESS_KEYS)


def _read(path: Path, pdf: Path) -> Image.Image:
    try:
        with Image.open(path) as img:
            img.load()
            return img if img.mode == "L" else img.convert("L")
    except (OSError, ValueError, Image.DecompressionBombError) as err:
        raise MachineError(str(pdf), f"Ghostscript's plate {path.name} cannot be read ({err})") from None


def _first_error(output: bytes) -> str:
    """The first line of Ghostscript's output that says what went wrong, shortened."""
    for line in output.decode("utf-8", "replace").splitlines():
        line = line.strip().strip("*").strip()
        if "error" in line.lower():
            return line[:200]
    return ""
