"""Typed models of the design files: layouts (and, from ``theme_models``, colour themes).

A layout declares the page, margins, grid, type scale, fonts and the regions of each
page template; it refers to theme tokens (``primary``, ``accent`` ...) and to data
fields (``landmark.ambition``), never to literal landmark content.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import field as _field  # Region has an attribute named "field"
from typing import Literal

from ..print_rules import BLEED_MM

from .models import Text
from .model_reader import meta
from .theme_models import TOKENS, Colour, Theme, spot_name  # noqa: F401 (the themes' models, imported from here too)
from .theme_models import cmyk_check
from ..suggest import suggest
from ..pdfx_standards import DEFAULT, STANDARDS
from .vocabulary import REGION_KINDS


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    __describe__ = "a page: size name, width, height, bleed (mm)"
    size: str = field(metadata=meta(max_len=12, doc="a name for the size, e.g. A2"))
    width: float = field(metadata=meta(min=50, max=2000))
    height: float = field(metadata=meta(min=50, max=2000))
    bleed: float = field(default=BLEED_MM, metadata=meta(min=0, max=20))


@dataclass(frozen=True, kw_only=True)
class OutputIntentSpec:
    """The printing condition the CMYK values are meant for (PDF/X OutputIntent)."""

    __describe__ = "an output intent"
    identifier: str = field(default="FOGRA39", metadata=meta(max_len=60, doc="registered condition name"))
    condition: str = field(default="Coated FOGRA39 (ISO 12647-2:2004)", metadata=meta(max_len=120))
    registry: str = field(default="http://www.color.org", metadata=meta(max_len=120))
    profile: str | None = field(default=None, metadata=meta(
        doc="a CMYK ICC profile in the project (e.g. assets/icc/coated-fogra39.icc) to embed", verbatim=True))


FINISH_KINDS = ("foil", "varnish", "die-line")
TRIM = "trim"  # a finishing plate's element: the trim's outline (a die line)


@dataclass(frozen=True, kw_only=True)
class FinishSpec:
    """A finishing plate: a spot plate the press (or the finisher) uses for foil, spot
    varnish or a die line. It always overprints, so the colours beneath print whole."""

    __describe__ = "a finishing plate"
    kind: Literal[FINISH_KINDS]  # type: ignore[valid-type]
    name: str = field(metadata=meta(max_len=60, check=spot_name, verbatim=True,
                                    doc="the plate's name, as the print shop knows it (e.g. Foil gold)",
                                    doc_zh="印版名称，按印厂的叫法（如 Foil gold）"))
    cmyk: list[float] = field(metadata=meta(check=cmyk_check, doc="how proofs show the plate, percent ink",
                                            doc_zh="样张上此印版的显示颜色，油墨百分比"))
    elements: list[str] = field(metadata=meta(
        min_items=1, doc=f"the regions it covers (what each draws): an id (on every page that has it), "
                         f"template.id (on that template's pages, e.g. cover.title), or {TRIM!r}: the trim's outline",
        doc_zh=f"所覆盖的区域（该区域所绘内容）：区域 id（所有含此区域的页面）、模板.id（仅该模板的页面，"
               f"如 cover.title），或 {TRIM!r}：裁切线轮廓"))
    weight: float = field(default=0.5, metadata=meta(min=0.1, max=4, doc="pt: the line of a trim outline"))


@dataclass(frozen=True, kw_only=True)
class PrintSpec:
    """Printer's marks and the PDF/X output intent."""

    __describe__ = "print settings"
    marks: bool = field(default=True, metadata=meta(doc="crop marks in a slug outside the bleed"))
    registration: bool = field(default=False, metadata=meta(doc="registration marks in the slug"))
    colour_bar: bool = field(default=False, metadata=meta(doc="a CMYK colour bar in the slug"))
    slug: float = field(default=12.0, metadata=meta(min=5, max=40, doc="room outside the bleed for marks, mm"))
    mark_offset: float = field(default=5.0, metadata=meta(
        min=3, max=30, doc="mm from the trim to where a crop mark starts (must clear the bleed)"))
    mark_length: float = field(default=6.0, metadata=meta(min=2, max=30))
    mark_weight: float = field(default=0.25, metadata=meta(min=0.1, max=2, doc="pt"))
    min_type: float = field(default=6.0, metadata=meta(min=4, max=20, doc="no text smaller than this, pt, at any size"))
    min_qr: float = field(default=20.0, metadata=meta(min=10, max=100, doc="no QR code smaller than this, mm"))
    output_intent: OutputIntentSpec = field(default_factory=OutputIntentSpec)
    finishing: Text | None = field(default=None, metadata=meta(
        doc="how the print shop finishes it, for the job ticket of a release, e.g. saddle stitch",
        doc_zh="印后加工方式，写入发布的印刷工单，如“骑马钉装订”"))
    standard: Literal[tuple(STANDARDS)] = field(default=DEFAULT, metadata=meta(  # type: ignore[valid-type]
        doc="the PDF/X standard print files follow: x1a (PDF/X-1a:2003, everything flattened) or x4 "
            "(PDF/X-4: live transparency, needs output_intent.profile); build --standard overrides it",
        doc_zh="印刷文件遵循的 PDF/X 标准：x1a（PDF/X-1a:2003，全部拼合）或 x4（PDF/X-4：保留透明，"
               "需要 output_intent.profile）；build --standard 可临时改用另一标准"))
    finishes: list[FinishSpec] = field(default_factory=list, metadata=meta(
        doc="finishing plates (foil, varnish, die line) for named regions",
        doc_zh="印后加工印版（烫金、局部光油、模切线），用于指定区域"))


