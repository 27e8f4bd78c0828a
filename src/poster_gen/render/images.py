"""Photos for print: as they look (``load.picture.as_it_looks``), cropped to their frame,
resampled to at most 300 ppi at their placed size, converted to CMYK and JPEG-compressed
(DeviceCMYK, no ICC, no alpha)."""
from __future__ import annotations

import io
from functools import lru_cache
from ..load.picture import as_it_looks
from ..print_rules import MIN_PPI

MAX_PPI = MIN_PPI  # never more than print needs


@lru_cache(maxsize=16)
def cmyk_jpeg(path: str, width_mm: float, height_mm: float, fit: str = "cover", mode: str = "CMYK",
              ppi: int = MAX_PPI, focus: tuple[float, float] = (0.5, 0.5)) -> bytes:
    """The photo as it looks (``as_it_looks``), cropped to its frame around ``focus`` (the
    point kept in view, x and y from the top-left, 0-1), at most ``ppi`` at its placed
    size, as a JPEG in ``mode`` (CMYK for print, RGB for screens)."""
    from PIL import Image

    with Image.open(path) as src:
        src.load()
        im = as_it_looks(src, cmyk=mode == "CMYK", fmt=src.format)
    if fit == "cover":
        want = width_mm / height_mm
        w, h = im.size
        if w / h > want:
            cw = round(h * want)
            x = _offset(w - cw, w * focus[0] - cw / 2)
            im = im.crop((x, 0, x + cw, h))
        else:
            ch = round(w / want)
            y = _offset(h - ch, h * focus[1] - ch / 2)
            im = im.crop((0, y, w, y + ch))
    target = (round(width_mm / 25.4 * ppi), round(height_mm / 25.4 * ppi))
    if im.size[0] > target[0]:  # never upsample: that would only hide a low resolution
        im = im.resize(target, Image.LANCZOS)
    out = io.BytesIO()
    im.convert(mode).save(out, "JPEG", quality=90 if mode == "CMYK" else 85, optimize=True)
    return out.getvalue()


def _offset(room: int, wanted: float) -> int:
    """Where a crop starts: centred on the focal point, kept inside the photo (the
    centre, exactly as before there were focal points, when the point is the middle)."""
    if abs(wanted - room / 2) < 0.5:
        return room // 2
    return max(0, min(room, round(wanted)))
