"""Pictures as they look: what an image viewer shows, whatever mode Pillow opens the
file in. The loader refuses what cannot be shown so (``refusal``); the renderer prints
what it returns (``as_it_looks``).

"As it looks" is what an image viewer shows, whatever mode Pillow opens the file in
(``as_it_looks``); every mode ends as RGB, L (greyscale, printed on the black plate
alone) or CMYK:

* upright, by its EXIF orientation (a phone photo held sideways);
* through its embedded ICC profile to sRGB. CMYK keeps its ink values for print (they
  were made for a press; converting them for another one needs the press's profile),
  and goes through its profile only for screens;
* alpha (LA, La, PA, RGBA, RGBa, P with a transparent colour) flattened onto white
  paper: print has no alpha;
* 16-bit greyscale (I;16, I;16B, I;16L, I;16N; and I from a PNG) scaled from 0-65535,
  1-bit as black and white, P through its palette, RGBX without its padding, YCbCr and
  HSV by Pillow's conversions, LAB (L* 0-100 as 0-255, a* and b* offset by 128, as
  Pillow and ImageCms store it) through ImageCms to sRGB.

Refused when the project is loaded, one line naming the file (``refusal``): 32-bit
integer (I from a TIFF) and 32-bit float (F) images, whose white is anyone's guess
(1? 255? 65535? 2**31?) and which no camera or photo editor exports as a photo; and
an embedded ICC profile that cannot be read or does not fit the image's colours.
"""
from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

#: 16-bit greyscale modes: white is 65535.
SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N")
#: Modes with alpha, and the mode each is flattened from (premultiplied ones unpremultiplied).
ALPHA = {"RGBA": "RGBA", "RGBa": "RGBA", "PA": "RGBA", "LA": "LA", "La": "LA"}


class Refused(ValueError):
    """An image that cannot be printed as it looks; the message completes "'x.tif' ..."."""


def refusal(im: Any) -> str | None:
    """Why the opened image ``im`` cannot be printed as it looks, or None. Runs the whole
    conversion on a few pixels of it, so it refuses exactly what the renderer would."""
    sample = im.crop((0, 0, min(im.width, 4), min(im.height, 4)))
    try:
        as_it_looks(sample, cmyk=True, fmt=im.format)
        as_it_looks(sample, cmyk=False, fmt=im.format)
    except Refused as exc:
        return str(exc)
    return None


def as_it_looks(im: Any, cmyk: bool, fmt: str | None = None) -> Any:
    """``im`` as a viewer shows it, upright, in RGB, L or CMYK (CMYK only if ``cmyk``,
    for print); ``fmt``: the file's format (a 32-bit TIFF and a 16-bit PNG both open as
    I). ``Refused`` if it cannot be."""
    from PIL import Image, ImageOps

    im = ImageOps.exif_transpose(im)
    icc = im.info.get("icc_profile")
    mode = im.mode
    if mode == "F":
        raise Refused("is a 32-bit floating-point image; save it as 8-bit (or 16-bit) RGB")
    if mode == "I" and fmt != "PNG":
        raise Refused("is a 32-bit integer image; save it as 8-bit (or 16-bit) RGB or greyscale")
    if mode in SIXTEEN_BIT or mode == "I":
        im = im.convert("I").point(lambda v: v * (255 / 65535) + 0.5).convert("L")
    elif mode == "1":
        im = im.convert("L")
    elif mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    elif mode in ("RGBX", "YCbCr", "HSV"):
        im = im.convert("RGB")
    elif mode == "LAB":
        im = _lab_to_srgb(im)
        icc = None  # LAB is device-independent: the conversion was its profile
    elif mode not in ("L", "RGB", "CMYK", *ALPHA):
        raise Refused(f"is a {mode} image, which cannot be printed; save it as 8-bit RGB")
    if im.mode in ALPHA:  # onto white paper
        im = im.convert(ALPHA[im.mode])
        base = Image.new(im.mode[:-1], im.size, 255 if im.mode == "LA" else (255, 255, 255))
        base.paste(im.convert(base.mode), mask=im.getchannel("A"))
        im = base
    if icc and not (im.mode == "CMYK" and cmyk):
        im = _to_srgb(im, icc)
    if im.mode == "CMYK" and not cmyk:
        im = im.convert("RGB")
    return im


def _to_srgb(im: Any, icc: bytes) -> Any:
    """``im`` (RGB, L or CMYK) through its embedded profile to sRGB; greyscale stays grey."""
    from PIL import ImageCms

    try:
        src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        out = ImageCms.profileToProfile(im, src, _srgb(), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
        raise Refused(f"has an embedded ICC profile that cannot be used for its {im.mode} colours ({exc}); "
                      "export it again with an sRGB profile") from None
    return out.convert("L") if im.mode == "L" else out


def _lab_to_srgb(im: Any) -> Any:
    from PIL import ImageCms

    lab = ImageCms.createProfile("LAB")
    return ImageCms.applyTransform(im, ImageCms.buildTransform(lab, _srgb(), "LAB", "RGB"))


@lru_cache(maxsize=1)
def _srgb() -> Any:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def oriented_size(path: str) -> tuple[int, int]:
    """The photo's size in pixels as it is shown: width and height swapped when its EXIF
    orientation turns it (what the resolution check must measure)."""
    from PIL import Image

    with Image.open(path) as im:
        w, h = im.size
        turned = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    return (h, w) if turned else (w, h)