@dataclass(frozen=True, kw_only=True)
class LintSpec:
    """The design rules every build checks on every composed page."""

    __describe__ = "lint settings"
    min_body: float = field(default=9.0, metadata=meta(min=4, max=60, doc="pt at the layout's own size"))
    min_caption: float = field(default=6.0, metadata=meta(min=4, max=60, doc="pt at the layout's own size"))
    contrast: float = field(default=4.5, metadata=meta(min=1, max=21, doc="WCAG ratio for body text"))
    contrast_large: float = field(default=3.0, metadata=meta(min=1, max=21, doc="WCAG ratio for large text"))
    large: float = field(default=24.0, metadata=meta(min=8, max=200, doc="pt from which text counts as large"))
    grid_tolerance: float = field(default=0.5, metadata=meta(min=0, max=5, doc="mm"))
    measure_zh: int = field(default=0, metadata=meta(
        min=0, max=200, doc="longest Chinese line, in characters (0: no limit)"))
    measure_en: int = field(default=0, metadata=meta(
        min=0, max=400, doc="longest English line, in characters (0: no limit)"))
    max_sizes: int = field(default=0, metadata=meta(min=0, max=40, doc="most distinct type sizes on a page (0: any)"))
    ink_gap: float = field(default=0.25, metadata=meta(
        min=0, max=3, doc="ems of the smaller text that must separate the ink of two texts, or of a text and a "
                          "motif or rule"))
    pair_ratio: float = field(default=0.7, metadata=meta(
        min=0.1, max=1, doc="the gap inside a Chinese/English pair may be at most this share of the gap "
                            "between pairs"))
    column_balance: float = field(default=0.25, metadata=meta(
        min=0, max=1, doc="the columns of a row end within this share of the row's height of each other"))
    column_balance_single: float = field(default=1.0, metadata=meta(
        min=0, max=1, doc="the same for a one-language edition (its columns hold one language of texts the "
                          "layout balanced in two)"))
    hue_separation: float = field(default=0, metadata=meta(
        min=0, max=100, doc="poster layouts: the least CIEDE2000 difference between the series' themes (0: none)"))
    hue_tokens: list[str] = field(default_factory=lambda: ["primary"], metadata=meta(
        doc="the theme tokens the series' hues are compared by"))
    max_blank: float = field(default=1.0, metadata=meta(
        min=0, max=1, doc="largest share of a page inside its margins left blank (1: no limit)"))
    max_blank_single: float = field(default=1.0, metadata=meta(
        min=0, max=1, doc="the same for a one-language edition, whose texts take about half the room the "
                          "bilingual layout gives them"))


@dataclass(frozen=True, kw_only=True)
class Pixels:
    __describe__ = "a size in pixels"
    width: int = field(metadata=meta(min=16, max=10000))
    height: int = field(metadata=meta(min=16, max=10000))


