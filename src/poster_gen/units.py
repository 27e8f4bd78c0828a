"""Units: the page model is in millimetres, PDF and type sizes in points (1/72 inch)."""
from __future__ import annotations

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
MM_PER_PT = MM_PER_INCH / PT_PER_INCH
PT_PER_MM = PT_PER_INCH / MM_PER_INCH
