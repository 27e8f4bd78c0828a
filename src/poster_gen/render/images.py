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
              ppi: int = MAX_PPI) -> bytes:
    """The photo as it looks (``as_it_looks``), cropped to its frame, at most ``ppi`` at
    its placed size, as a JPEG in ``mode`` (CMYK for print, RGB for screens)."""
    from PIL import Image

    with Image.open(path) as src:
        src.load()
        im = as_it_looks(src, cmyk=mode == "CMYK", fmt=src.format)
    if fit == "cover":
        want = width_mm / height_mm
        w, h = im.size
        if w / h > want:
            cw = round(h * want)
            im = im.crop(((w - cw) // 2, 0, (w - cw) // 2 + cw, h))
        else:
            ch = round(w / want)
            im = im.crop((0, (h - ch) // 2, w, (h - ch) // 2 + ch))
    target = (round(width_mm / 25.4 * ppi), round(height_mm / 25.4 * ppi))
    if im.size[0] > target[0]:  # never upsample: that would only hide a low resolution
        im = im.resize(target, Image.LANCZOS)
    out = io.BytesIO()
    im.convert(mode).save(out, "JPEG", quality=90 if mode == "CMYK" else 85, optimize=True)
    return out.getvalue()
