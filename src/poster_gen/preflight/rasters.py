"""Measure the ink of CMYK raster images: decode the samples with Pillow, apply the
image's /Decode array, and take the largest per-pixel C+M+Y+K.

The trap is Adobe-style CMYK JPEG. Photoshop (and Pillow, when it writes CMYK JPEG)
stores the samples inverted; a PDF holding such a JPEG says so with
``/Decode [1 0 1 0 1 0 1 0]``. Pillow, when it reads any CMYK JPEG, inverts the
samples back ("assume adobe conventions"). So what Pillow returns is ``255 - raw``
where ``raw`` is what the PDF's DCTDecode filter yields; re-inverting gives the raw
samples, and the /Decode array then gives the real ink. Reading Pillow's values as
the ink directly would report a 20% tint as 380% (and a 340% pixel as 60%).
"""
from __future__ import annotations

import base64
import binascii
import io
import zlib
from functools import reduce
from operator import add
from typing import Any

import pikepdf
from PIL import Image, ImageMath

from .colourspace import ColourSpace, ink, palette_entry
from .model import text

MAX_PIXELS = 80_000_000  # beyond this, the image is not decoded (not measured)
STRIP_PIXELS = 2_000_000  # pixels summed at a time
OPAQUE_FILTERS = {"/DCTDecode", "/JPXDecode", "/CCITTFaxDecode", "/JBIG2Decode"}


class NotMeasured(Exception):
    """The image cannot be decoded here; the message says why."""


ALL_PLATES = (0, 1, 2, 3)


def image_ink(image: Any, inline: bool, space: ColourSpace | None, limit: float = 0.0,
              plates: tuple[int, ...] = ALL_PLATES) -> float | None:
    """Maximum per-pixel ink in percent of a CMYK (or Indexed-CMYK) image, counting the
    process ``plates`` (0 C, 1 M, 2 Y, 3 K; all four by default: what overprint leaves of
    the image beneath is a subset); None when the image is not process colour (nothing to
    measure). Raises NotMeasured.

    The value is exact whenever it exceeds ``limit``; below it, it may be an upper
    bound (the sum of the channel maxima), which spares the per-pixel pass on most photos.
    """
    d = image.obj if inline else image
    if space is None or bool(d.get("/ImageMask", False)):
        return None
    if space.family == "DeviceCMYK":
        return _cmyk_ink(image, d, inline, limit, plates)
    if space.family == "Indexed" and space.base is not None and space.base.family == "DeviceCMYK":
        return _indexed_ink(image, d, inline, space, plates)
    return None


def filters_of(d: Any) -> list[str]:
    f = d.get("/Filter")
    if f is None:
        return []
    return [text(x) for x in f] if isinstance(f, pikepdf.Array) else [text(f)]


def _size(d: Any) -> tuple[int, int]:
    w, h = int(d.get("/Width", 0)), int(d.get("/Height", 0))
    if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
        raise NotMeasured(f"size {w}x{h} not decodable here")
    return w, h


def _decode_array(d: Any, n: int) -> list[tuple[float, float]]:
    dec = d.get("/Decode")
    if dec is None or len(dec) < 2 * n:
        return [(0.0, 1.0)] * n
    v = [float(x) for x in dec]
    return [(v[2 * i], v[2 * i + 1]) for i in range(n)]


def _unwrap(data: bytes, filters: list[str]) -> bytes:
    """Undo the generic filters (ASCII85, ASCIIHex, Flate without predictor)."""
    for f in filters:
        if f in ("/ASCII85Decode", "/A85"):
            data = data.strip()
            data = data[2:] if data.startswith(b"<~") else data
            data = data[:-2] if data.endswith(b"~>") else data
            data = base64.a85decode(data, ignorechars=b" \t\n\r\x0c\x00")
        elif f in ("/ASCIIHexDecode", "/AHx"):
            hexa = bytes(c for c in data.split(b">")[0] if not chr(c).isspace())
            data = binascii.unhexlify(hexa + b"0" * (len(hexa) % 2))
        elif f in ("/FlateDecode", "/Fl"):
            data = zlib.decompressobj().decompress(data)
        else:
            raise NotMeasured(f"filter {f} not supported here")
    return data


def _samples(image: Any, d: Any, inline: bool) -> tuple[bytes | None, bytes | None]:
    """(decoded samples, JPEG bytes): exactly one of them is set."""
    filters = filters_of(d)
    if filters and filters[-1] in ("/DCTDecode", "/DCT"):
        raw = image.read_raw_bytes()
        return None, _unwrap(raw, filters[:-1])
    if any(f in OPAQUE_FILTERS for f in filters):
        raise NotMeasured(f"filter {filters[-1]} not decoded here")
    if inline:
        return _unwrap(image.read_raw_bytes(), filters), None
    return image.read_bytes(), None


