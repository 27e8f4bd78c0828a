"""Colour spaces as PDF/X-1a sees them: resolve any colour-space object or resource
name to a small immutable description, say why it is not allowed, and measure the
ink (total area coverage) of a colour in it.

PDF/X-1a allows DeviceCMYK, DeviceGray, Separation and DeviceN (and Indexed or
Pattern spaces built on them). A Separation or DeviceN space is refused when its
alternate space is not DeviceCMYK/DeviceGray, because an RGB or Lab alternate is
what a proof or a press without that ink would print.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pikepdf

from .model import text

NOT_X1A = "not allowed in PDF/X-1a"
#: Separation/DeviceN colorant names that are the process plates, and their index in C, M, Y, K
PROCESS_PLATES = {"Cyan": 0, "Magenta": 1, "Yellow": 2, "Black": 3}
#: colorant names that are not a plate of their own (every plate; no plate)
NOT_PLATES = frozenset({"All", "None"})


@dataclass(frozen=True)
class ColourSpace:
    """One resolved colour space.

    ``problem`` is None when PDF/X-1a allows the space, else a short reason; ``n`` is
    the number of components an ``sc``/``scn`` operator takes in it.
    """

    family: str
    n: int
    label: str
    problem: str | None = None
    base: "ColourSpace | None" = None  # Indexed base, Pattern underlying space, or alternate
    colorants: tuple[str, ...] = ()     # Separation / DeviceN colorant names, without the slash
    palette: bytes = b""                # Indexed lookup table
    hival: int = 0

    def initial(self) -> tuple[float, ...]:
        """The colour that ``cs``/``CS`` installs along with the space (PDF 8.6.5)."""
        if self.family == "DeviceCMYK":
            return (0.0, 0.0, 0.0, 1.0)
        if self.family in ("Separation", "DeviceN"):
            return (1.0,) * self.n
        return (0.0,) * self.n


GRAY = ColourSpace("DeviceGray", 1, "DeviceGray")
CMYK = ColourSpace("DeviceCMYK", 4, "DeviceCMYK")
RGB = ColourSpace("DeviceRGB", 3, "DeviceRGB", "RGB colour")
PATTERN = ColourSpace("Pattern", 0, "Pattern")
DEVICE = {"/DeviceGray": GRAY, "/DeviceCMYK": CMYK, "/DeviceRGB": RGB, "/Pattern": PATTERN,
          "/G": GRAY, "/CMYK": CMYK, "/RGB": RGB}
ABBREVIATED_FAMILY = {"/I": "/Indexed"}


def unknown(label: str) -> ColourSpace:
    return ColourSpace("unknown", 0, label, f"{label}: unknown colour space")


class ColourSpaces:
    """Resolves colour spaces, caching those that are indirect objects (a document
    typically reuses a handful of spaces thousands of times)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, int], ColourSpace] = {}

    def by_name(self, name: Any, resources: Any) -> ColourSpace:
        """The space a ``cs``/``CS`` operand names: a device space or a /ColorSpace resource."""
        label = text(name)
        if label in DEVICE:
            return DEVICE[label]
        table = resources.get("/ColorSpace") if resources is not None else None
        obj = table.get(name) if isinstance(table, pikepdf.Dictionary) else None
        if obj is None:
            return unknown(f"{label} (not in the page resources)")
        return self.resolve(obj, resources)

    def resolve(self, obj: Any, resources: Any = None, depth: int = 0) -> ColourSpace:
        """Describe a colour-space object (a name or an array)."""
        if depth > 8:
            return unknown("colour space nested too deeply")
        if isinstance(obj, pikepdf.Name):
            name = text(obj)
            if name in DEVICE:
                return DEVICE[name]
            return self.by_name(obj, resources) if resources is not None else unknown(name)
        if not isinstance(obj, pikepdf.Array) or len(obj) == 0:
            return unknown(f"colour space {text(obj)[:40]!r}")
        key = obj.objgen if obj.is_indirect else None
        if key is not None and key in self._cache:
            return self._cache[key]
        space = self._array(obj, resources, depth)
        if key is not None:
            self._cache[key] = space
        return space

    def _array(self, arr: pikepdf.Array, resources: Any, depth: int) -> ColourSpace:
        family = ABBREVIATED_FAMILY.get(text(arr[0]), text(arr[0]))
        if family in DEVICE and len(arr) == 1:
            return DEVICE[family]
        if family == "/ICCBased":
            return _icc(arr)
        if family in ("/CalRGB", "/Lab"):
            return ColourSpace(family[1:], 3, family[1:], f"{family[1:]} colour")
        if family == "/CalGray":
            return ColourSpace("CalGray", 1, "CalGray", f"CalGray colour {NOT_X1A}")
        if family == "/Indexed" and len(arr) >= 4:
            base = self.resolve(arr[1], resources, depth + 1)
            palette = _bytes(arr[3])
            problem = f"Indexed on {base.label}: {base.problem}" if base.problem else None
            return ColourSpace("Indexed", 1, f"Indexed {base.label}", problem, base,
                               palette=palette, hival=int(arr[2]))
        if family == "/Pattern":
            base = self.resolve(arr[1], resources, depth + 1) if len(arr) > 1 else None
            problem = base.problem if base is not None else None
            return ColourSpace("Pattern", base.n if base else 0, "Pattern", problem, base)
        if family in ("/Separation", "/DeviceN") and len(arr) >= 4:
            return self._spot(family[1:], arr, resources, depth)
        return unknown(family)

    def _spot(self, family: str, arr: pikepdf.Array, resources: Any, depth: int) -> ColourSpace:
        names = [arr[1]] if family == "Separation" else list(arr[1])
        colorants = tuple(text(n).lstrip("/") for n in names)
        alternate = self.resolve(arr[2], resources, depth + 1)
        label = f"{family} {'/'.join(colorants)}"
        problem = None
        if alternate.family not in ("DeviceCMYK", "DeviceGray"):
            problem = f"{label} has alternate space {alternate.label} (must be DeviceCMYK or DeviceGray)"
        return ColourSpace(family, len(colorants), label, problem, alternate, colorants)


