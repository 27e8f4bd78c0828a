"""The ``transparency`` check: live transparency, refused or counted as the standard says.

PDF/X-1a allows none: each soft mask, constant alpha, blend mode and transparency group is
a finding. PDF/X-4 allows them all (the RIP flattens them for the press), so the check
counts what the file uses ("3 ExtGStates with alpha, 2 transparency groups") and refuses
only a transparency group that blends in RGB (its /CS), which PDF/X-4 keeps for colour
that is CMYK, gray or spot on press.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pikepdf

from ..pdfx_standards import Standard
from .colourspace import ColourSpaces
from .model import CheckResult, Findings, fmt, plural, result, text
from .state import Where

EPS = 1e-4
BLEND_OK = ("/Normal", "/Compatible")
#: what the PDF/X-4 summary counts, in its order: kind -> (one, many)
KINDS = {"alpha": ("ExtGState with alpha", "ExtGStates with alpha"),
         "soft mask": ("soft mask", "soft masks"),
         "blend": ("ExtGState with a blend mode", "ExtGStates with a blend mode"),
         "group": ("transparency group", "transparency groups")}


def _key(obj: Any, where: Where, name: str) -> object:
    return obj.objgen if isinstance(obj, pikepdf.Object) and obj.is_indirect else (where.page, name)


@dataclass
class Transparency:
    """What the walk found of transparency."""

    findings: Findings = field(default_factory=Findings)    # each use, as PDF/X-1a refuses it
    rgb_groups: Findings = field(default_factory=Findings)  # groups blending in RGB
    uses: dict[str, set] = field(default_factory=lambda: {kind: set() for kind in KINDS})

    def extgstate(self, where: Where, name: str, egs: Any) -> None:
        reasons = []
        for key in ("/CA", "/ca"):
            if key in egs and float(egs[key]) < 1 - EPS:
                reasons.append(f"{key[1:]} {fmt(float(egs[key]))}")
                self.uses["alpha"].add(_key(egs, where, name))
        if "/SMask" in egs and text(egs.SMask) != "/None":
            reasons.append("a soft mask (/SMask)")
            self.uses["soft mask"].add(_key(egs, where, name))
        if "/BM" in egs:
            modes = list(egs.BM) if isinstance(egs.BM, pikepdf.Array) else [egs.BM]
            odd = [text(m) for m in modes if text(m) not in BLEND_OK]
            if odd:
                reasons.append(f"blend mode {odd[0]}")
                self.uses["blend"].add(_key(egs, where, name))
        if reasons:
            self.findings.add(f"{where}: ExtGState {name} has {', '.join(reasons)}")

    def group(self, where: Where, label: str, owner: Any, spaces: ColourSpaces, resources: Any) -> None:
        """A page's or a form's /Group, when it is a transparency group."""
        group = owner.get("/Group")
        if not isinstance(group, pikepdf.Dictionary) or text(group.get("/S", "")) != "/Transparency":
            return
        self.findings.add(f"{where}: {label} is a transparency group" + (" (/Group)" if label == "the page" else ""))
        self.uses["group"].add(_key(owner, where, label))
        if "/CS" in group:
            space = spaces.resolve(group.CS, resources)
            if space.family in ("DeviceRGB", "CalRGB") or (space.family == "ICCBased" and space.n == 3):
                self.rgb_groups.add(f"{where}: {label} is a transparency group blending in {space.label} "
                                    "(its /CS must be CMYK or gray)")

    def image(self, where: Where, name: str, d: Any) -> None:
        if "/SMask" in d:
            self.findings.add(f"{where}: image {name} has a soft mask (/SMask)")
            self.uses["soft mask"].add(_key(d, where, name))
        if int(d.get("/SMaskInData", 0) or 0):
            self.findings.add(f"{where}: image {name} has /SMaskInData")
            self.uses["soft mask"].add(_key(d, where, name))


def check_transparency(file: str, seen: Transparency, standard: Standard) -> CheckResult:
    if not standard.transparency:
        return result(file, "transparency", seen.findings, "no transparency")
    counts = [plural(len(seen.uses[kind]), *KINDS[kind]) for kind in KINDS if seen.uses[kind]]
    summary = (f"live transparency (allowed in {standard.name}): {', '.join(counts)}" if counts
               else "no transparency")
    return result(file, "transparency", seen.rgb_groups, summary)
