"""Colour science for print values: CMYK ink mixes as they look, as CIELAB, and the
CIEDE2000 difference between two of them. Plain arithmetic on tuples, shared by the
loader (the series' hue check) and the compose stage (contrast, screen colours).

Without an output profile, a CMYK mix is modelled as each process ink filtering the
light by its own sRGB colour, scaled by its coverage (a multiplicative Neugebauer-like
model, far closer to print than ``1 - C``); with a CMYK ICC profile (the layout's
``print.output_intent.profile``) littleCMS converts through it instead.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

Lab = tuple[float, float, float]

#: sRGB (0-1) of solid process inks on coated paper: cyan, magenta, yellow, black
INKS = ((0.0, 0.682, 0.937), (0.925, 0.0, 0.549), (1.0, 0.949, 0.0), (0.137, 0.122, 0.125))
_D65 = (0.95047, 1.0, 1.08883)


def cmyk_to_rgb(c: float, m: float, y: float, k: float) -> tuple[float, float, float]:
    """Approximate sRGB (0-1) of an ink mix in percent on white coated paper."""
    r = g = b = 1.0
    for v, (ir, ig, ib) in zip((c, m, y, k), INKS):
        t = v / 100.0
        r *= 1 - t * (1 - ir)
        g *= 1 - t * (1 - ig)
        b *= 1 - t * (1 - ib)
    return (r, g, b)


def _linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def rgb_to_lab(r: float, g: float, b: float) -> Lab:
    """CIELAB (D65) of an sRGB colour (0-1)."""
    rl, gl, bl = _linear(r), _linear(g), _linear(b)
    xyz = (0.4124 * rl + 0.3576 * gl + 0.1805 * bl, 0.2126 * rl + 0.7152 * gl + 0.0722 * bl,
           0.0193 * rl + 0.1192 * gl + 0.9505 * bl)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, _D65))
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def cmyk_to_lab(cmyk: tuple[float, float, float, float], profile: Path | None = None) -> Lab:
    """CIELAB of an ink mix (percent): through ``profile`` (a CMYK ICC profile) when given,
    else through the ink model."""
    if profile is not None:
        try:
            return _through_profile(tuple(float(v) for v in cmyk), str(profile))
        except Exception:  # noqa: BLE001 - a profile littleCMS cannot convert through (a bare header)
            pass  # the ink model still judges the colours
    return rgb_to_lab(*cmyk_to_rgb(*cmyk))


@lru_cache(maxsize=256)
def _through_profile(cmyk: tuple[float, ...], profile: str) -> Lab:
    from PIL import Image, ImageCms

    transform = _transform(profile)
    px = Image.new("CMYK", (1, 1), tuple(round(v * 2.55) for v in cmyk))
    lab = ImageCms.applyTransform(px, transform).getpixel((0, 0))
    return (lab[0] / 2.55, lab[1] - 128.0, lab[2] - 128.0)  # littleCMS's 8-bit Lab: a and b offset by 128


@lru_cache(maxsize=4)
def _transform(profile: str):
    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.getOpenProfile(profile), ImageCms.createProfile("LAB"), "CMYK", "LAB")


def delta_e2000(a: Lab, b: Lab) -> float:
    """The CIEDE2000 colour difference between two CIELAB colours."""
    l1, a1, b1 = a
    l2, a2, b2 = b
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    cm = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(cm ** 7 / (cm ** 7 + 25 ** 7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        d = h2p - h1p
        dh = d - 360 if d > 180 else d + 360 if d < -180 else d
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lm, cmp_ = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hm = (h1p + h2p) / 2
    else:
        hm = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hm - 30)) + 0.24 * math.cos(math.radians(2 * hm))
         + 0.32 * math.cos(math.radians(3 * hm + 6)) - 0.20 * math.cos(math.radians(4 * hm - 63)))
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc, sh = 1 + 0.045 * cmp_, 1 + 0.015 * cmp_ * t
    rt = -2 * math.sqrt(cmp_ ** 7 / (cmp_ ** 7 + 25 ** 7)) * math.sin(math.radians(60 * math.exp(-((hm - 275) / 25) ** 2)))
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))