def _icc(arr: pikepdf.Array) -> ColourSpace:
    stream = arr[1] if len(arr) > 1 else None
    try:
        n = int(stream.get("/N", 0))
    except (AttributeError, TypeError, ValueError):
        n = 0
    kind = {1: "Gray", 3: "RGB", 4: "CMYK"}.get(n, f"N={n}")
    label = f"ICCBased {kind}"
    problem = "RGB colour (ICCBased RGB)" if n == 3 else f"{label} {NOT_X1A}"
    return ColourSpace("ICCBased", n, label, problem)


def _bytes(obj: Any) -> bytes:
    try:
        if isinstance(obj, pikepdf.Stream):
            return obj.read_bytes()
        return bytes(obj)
    except Exception:  # a malformed lookup table: no palette, no ink measurement
        return b""


def _clamp(v: float) -> float:
    return 0.0 if v < 0 else 1.0 if v > 1 else v


def ink(space: ColourSpace, comps: tuple[float, ...]) -> float | None:
    """Total area coverage of the four process inks in percent, or None when not
    measurable (RGB, patterns, unknown spaces). Registration (Separation /All) counts
    400%; a Separation/DeviceN colorant named for a process ink (Cyan ... Black) counts
    on its plate; spot and finishing plates count nothing here (the separations check
    reports them)."""
    family = space.family
    if family == "DeviceCMYK" and len(comps) >= 4:
        return 100.0 * sum(_clamp(c) for c in comps[:4])
    if family == "DeviceGray" and comps:
        return 100.0 * (1.0 - _clamp(comps[0]))
    if family in ("Separation", "DeviceN") and comps:
        total = 0.0
        for name, tint in zip(space.colorants, comps):
            if name == "All":
                total += 400.0 * _clamp(tint)
            elif name in PROCESS_PLATES:
                total += 100.0 * _clamp(tint)
        return total
    if family == "Indexed" and space.base is not None and comps:
        entry = palette_entry(space, int(comps[0]))
        return ink(space.base, entry) if entry else None
    return None


def palette_entry(space: ColourSpace, index: int) -> tuple[float, ...] | None:
    """The base-space colour of one Indexed entry (components 0..1)."""
    base = space.base
    if base is None or base.n == 0:
        return None
    start = max(0, min(index, space.hival)) * base.n
    raw = space.palette[start:start + base.n]
    return tuple(b / 255.0 for b in raw) if len(raw) == base.n else None


def is_registration(space: ColourSpace, comps: tuple[float, ...]) -> bool:
    """C=M=Y=K=100 in DeviceCMYK, or a full tint of the Separation /All."""
    if space.family == "DeviceCMYK":
        return len(comps) >= 4 and all(c >= 0.999 for c in comps[:4])
    if space.family == "Separation":
        return space.colorants == ("All",) and bool(comps) and comps[0] >= 0.999
    return False


