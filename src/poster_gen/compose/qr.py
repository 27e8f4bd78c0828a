"""QR codes as vector modules: the symbol is computed once per URL (the mask search is
the costly part) and placed as plain data; the renderer draws it as one path.
"""
from __future__ import annotations

from functools import lru_cache

from ..page_model import Box, CMYK, QRCode

QUIET = 4  # modules of quiet zone on each side, as ISO/IEC 18004 asks
LEVEL = "M"  # error correction: M restores ~15% damage; enough for print on paper


@lru_cache(maxsize=64)
def qr_matrix(data: str, level: str = LEVEL) -> tuple[tuple[bool, ...], ...]:
    """The symbol's modules; the mask search is costly, so the result is kept on disk."""
    from ..disk_cache import memoised

    return memoised("qr", (data, level), lambda: _matrix(data, level))


def _matrix(data: str, level: str) -> tuple[tuple[bool, ...], ...]:
    import qrcode  # imported on demand: a warm build never needs it
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M, ERROR_CORRECT_Q

    ec = {"M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}[level]
    code = qrcode.QRCode(error_correction=ec, border=0)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in code.get_matrix())


def qr_code(data: str, x: float, y: float, size: float, dark: CMYK, light: CMYK,
            level: str = LEVEL) -> QRCode:
    """A QR code whose outer square (quiet zone included) is ``size`` mm at (x, y)."""
    modules = qr_matrix(data, level)
    return QRCode(Box(x, y, size, size), modules, QUIET, dark, light, data)
