"""The press's rules, once: every stage that makes or checks a print file reads them here
(the loader's colour check, the renderer, the build's image check, the preflight)."""
from __future__ import annotations

#: Photos print sharp from this effective resolution at their placed size (pixels per inch).
MIN_PPI = 300
#: Total area coverage (C + M + Y + K) that dries and prints cleanly, in percent.
MAX_INK = 300.0
#: Black text below this size prints from the K plate alone, overprinting (points).
SMALL_TEXT_PT = 12.0
#: Bleed beyond the trim on every side (millimetres).
BLEED_MM = 3.0


def near_black(c: float, m: float, y: float, k: float, tol: float = 0.0) -> bool:
    """Text that reads as black (percent ink): mostly K, little colour. Such text below
    ``SMALL_TEXT_PT`` prints as K100 alone, overprinting (the renderer does it, the
    preflight holds every file to it): no misregistered fringes, no white halo. ``tol``:
    percent of slack, for values read back from a file."""
    return k >= 80 - tol and max(c, m, y) <= 60 + tol


def overprint_ink(beneath: tuple[float, float, float, float]) -> float:
    """Total ink (percent) where K100 overprints ``beneath`` (C, M, Y, K): its C, M and Y
    stay, K becomes 100 (overprint mode 1)."""
    return beneath[0] + beneath[1] + beneath[2] + 100.0