def cmyk_of(space: ColourSpace, comps: tuple[float, ...]) -> tuple[float, float, float, float] | None:
    """The colour as C, M, Y, K fractions when it is process colour (DeviceCMYK, or
    DeviceGray read as K only); None otherwise."""
    if space.family == "DeviceCMYK" and len(comps) >= 4:
        c, m, y, k = (_clamp(v) for v in comps[:4])
        return c, m, y, k
    if space.family == "DeviceGray" and comps:
        return 0.0, 0.0, 0.0, 1.0 - _clamp(comps[0])
    return None


def function_samples(fn: Any, depth: int = 0) -> list[tuple[float, ...]] | None:
    """Output colours of a shading function at its domain ends and stitching bounds.

    Exponential (type 2) functions are monotonic per component, so for them (and
    stitching functions made of them) these samples bound the ink; sampled and
    PostScript functions return None (not measured).
    """
    if depth > 8 or fn is None:
        return None
    if isinstance(fn, pikepdf.Array):  # one 1-output function per colour component
        parts = [function_samples(f, depth + 1) for f in fn]
        if any(p is None or len(p) != 2 for p in parts):
            return None
        return [tuple(p[i][0] for p in parts) for i in (0, 1)]  # type: ignore[index]
    kind = int(fn.get("/FunctionType", -1))
    if kind == 2:
        c0 = tuple(float(v) for v in fn.get("/C0", [0]))
        c1 = tuple(float(v) for v in fn.get("/C1", [1]))
        return [c0, c1]
    if kind == 3:
        out: list[tuple[float, ...]] = []
        for sub in fn.get("/Functions", []):
            samples = function_samples(sub, depth + 1)
            if samples is None:
                return None
            out.extend(samples)
        return out
    return None


#: Per process plate (C, M, Y, K) the tint a paint leaves on it, or None where the paint
#: leaves the plate beneath as it is (overprint).
PlatePaint = tuple[float | None, float | None, float | None, float | None]


def paint_plates(space: ColourSpace, comps: tuple[float, ...], overprint: bool, opm: int,
                 direct: bool = True) -> PlatePaint | None:
    """What painting ``comps`` in ``space`` does to each process plate (PDF 2.0, 8.6.7):
    knocking out, every plate takes the colour (0 where the colour has none of that ink);
    overprinting in DeviceCMYK with overprint mode 1, a component that is 0 leaves its plate
    as it is (``direct``: the colour is the current colour, not an image's or a shading's,
    which always paint all four); overprinting in Separation/DeviceN, only the colorants
    that are process plates are painted. None: not measurable (RGB, patterns, unknown,
    registration, which is judged on its own)."""
    family = space.family
    if family == "DeviceCMYK" and len(comps) >= 4:
        values = tuple(_clamp(c) for c in comps[:4])
        if overprint and opm == 1 and direct:
            return tuple(v if v > 0 else None for v in values)  # type: ignore[return-value]
        return values  # type: ignore[return-value]
    if family == "DeviceGray" and comps:
        return 0.0, 0.0, 0.0, 1.0 - _clamp(comps[0])
    if family in ("Separation", "DeviceN") and comps:
        if "All" in space.colorants:
            return None
        out: list[float | None] = [None if overprint else 0.0] * 4
        for name, tint in zip(space.colorants, comps):
            plate = PROCESS_PLATES.get(name)
            if plate is not None:
                out[plate] = _clamp(tint)
        return tuple(out)  # type: ignore[return-value]
    if family == "Indexed" and space.base is not None and comps:
        entry = palette_entry(space, int(comps[0]))
        return paint_plates(space.base, entry, overprint, opm, False) if entry else None
    return None


def spot_colorants(space: ColourSpace | None) -> tuple[str, ...]:
    """The spot (and finishing) plates a colour in ``space`` is painted on: its
    Separation/DeviceN colorants that are not process inks, All or None (through an
    Indexed base or an uncoloured pattern's underlying space)."""
    while space is not None and space.family in ("Indexed", "Pattern"):
        space = space.base
    if space is None or space.family not in ("Separation", "DeviceN"):
        return ()
    return tuple(n for n in space.colorants if n not in PROCESS_PLATES and n not in NOT_PLATES)
