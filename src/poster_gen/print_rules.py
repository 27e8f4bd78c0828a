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