@dataclass(frozen=True, kw_only=True)
class Margins:
    __describe__ = "margins in mm (top, right, bottom, left)"
    top: float = field(metadata=meta(min=0, max=300))
    right: float = field(metadata=meta(min=0, max=300))
    bottom: float = field(metadata=meta(min=0, max=300))
    left: float = field(metadata=meta(min=0, max=300))


@dataclass(frozen=True, kw_only=True)
class Grid:
    __describe__ = "a grid: columns, gutter and baseline (mm)"
    columns: int = field(metadata=meta(min=1, max=24))
    gutter: float = field(metadata=meta(min=0, max=50))
    baseline: float = field(metadata=meta(min=0.5, max=20))


#: the scripts a layout's fonts may name a face for (``load.editions``; zh-HK: Traditional
#: Chinese to Hong Kong's standard)
FACE_SCRIPTS = ("zh-Hant", "zh-HK", "ja", "ko")


@dataclass(frozen=True, kw_only=True)
class FaceSpec:
    """The face of the font file an edition in another script is set in."""

    __describe__ = "a face: {face, family}"
    face: int = field(metadata=meta(min=0, max=64, doc="the face's index in the font file"))
    family: str = field(metadata=meta(max_len=40, doc="the name the prepared font carries"))


@dataclass(frozen=True, kw_only=True)
class FontSpec:
    __describe__ = "fonts: file, face and the weight of each role"
    file: str = field(metadata=meta(doc="a font file in the project, or package:<module>/<file>", verbatim=True))
    face: int = field(default=0, metadata=meta(min=0, max=64))
    family: str = field(default="PosterGenSans", metadata=meta(max_len=40))
    weights: dict[str, int] = field(metadata=meta(doc="role -> weight, e.g. regular: 400"))
    licence: str = field(default="", metadata=meta(allow_empty=True, verbatim=True))
    faces: dict[str, FaceSpec] = field(default_factory=dict, metadata=meta(
        doc="the face of each other script's editions: zh-Hant, ja, ko (the same family, each in its "
            "region's glyph forms)", doc_zh="其他文字版本所用的字面：zh-Hant、ja、ko（同一字体家族，各用当地字形）"))

    def __validate__(self):
        for script in self.faces:
            if script not in FACE_SCRIPTS:
                yield (("faces", script),
                       f"{script!r} is not a script an edition is set in{suggest(script, FACE_SCRIPTS)} "
                       f"(expected one of: {', '.join(FACE_SCRIPTS)})")
        for role in ("regular", "bold", "black"):
            if role not in self.weights:
                yield ("weights",), f"the role {role!r} is missing (expected regular, bold and black)"
        for role, w in self.weights.items():
            if w is not None and not 1 <= w <= 1000:
                yield ("weights", role), f"{w} is not a font weight (1-1000)"


@dataclass(frozen=True, kw_only=True)
class Style:
    """One text role: its size on the type scale, weight, leading and how it breaks."""

    __describe__ = "a text style"
    font: Literal["regular", "bold", "black"] = "regular"
    size: float = field(metadata=meta(min=4, max=600, doc="pt: a step of the layout's type_scale"))
    min: float | None = field(default=None, metadata=meta(
        min=4, max=600, doc="no longer used: sizes are fixed by the type scale (see shrink)"))
    shrink: int = field(default=0, metadata=meta(
        min=0, max=1, doc="body styles only: 1 lets the series copyfit set it one step down the type scale "
                          "(every page of the series together)"))
    leading: float = field(default=1.4, metadata=meta(min=0.8, max=3))
    tracking: float = field(default=0, metadata=meta(min=-100, max=400, doc="1/1000 em"))
    colour: str = "ink"
    case: Literal["as-is", "upper"] = "as-is"
    max_lines: int = field(default=0, metadata=meta(min=0, max=40, doc="0: as many as fit"))
    level: Literal["display", "body", "caption"] = field(default="body", metadata=meta(
        doc="what the lint holds it to: body and caption have minimum sizes, display has none"))
    breaks: Literal["words", "anywhere"] = field(default="words", metadata=meta(
        doc="where Chinese lines may break: between words (display type, labels, list items) or between "
            "any two characters clreq allows (running text)"))
    justify: bool = field(default=False, metadata=meta(
        doc="justify Chinese lines (inter-character), the last line flush left"))

    def __validate__(self):
        if self.min is not None:
            yield ("min",), ("is no longer used: every style keeps its size on the type scale; "
                             "remove it (a body style may set shrink: 1)")
        if self.shrink and self.level == "display":
            yield ("shrink",), "display type never shrinks; only body and caption styles may"
        if self.colour not in TOKENS:
            yield ("colour",), f"unknown colour token {self.colour!r} (expected one of: {', '.join(TOKENS)})"


