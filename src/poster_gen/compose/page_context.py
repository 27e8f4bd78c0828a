"""What a region composer needs to know about the page it is on."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..load import fields as F
from ..load.layout_models import BoxSpec, Layout, Region, Theme
from ..load.models import Text
from ..page_model import Box, CMYK
from .text import Metrics, TextStyle


def palette_of(theme: Theme) -> dict[str, CMYK]:
    return {token: CMYK(*c.cmyk, name=c.name or token, spot=c.spot or "") for token, c in theme.colours.items()}


@dataclass
class PageContext:
    """A page being composed: layout, colours, fonts, data and scale."""

    layout: Layout
    palette: dict[str, CMYK]
    fonts: Mapping[str, Metrics]
    data: dict[str, Any]  # roots for field references: landmark, campaign, labels, ...
    scale: float = 1.0  # page size / layout size; positions and type scale with it
    root: Path = Path(".")  # the project folder, for files the data names
    langs: tuple[str, ...] = ("zh", "en")  # the edition: both languages, or one
    page_number: int = 0
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. contents entries, series info
    used: dict[str, float] = field(default_factory=dict)  # region id -> lowest edge it printed, mm
    drawn: dict[str, Any] = field(default_factory=dict)  # region id -> the box its content covers (Box)
    capacity: dict[str, int] = field(default_factory=dict, repr=False)  # this page's text fields: chars that fit
    step: int = 0  # the series copyfit: how many steps down the type scale body styles are set
    _paras: int = field(default=0, repr=False)
    _values: dict[str, tuple[Any, tuple[str | int, ...] | None]] = field(default_factory=dict, repr=False)
    _shown: set[int] = field(default_factory=set, repr=False)

    # geometry ---------------------------------------------------------------
    sheet: tuple[float, float] | None = None  # the exact trim size when printing at another size

    @property
    def width(self) -> float:
        return self.sheet[0] if self.sheet else self.layout.page.width * self.scale

    @property
    def height(self) -> float:
        return self.sheet[1] if self.sheet else self.layout.page.height * self.scale

    @property
    def bleed(self) -> float:
        return self.layout.page.bleed

    def column_x(self, col: int, span: int) -> tuple[float, float]:
        """Left edge and width (mm) of ``span`` grid columns starting at ``col`` (1-based)."""
        lay, s = self.layout, self.scale
        inner = (lay.page.width - lay.margins.left - lay.margins.right) * s
        gut = lay.grid.gutter * s
        colw = (inner - gut * (lay.grid.columns - 1)) / lay.grid.columns
        x = lay.margins.left * s + (col - 1) * (colw + gut)
        return x, span * colw + (span - 1) * gut

    def box(self, spec: BoxSpec) -> Box:
        s = self.scale
        if spec.col is not None:
            x, w = self.column_x(spec.col, spec.span)
        else:
            x, w = spec.left * s, spec.width * s
        top, bottom = spec.top * s, (spec.top + spec.height) * s
        used = [self.used[r] for r in spec.after if r in self.used]
        if used:  # flow: start below what the named regions printed; the bottom stays put
            top = self.on_baseline(max(top, max(used) + self.dist(spec.space)))
        return Box(x, top, w, max(0.0, bottom - top))

    def bleed_box(self, spec: BoxSpec) -> Box:
        """The box extended into the bleed on the sides it names."""
        b = self.box(spec)
        x, y, r, bot = b.x, b.y, b.right, b.bottom
        e = self.bleed
        if "left" in spec.bleed:
            x = -e
        if "right" in spec.bleed:
            r = self.width + e
        if "top" in spec.bleed:
            y = -e
        if "bottom" in spec.bleed:
            bot = self.height + e
        return Box(x, y, r - x, bot - y)

    def bleed_sides(self, spec: BoxSpec, box: Box) -> tuple[float, float, float, float]:
        """How far (mm) a motif may run past ``box`` on top, right, bottom, left."""
        e = self.bleed
        return (box.y + e if "top" in spec.bleed else 0.0,
                self.width + e - box.right if "right" in spec.bleed else 0.0,
                self.height + e - box.bottom if "bottom" in spec.bleed else 0.0,
                box.x + e if "left" in spec.bleed else 0.0)

    # type and colour ------------------------------------------------------------
    def colour(self, token: str | None, tint: float = 1.0, default: str = "ink") -> CMYK:
        c = self.palette[token or default]
        return c if tint >= 1.0 else c.tint(tint)

    def style(self, name: str, colour: str | None = None) -> TextStyle:
        """The style at this page's size, one step down the type scale when the series
        copyfit has stepped down and the style allows it."""
        st = self.layout.styles[name]
        lay = self.layout
        size = st.size
        steps = min(self.step, st.shrink)
        if steps:
            scale = sorted(lay.type_scale)
            below = [v for v in scale if v < size - 1e-6]
            size = below[-steps] if len(below) >= steps else size
        floor = lay.print.min_type  # scaled down for a small sheet, type stays legible
        return TextStyle(st.font, max(size * self.scale, floor), st.leading, st.tracking,
                         self.colour(colour or st.colour), st.case == "upper", st.max_lines, name, st.level,
                         st.breaks, st.justify, st.shrink > self.step,
                         (lay.lint.measure_zh, lay.lint.measure_en))

    @property
    def words(self) -> tuple[str, ...]:
        """Terms a display line never breaks inside (the campaign's dictionary)."""
        campaign = self.data.get("campaign")
        return tuple(getattr(campaign, "words", ()) or ())

    def next_para(self, n: int = 1) -> int:
        """Numbers for ``n`` new paragraphs of this page (the lint groups lines by them)."""
        first = self._paras + 1
        self._paras += n
        return first

    def region_style(self, region: Region, role: str, fallback: str | None = None) -> TextStyle:
        """The style a region gives ``role``. In a one-language edition a layout may give
        the language its own version of a style, named "<style>@<lang>" (English set in
        the room of a Chinese title needs another size)."""
        name = region.styles.get(role) or fallback
        if name is None:
            raise KeyError(f"region {region.id!r} needs a style for {role!r}")
        if len(self.langs) == 1 and f"{name}@{self.langs[0]}" in self.layout.styles:
            name = f"{name}@{self.langs[0]}"
        return self.style(name)

    def mm(self, value: float) -> float:
        return value * self.scale

    def dist(self, value: float | str) -> float:
        """A distance from the layout (mm, or a name on its spacing scale), at this size."""
        return self.mm(self.layout.spacing[value] if isinstance(value, str) else value)

    def on_baseline(self, y: float) -> float:
        """``y`` moved down to the next line of the baseline grid."""
        step = self.layout.grid.baseline * self.scale
        top = self.layout.margins.top * self.scale
        n = -(-(y - top - 1e-6) // step)
        return top + n * step

    # data -----------------------------------------------------------------------
    def value(self, region: Region) -> tuple[Any, tuple[str | int, ...] | None]:
        """The first field of ``region`` that is present and not already shown by an
        earlier region of the page (so a fallback never repeats what is printed)."""
        got = self._values.get(region.id)
        if got is None:
            got = (None, None)
            paths = [region.field] if isinstance(region.field, str) else list(region.field or [])
            for p in paths:
                v = F.resolve(p, self.data)
                if v in (None, [], "") or id(v) in self._shown:
                    continue
                got = (v, F.path_of(p))
                if not isinstance(v, (str, int, float)):
                    self._shown.add(id(v))
                break
            self._values[region.id] = got
        return got

    def resolve(self, path: str) -> Any:
        return F.resolve(path, self.data)

    def joined(self, text: Text, sep: str = "  ") -> str:
        """``text`` in the edition's languages, on one line (captions, running heads)."""
        return sep.join(t for t in (text.get(lang) for lang in self.langs) if t)

    def label(self, ref: str | None) -> Text | None:
        return self.resolve(ref) if ref else None

    @staticmethod
    def label_path(region: Region) -> tuple[str | int, ...]:
        """Where a region's label comes from, for messages."""
        return F.path_of(region.label) if region.label else ("label",)
