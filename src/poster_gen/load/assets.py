"""Files the data refers to (photos for the hero area): inside the project, readable,
and not absurdly large — checked before anything is decoded — and printable as they
look (``picture.refusal``: not a 32-bit or float image, a usable ICC profile).
"""
from __future__ import annotations

import warnings
from pathlib import Path

MAX_FILE_BYTES = 80 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a poster hero at 300 ppi needs about 9 megapixels
FORMATS = {"JPEG", "PNG", "TIFF"}


def check_path(root: Path, ref: str) -> tuple[Path | None, str | None]:
    """The file ``ref`` names, or why it is not acceptable."""
    if not ref.strip():
        return None, "is empty (expected a file in the project, e.g. assets/images/hero.jpg)"
    shown = ref if len(ref) <= 60 else ref[:57] + "..."
    if "\0" in ref or any(len(part.encode("utf-8", "surrogatepass")) > 255 for part in ref.split("/")) \
            or len(ref) > 1024:
        return None, f"{shown!r} is not a file name this computer can have (too long, or a NUL character)"
    p = Path(ref)
    try:
        full = (p if p.is_absolute() else root / p).resolve()
    except (OSError, ValueError) as exc:
        return None, f"{shown!r} cannot be looked up ({exc})"
    if not full.is_relative_to(root.resolve()):
        return None, f"{ref!r} is outside the project folder; copy the file into assets/ and name it from there"
    try:
        full.exists()
    except (OSError, ValueError) as exc:
        return None, f"{shown!r} cannot be looked up ({exc})"
    if not full.exists():
        near = sorted(x.name for x in full.parent.glob("*")) if full.parent.is_dir() else []
        from ..suggest import suggest
        return None, f"{ref!r} not found{suggest(full.name, near)}"
    if not full.is_file():
        return None, f"{ref!r} is a folder, not an image file"
    return full, None


def check_image(root: Path, ref: str) -> str | None:
    """Why the image ``ref`` cannot be used, or None. Decodes it fully (once) to catch
    damaged files, after checking its size from the header alone."""
    full, why = check_path(root, ref)
    if why:
        return why
    size = full.stat().st_size
    if size > MAX_FILE_BYTES:
        return f"{ref!r} is {size / 1024 / 1024:.0f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB"
    from PIL import Image, UnidentifiedImageError

    from .picture import refusal

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(full) as im:  # reads the header only
                w, h = im.size
                if im.format not in FORMATS:
                    return f"{ref!r} is a {im.format} image; use JPEG, PNG or TIFF"
                if w * h > MAX_PIXELS:
                    return (f"{ref!r} is {w * h / 1e6:.1f} megapixels ({w} x {h}); the limit is "
                            f"{MAX_PIXELS / 1e6:.0f}: scale it down (a poster needs about 9)")
                im.load()  # decode: a truncated or damaged file fails here, not in the renderer
                why = refusal(im)  # a mode or profile that cannot print as it looks
                if why:
                    return f"{ref!r} {why}"
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"{ref!r} is too large to open safely (a decompression bomb?); the limit is {MAX_PIXELS / 1e6:.0f} megapixels"
    except UnidentifiedImageError:
        return f"{ref!r} is not an image Pillow can read (expected JPEG, PNG or TIFF)"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"{ref!r} is damaged or incomplete ({exc}); export it again"
    return None


def check_icc(root: Path, ref: str) -> str | None:
    """Why ``ref`` is not a CMYK output profile the PDF can embed, or None."""
    full, why = check_path(root, ref)
    if why:
        return why
    head = full.read_bytes()[:128]
    if len(head) < 128 or head[36:40] != b"acsp":
        return f"{ref!r} is not an ICC profile"
    if head[16:20] != b"CMYK":
        return f"{ref!r} is a {head[16:20].decode('latin-1').strip()} profile; the output intent needs CMYK"
    return None