Side = Literal["top", "right", "bottom", "left"]


@dataclass(frozen=True, kw_only=True)
class BoxSpec:
    """Where a region sits: columns of the grid (or mm from the trim's left), and mm from the trim's top."""

    __describe__ = "a box: col/span or left/width, and top/height (mm)"
    col: int | None = field(default=None, metadata=meta(min=1, max=24))
    span: int | None = field(default=None, metadata=meta(min=1, max=24))
    left: float | None = field(default=None, metadata=meta(min=-50, max=2000))
    width: float | None = field(default=None, metadata=meta(min=0, max=2000))
    top: float = field(metadata=meta(min=-50, max=2000, doc="mm from the trim's top (the highest it may start)"))
    height: float = field(metadata=meta(min=0, max=2000))
    after: list[str] = field(default_factory=list, metadata=meta(
        doc="region ids: start below what they actually printed (plus space), so content flows"))
    space: float | str = field(default=0, metadata=meta(
        min=0, max=200, doc="mm (or a spacing name) below the regions in after"))
    bleed: list[Side] = field(default_factory=list, metadata=meta(doc="sides that run into the bleed"))

    def __validate__(self):
        by_grid = self.col is not None or self.span is not None
        by_mm = self.left is not None or self.width is not None
        if by_grid and by_mm:
            yield (), "give either col/span or left/width, not both"
        elif by_grid and (self.col is None or self.span is None):
            yield (), "col and span go together"
        elif by_mm and (self.left is None or self.width is None):
            yield (), "left and width go together"
        elif not by_grid and not by_mm:
            yield (), "give col/span or left/width"


@dataclass(frozen=True, kw_only=True)
class MotifLayer:
    __describe__ = "a motif layer"
    motif: str = field(metadata=meta(doc="a motif name, or a data field such as landmark.motifs.technology"))
    box: BoxSpec | None = field(default=None, metadata=meta(doc="defaults to the region's box"))
    colour: str = "primary"
    ground: str = field(default="ground", metadata=meta(doc="theme token of the colour beneath the motif"))
    strength: float = field(default=1.0, metadata=meta(
        min=0.02, max=1, doc="1 = full colour; less blends every colour towards the ground (no transparency)"))
    density: float = field(default=1.0, metadata=meta(min=0.25, max=2))
    weight: float = field(default=1.0, metadata=meta(min=0.25, max=4))
    seed: int = field(default=0, metadata=meta(min=0, max=1_000_000))
    params: dict[str, float | str | bool] = field(default_factory=dict)


KINDS = REGION_KINDS