def _cmyk_channels(image: Any, d: Any, inline: bool) -> list[Image.Image]:
    """The C, M, Y and K samples of an 8-bit CMYK image as ink (0 none, 255 full), its
    /Decode array applied."""
    w, h = _size(d)
    if int(d.get("/BitsPerComponent", 8)) != 8:
        raise NotMeasured("only 8-bit CMYK images are measured")
    data, jpeg = _samples(image, d, inline)
    if jpeg is not None:
        pil = Image.open(io.BytesIO(jpeg))
        if pil.mode != "CMYK":
            raise NotMeasured(f"JPEG holds {pil.mode}, not CMYK")
        channels = [ch.point(lambda v: 255 - v) for ch in pil.split()]  # back to the raw samples
    else:
        if data is None or len(data) < w * h * 4:
            raise NotMeasured("image data shorter than Width x Height")
        channels = list(Image.frombytes("CMYK", (w, h), data[: w * h * 4]).split())
    for i, (lo, hi) in enumerate(_decode_array(d, 4)):
        if (lo, hi) != (0.0, 1.0):
            table = [max(0, min(255, round((lo + v / 255 * (hi - lo)) * 255))) for v in range(256)]
            channels[i] = channels[i].point(table)
    return channels


def _cmyk_ink(image: Any, d: Any, inline: bool, limit: float, plates: tuple[int, ...]) -> float:
    channels = _cmyk_channels(image, d, inline)
    channels = [channels[i] for i in plates]
    if not channels:
        return 0.0
    bound = sum(ch.getextrema()[1] for ch in channels)
    if bound / 255 * 100 <= limit:
        return bound / 255 * 100
    return _max_sum(channels) / 255 * 100


def image_maxima(image: Any, inline: bool, space: ColourSpace | None) -> tuple[float, ...] | None:
    """Each process plate's largest value (0..1) in a CMYK or Indexed-CMYK image, from
    one decoding; None when the image is not process colour. Raises NotMeasured."""
    d = image.obj if inline else image
    if space is None or bool(d.get("/ImageMask", False)):
        return None
    if space.family == "DeviceCMYK":
        return tuple(ch.getextrema()[1] / 255 for ch in _cmyk_channels(image, d, inline))
    if space.family == "Indexed" and space.base is not None and space.base.family == "DeviceCMYK":
        entries = [palette_entry(space, i) for i in _used_indices(image, d, inline, space)]
        entries = [e for e in entries if e and len(e) >= 4]
        return tuple(max((e[i] for e in entries), default=0.0) for i in range(4))
    return None


def _max_sum(channels: list[Image.Image]) -> int:
    """Largest per-pixel sum of (up to four) 8-bit channels, in bands of rows so that a
    poster-size photo never needs four full 32-bit copies in memory."""
    if len(channels) == 1:
        return channels[0].getextrema()[1]
    width, height = channels[0].size
    rows = max(1, STRIP_PIXELS // max(1, width))
    worst = 0
    for top in range(0, height, rows):
        box = (0, top, width, min(height, top + rows))
        bands = {f"p{i}": ch.crop(box) for i, ch in enumerate(channels)}
        names = tuple(bands)
        if hasattr(ImageMath, "lambda_eval"):  # Pillow >= 10.3
            total = ImageMath.lambda_eval(lambda a, names=names: reduce(add, (a[k] for k in names)), **bands)
        else:
            total = ImageMath.eval(" + ".join(names), **bands)
        worst = max(worst, int(total.getextrema()[1]))
    return worst


def _used_indices(image: Any, d: Any, inline: bool, space: ColourSpace) -> list[int] | range:
    """The palette entries an Indexed image uses (every entry if its indices are packed
    below 8 bits)."""
    w, h = _size(d)
    if int(d.get("/BitsPerComponent", 8)) != 8:
        return range(space.hival + 1)
    data, _ = _samples(image, d, inline)
    if data is None or len(data) < w * h:
        raise NotMeasured("indexed image data unreadable")
    histogram = Image.frombytes("L", (w, h), data[: w * h]).histogram()
    return [i for i, count in enumerate(histogram) if count and i <= space.hival]


def _indexed_ink(image: Any, d: Any, inline: bool, space: ColourSpace, plates: tuple[int, ...]) -> float:
    """The worst palette entry that the image actually uses."""
    worst = 0.0
    for index in _used_indices(image, d, inline, space):
        entry = palette_entry(space, index)
        if plates != ALL_PLATES and entry and len(entry) >= 4:
            entry = tuple(v if i in plates else 0.0 for i, v in enumerate(entry))
        value = ink(space.base, entry) if entry and space.base else None
        worst = max(worst, value or 0.0)
    return worst
