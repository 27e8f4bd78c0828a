"""The ``separations`` check: every plate the file prints on besides the four process inks.

A Separation or DeviceN colorant that is not Cyan, Magenta, Yellow, Black, All or None is
a plate of its own: a spot ink (PANTONE 7621 C) or a finishing plate (foil, varnish, a die
line). The walk records each paint in one (paths, text, images, shadings, in pages, forms,
patterns and annotation appearances) with its tint and whether it overprinted. The check
lists them; with ``PreflightOptions.separations`` it refuses a plate that was not declared,
and a paint in one of ``PreflightOptions.finishes`` that knocks out (a foil or varnish
that knocks out leaves a white hole in the print beneath it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .colourspace import ColourSpace, palette_entry, spot_colorants
from .model import CheckResult, Findings, PreflightOptions, plural, result
from .state import Where


@dataclass
class Plate:
    """One spot or finishing plate: where first used, its largest tint, how it paints."""

    name: str
    first: Where
    tint: float = 0.0
    paints: int = 0
    overprints: int = 0


@dataclass
class Separations:
    """What the walk saw painted on spot and finishing plates."""

    plates: dict[str, Plate] = field(default_factory=dict)
    findings: Findings = field(default_factory=Findings)
    _said: set[tuple[str, str, str]] = field(default_factory=set)

    def use(self, where: Where, space: ColourSpace, comps: tuple[float, ...] | None, overprint: bool,
            kind: str, options: PreflightOptions) -> None:
        """One paint in ``space``; ``comps`` None: tints not known (an image: 100 %);
        ``kind`` "fill" or "stroke" (which overprint parameter governs it)."""
        names = spot_colorants(space)
        if not names:
            return
        tints = _tints(space, comps)
        for name in names:
            plate = self.plates.get(name)
            if plate is None:
                plate = self.plates[name] = Plate(name, where)
            plate.tint = max(plate.tint, tints.get(name, 1.0))
            plate.paints += 1
            plate.overprints += overprint
            declared = options.separations
            if declared is not None and name not in declared and name not in options.finishes:
                self._say(where, name, "undeclared", f"{where}: undeclared separation {name!r}")
            if name in options.finishes and not overprint:
                self._say(where, name, kind, f"{where}: finishing plate {name!r} knocks out ({kind} overprint off)")

    def _say(self, where: Where, name: str, why: str, message: str) -> None:
        key = (str(where), name, why)
        if key not in self._said:  # once per place and plate, however many paints
            self._said.add(key)
            self.findings.add(message)


def _tints(space: ColourSpace, comps: tuple[float, ...] | None) -> dict[str, float]:
    """Each colorant's tint (0..1) of one colour; empty when not known."""
    if comps is None:
        return {}
    while space.family in ("Indexed", "Pattern") and space.base is not None:
        if space.family == "Indexed":
            entry = palette_entry(space, int(comps[0])) if comps else None
            if entry is None:
                return {}
            comps = entry
        space = space.base
    return {name: max(0.0, min(1.0, t)) for name, t in zip(space.colorants, comps)}


def check_separations(file: str, plates: Separations, options: PreflightOptions) -> CheckResult:
    if not plates.plates:
        summary = "no spot plates (process inks only)"
    else:
        parts = []
        for plate in plates.plates.values():
            how = f"max {round(plate.tint * 100):g}%"
            if plate.overprints == plate.paints:
                how += ", overprints"
            elif plate.overprints:
                how += f", overprints in {plate.overprints} of {plate.paints} paints"
            if plate.name in options.finishes:
                how += ", finishing"
            parts.append(f"{plate.name} ({how})")
        summary = f"{plural(len(parts), 'spot plate')}: " + ", ".join(parts)
    return result(file, "separations", plates.findings, summary)