@dataclass(frozen=True, kw_only=True)
class Region:
    __describe__ = "a region"
    id: str = field(metadata=meta(max_len=40))
    kind: Literal[KINDS]  # type: ignore[valid-type]
    box: BoxSpec
    field: str | list[str] | None = _field(default=None, metadata=meta(
        doc="the data field(s) that fill it; with a list the first present one is used"))
    label: str | None = _field(default=None, metadata=meta(doc="a caption: labels.<name> or a field"))
    styles: dict[str, str] = _field(default_factory=dict, metadata=meta(doc="role -> style name"))
    colour: str | None = _field(default=None, metadata=meta(doc="a theme token"))
    tint: float = _field(default=1.0, metadata=meta(min=0.02, max=1))
    layers: list[MotifLayer] = _field(default_factory=list)
    image: str | None = _field(default=None, metadata=meta(
        doc="a data field naming a photo (e.g. landmark.hero_image); when given it fills the box "
            "instead of the motif layers"))
    image_focus: str | None = _field(default=None, metadata=meta(
        doc="a data field naming the photo's focal point (e.g. landmark.hero_focus): the point kept in view "
            "when the photo is cropped to the box"))
    layered: bool = _field(default=False, metadata=meta(doc="may overlap other regions (drawn behind)"))
    align: Literal["left", "center", "right"] = "left"
    columns: int = _field(default=1, metadata=meta(min=1, max=6, doc="tiles per row"))
    count: int = _field(default=1, metadata=meta(min=1, max=60, doc="how many rules, spread over the box"))
    gap: float | str = _field(default=0, metadata=meta(
        min=0, max=200, doc="space between the languages of one text (the pair gap), mm or a spacing name"))
    between: float | str = _field(default=0, metadata=meta(
        min=0, max=200, doc="space between the entries of a list (wider than gap, so pairs group), mm or a "
                            "spacing name"))
    size: float | None = _field(default=None, metadata=meta(
        min=0.05, max=500, doc="mm: the QR code's side, a rule's weight, a chip's height"))
    max_items: int = _field(default=0, metadata=meta(
        min=0, max=20, doc="most list entries set one per line; a longer list is set as one run-on entry"))
    excerpt: bool = _field(default=False, metadata=meta(doc="a quote shows its excerpt (a pull quote) when it has one"))
    valign: Literal["top", "bottom"] = _field(default="top", metadata=meta(
        doc="bottom: the last line sits on the box's bottom (a name that may take two lines)"))
    row: str | None = _field(default=None, metadata=meta(
        doc="regions with the same row are columns side by side: they must end near each other"))
    short: bool = _field(default=False, metadata=meta(doc="this column of a row may end short"))
    avoid: list[str] = _field(default_factory=list, metadata=meta(
        doc="motif regions: region ids above this one whose content the drawing frames and keeps clear of"))
    avoid_margin: float = _field(default=0, metadata=meta(min=0, max=100, doc="mm of air the drawing keeps around them"))
    pinned: bool = _field(default=False, metadata=meta(
        doc="its first baseline is at the same place on every page of the series (the lint checks it)"))


@dataclass(frozen=True, kw_only=True)
class Template:
    __describe__ = "a page template"
    regions: list[Region] = field(metadata=meta(min_items=1))
    background: str = field(default="ground", metadata=meta(doc="theme token of the page ground"))
    theme: Literal["landmark", "campaign"] = "landmark"
    image_page: bool = field(default=False, metadata=meta(
        doc="a designed full-bleed image page: the lint does not hold it to lint.max_blank"))


@dataclass(frozen=True, kw_only=True)
class Step:
    """One entry of a brochure's page sequence."""

    __describe__ = "a page step"
    template: str | None = None
    each: Literal["landmark"] | None = None
    templates: list[str] = field(default_factory=list)
    bookmark: str | None = field(default=None, metadata=meta(doc="labels.<name> or a field, e.g. landmark.name"))
    contents: bool = field(default=True, metadata=meta(doc="list this step in the contents"))

    def __validate__(self):
        if (self.template is None) == (self.each is None):
            yield (), "give either template or each + templates"
        if self.each is not None and not self.templates:
            yield ("templates",), "each needs a list of templates"


@dataclass(frozen=True, kw_only=True)
class Layout:
    """``layouts/poster.yaml`` and ``layouts/brochure.yaml``."""

    __describe__ = "a layout"
    kind: Literal["poster", "brochure", "social"]
    page: PageSpec
    # the script its Chinese slot is set in: zh, or another edition's (``load.editions.view``)
    script: str = field(default="zh", metadata=meta(internal=True, printed=False))
    pixels: Pixels | None = field(default=None, metadata=meta(doc="social images: the size in pixels"))
    margins: Margins
    safe: float = field(default=5.0, metadata=meta(min=0, max=50, doc="safe zone inside the trim, mm"))
    print: PrintSpec = field(default_factory=PrintSpec)
    lint: LintSpec = field(default_factory=LintSpec)
    spacing: dict[str, float] = field(default_factory=dict, metadata=meta(
        doc="the spacing scale: names for distances (mm) that gap and space may use"))
    grid: Grid
    fonts: FontSpec
    motif_stroke: float = field(default=1.0, metadata=meta(min=0.1, max=10, doc="base stroke, pt"))
    type_scale: list[float] = field(default_factory=list, metadata=meta(
        max_items=16, doc="the sizes (pt) every style takes one of, smallest first"))
    styles: dict[str, Style]
    templates: dict[str, Template]
    sequence: list[Step] = field(metadata=meta(min_items=1))
    campaign_theme: str = field(default="campaign", metadata=meta(doc="theme for campaign pages"))
    page_multiple: int = field(default=1, metadata=meta(min=1, max=16, doc="pad the page count to a multiple"))
    filler: str | None = field(default=None, metadata=meta(doc="template used to pad the page count"))
    filler_before: int = field(default=1, metadata=meta(min=0, max=8, doc="pad this many pages before the end"))

    def __validate__(self):
        if self.print is not None and self.page is not None and \
                self.print.mark_offset < self.page.bleed + 0.5:
            yield (("print", "mark_offset"),
                   f"{self.print.mark_offset:g} mm would put crop marks in the {self.page.bleed:g} mm bleed; "
                   f"use at least {self.page.bleed + 0.5:g}")
        scale = [v for v in self.type_scale if v is not None]
        if scale and scale != sorted(set(scale)):
            yield ("type_scale",), "list each size once, smallest first"
        for name, st in (self.styles or {}).items():
            if st is None or not scale:
                continue
            if not any(abs(st.size - v) < 1e-6 for v in scale):
                yield (("styles", name, "size"),
                       f"{st.size:g} pt is not on the type scale ({', '.join(f'{v:g}' for v in scale)})")
            elif st.shrink and abs(st.size - scale[0]) < 1e-6:
                yield ("styles", name, "shrink"), "the smallest size of the type scale cannot step down"
        for i, step in enumerate(self.sequence):
            if step is None:
                continue
            for name in ([step.template] if step.template else []) + list(step.templates):
                if name not in self.templates:
                    yield ("sequence", i), f"unknown template {name!r} (defined: {', '.join(self.templates)})"
        if self.filler and self.filler not in self.templates:
            yield ("filler",), f"unknown template {self.filler!r}"
        yield from self._finishes()
        for tname, tpl in self.templates.items():
            if tpl is None:
                continue
            for j, region in enumerate(tpl.regions):
                if region is None:
                    continue
                for key, v in (("gap", region.gap), ("between", region.between),
                               ("box", region.box.space if region.box else 0)):
                    if isinstance(v, str) and v not in self.spacing:
                        yield (("templates", tname, "regions", j, key),
                               f"unknown spacing {v!r} (the spacing scale has: {', '.join(self.spacing) or 'nothing'})")
            seen: set[str] = set()
            for j, region in enumerate(tpl.regions):
                if region is None:
                    continue
                if region.id in seen:
                    yield ("templates", tname, "regions", j, "id"), f"the id {region.id!r} is used twice"
                for other in region.avoid:
                    if other not in seen:
                        yield (("templates", tname, "regions", j, "avoid"),
                               f"{other!r} is not a region above this one in the template")
                for other in region.box.after:
                    if other not in seen:
                        yield (("templates", tname, "regions", j, "box", "after"),
                               f"{other!r} is not a region above this one in the template")
                seen.add(region.id)
                for role, style in region.styles.items():
                    if style not in self.styles:
                        yield (("templates", tname, "regions", j, "styles", role),
                               f"unknown style {style!r} (defined: {', '.join(self.styles)})")
                for k, n in ((region.box.col, region.box.span),):
                    if k is not None and n is not None and k + n - 1 > self.grid.columns:
                        yield (("templates", tname, "regions", j, "box"),
                               f"columns {k}-{k + n - 1} run past the grid's {self.grid.columns}")

    def _finishes(self):
        """Each finishing plate names regions the templates have (or the trim), once."""
        if self.print is None:
            return
        ids = {r.id for t in self.templates.values() if t is not None for r in t.regions if r is not None}
        ids |= {f"{name}.{r.id}" for name, t in self.templates.items() if t is not None
                for r in t.regions if r is not None}
        ids |= {f"{name}.{TRIM}" for name in self.templates}
        names: set[str] = set()
        for i, fin in enumerate(self.print.finishes):
            if fin is None:
                continue
            if fin.name in names:
                yield ("print", "finishes", i, "name"), f"the plate {fin.name!r} is declared twice"
            names.add(fin.name)
            for j, element in enumerate(fin.elements):
                if element != TRIM and element not in ids:
                    yield (("print", "finishes", i, "elements", j),
                           f"no region {element!r} in this layout{suggest(element, sorted(ids) + [TRIM])}")
