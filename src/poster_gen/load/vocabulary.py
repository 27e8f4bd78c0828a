"""The vocabulary a project is checked against, without any drawing code: the motif
names, their kinds and parameters (``MOTIF_SPECS``), the palette tokens they colour
with, and the kinds of layout region. The loader validates against it; the composer
pairs each motif spec with its drawing (``compose.motifs``) and each region kind with
its composer (``compose.blocks.REGISTRY``); tests check that both cover it exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Literal, Mapping

from ..suggest import suggest

PALETTE_TOKENS = ("primary", "secondary", "deep", "accent", "blossom", "ground", "tint", "paper", "ink")

#: The kinds of layout region (``regions[].kind``), one composer each.
REGION_KINDS = (
    "band",
    "motif",
    "series-header",
    "title",
    "text",
    "figures",
    "plan",
    "chain",
    "voice",
    "list",
    "qr",
    "contact",
    "folio",
    "contents",
    "landmark-index",
    "rule",
    "policy",
    "series-wall",
)


@dataclass(frozen=True)
class ParamSpec:
    type: type  # float, int, bool or str
    default: Any
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None
    doc: str = ""


@dataclass(frozen=True)
class MotifSpec:
    """A motif as a project names it: its kind, a one-line summary and its parameters."""

    name: str
    kind: Literal["nanjing", "technology", "hero"]
    summary: str
    params: Mapping[str, ParamSpec]
    name_zh: str = ""  # what the studio calls it in Chinese (MOTIF_ZH)
    summary_zh: str = ""


def common_params(colour: str, **extra: ParamSpec) -> dict[str, ParamSpec]:
    """The parameters every motif accepts, followed by the motif's own."""
    out = {
        "colour": ParamSpec(str, colour, choices=PALETTE_TOKENS, doc="palette token of the main lines"),
        "strength": ParamSpec(float, 1.0, 0.0, 1.0, doc="tint factor (ink scaling, never transparency)"),
        "density": ParamSpec(float, 1.0, 0.25, 2.0, doc="how many elements per area"),
        "weight": ParamSpec(float, 1.0, 0.25, 4.0, doc="stroke width multiplier"),
    }
    out.update(extra)
    return out


def token(default: str, doc: str) -> ParamSpec:
    return ParamSpec(str, default, choices=PALETTE_TOKENS, doc=doc)


def _fmt(v: Any) -> str:
    return f"{v:g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else repr(v)


def validate(specs: Mapping[str, ParamSpec], params: Mapping[str, Any]) -> list[str]:
    problems = []
    for key, value in params.items():
        spec = specs.get(key)
        if spec is None:
            problems.append(f"unknown parameter {key!r}{suggest(str(key), specs)}")
            continue
        if spec.type is bool:
            if not isinstance(value, bool):
                problems.append(f"{key}: expected true or false, got {_fmt(value)}")
            continue
        if spec.type in (int, float):
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or (spec.type is int and not float(value).is_integer())
            ):
                kind = "an integer" if spec.type is int else "a number"
                problems.append(f"{key}: expected {kind}, got {_fmt(value)}")
                continue
            if not math.isfinite(value):
                problems.append(f"{key}: {_fmt(value)} is not a finite number")
            elif spec.min is not None and value < spec.min:
                problems.append(f"{key}: {_fmt(value)} is below the minimum {_fmt(spec.min)}")
            elif spec.max is not None and value > spec.max:
                problems.append(f"{key}: {_fmt(value)} is above the maximum {_fmt(spec.max)}")
            continue
        if not isinstance(value, str):
            problems.append(f"{key}: expected a name, got {_fmt(value)}")
        elif spec.choices and value not in spec.choices:
            problems.append(f"{key}: {value!r} is not one of {', '.join(spec.choices)}{suggest(value, spec.choices)}")
    return problems


def resolve(specs: Mapping[str, ParamSpec], params: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: s.default for k, s in specs.items()}
    for k, v in params.items():
        out[k] = float(v) if specs[k].type is float else (int(v) if specs[k].type is int else v)
    return out


def check_params(name: str, params: Mapping[str, Any]) -> list[str]:
    """Problems with a motif name and its parameters, as short strings (empty if fine)."""
    spec = MOTIF_SPECS.get(name)
    if spec is None:
        return [f"unknown motif {name!r}{suggest(str(name), MOTIF_SPECS)}"]
    return validate(spec.params, params or {})


MOTIF_SPECS: dict[str, MotifSpec] = {
    s.name: s
    for s in (
        # nanjing.py
        MotifSpec(
            "plum-blossom",
            "nanjing",
            "Plum blossoms (the city flower): five-petal blossoms, side views and buds on angular ink-brush branches.",
            common_params(
                "blossom",
                branch_colour=token("deep", "palette token of the branches"),
                accent=token("accent", "palette token of the anther dots"),
                petal_fill=ParamSpec(
                    float, 0.15, 0.0, 1.0, doc="tint of the petal fill (hides the wood behind); 0 = outline only"
                ),
                scale=ParamSpec(float, 1.0, 0.4, 2.5, doc="blossom size relative to the box"),
            ),
        ),
        # nanjing.py
        MotifSpec(
            "yunjin-clouds",
            "nanjing",
            "Yunjin brocade auspicious clouds: ruyi cloud heads with inward-curling scrolls, as a "
            "linked repeating pattern or a few large clouds with streaming tails.",
            common_params(
                "secondary",
                layout=ParamSpec(
                    str,
                    "pattern",
                    choices=("pattern", "clouds"),
                    doc="a repeating brocade pattern or a few large clouds",
                ),
                count=ParamSpec(int, 3, 1, 8, doc="number of clouds for layout=clouds (times density)"),
            ),
        ),
        # nanjing_city.py
        MotifSpec(
            "city-wall",
            "nanjing",
            "The Ming city wall: a band of merlons with loopholes, cornice, brick and stone courses, "
            "bastions and optionally a Zhonghua Gate style arch.",
            common_params(
                "deep",
                gate=ParamSpec(bool, False, doc="draw a round-headed gate arch"),
                gate_at=ParamSpec(float, 0.5, 0.1, 0.9, doc="gate centre as a fraction of the box width"),
                fill=ParamSpec(float, 0.0, 0.0, 1.0, doc="tint of a solid wall body behind the lines; 0 = none"),
                detail=ParamSpec(bool, True, doc="loopholes, courses and bastions; false draws the silhouette only"),
            ),
        ),
        # nanjing_city.py
        MotifSpec(
            "yangtze-bridge",
            "nanjing",
            "The Nanjing Yangtze River Bridge: continuous steel truss spans on river piers, magnolia "
            "lamps on the deck, arched approaches and the bridgehead towers with their three banners.",
            common_params(
                "deep",
                accent=token("accent", "palette token of the banners on the bridgehead towers"),
                scale=ParamSpec(float, 1.0, 0.5, 1.5, doc="bridge size relative to the box"),
            ),
        ),
        # nanjing_land.py
        MotifSpec(
            "yangtze-waves",
            "nanjing",
            "Layered Yangtze wave lines; with signal > 0 they turn, towards one side, into sampled "
            "step signals and finally square data pulses.",
            common_params(
                "primary",
                signal=ParamSpec(
                    float, 0.0, 0.0, 1.0, doc="share of the width over which waves become digital signal lines"
                ),
                signal_side=ParamSpec(str, "right", choices=("right", "left"), doc="where the signal ends"),
                amplitude=ParamSpec(float, 1.0, 0.3, 1.6, doc="wave height relative to the line spacing"),
            ),
        ),
        # nanjing_land.py
        MotifSpec(
            "purple-mountain",
            "nanjing",
            "The Purple Mountain (Zijin Shan) skyline as layered ridge contours, the highest ridge "
            "boldest and most saturated; the observatory domes on its western summit.",
            common_params(
                "primary",
                layers=ParamSpec(int, 10, 2, 30, doc="number of ridge contours (times density)"),
                observatory=ParamSpec(bool, True, doc="draw the observatory domes"),
            ),
        ),
        # tech.py
        MotifSpec(
            "circuit-traces",
            "technology",
            "PCB traces in parallel buses at 0/45/90 degrees with staggered pads, vias and chip "
            "packages; follow='battlements' makes a bus trace the Ming wall's crenellations.",
            common_params(
                "primary",
                accent=token("accent", "palette token of pads and vias"),
                follow=ParamSpec(
                    str,
                    "none",
                    choices=("none", "battlements"),
                    doc="make the top bus follow the city-wall battlement outline",
                ),
            ),
        ),
        # tech.py
        MotifSpec(
            "neural-network",
            "technology",
            "A layered neural network: node columns joined by flowing edges, one activation path "
            "highlighted; blossom_nodes draws every node as a small plum blossom.",
            common_params(
                "primary",
                accent=token("accent", "palette token of the highlighted activation path"),
                blossom_nodes=ParamSpec(bool, False, doc="draw nodes as plum blossoms (fusion motif)"),
                blossom_colour=token("blossom", "palette token of blossom nodes"),
                connectivity=ParamSpec(float, 0.55, 0.1, 1.0, doc="share of possible edges drawn"),
                curved=ParamSpec(bool, True, doc="S-curved edges instead of straight lines"),
            ),
        ),
        # tech_cells.py
        MotifSpec(
            "battery-charging",
            "technology",
            "Battery cells with level bars and terminals in linked modules, lightning bolts, charging "
            "arcs and a current rail with direction chevrons.",
            common_params(
                "primary",
                accent=token("accent", "palette token of the bolts and charging arcs"),
            ),
        ),
        # tech_cells.py
        MotifSpec(
            "dna-helix",
            "technology",
            "A DNA double helix (front strand bold, back strand set back and broken where it passes "
            "behind) with split base-pair rungs, and small hexagonal molecules beside it.",
            common_params(
                "primary",
                accent=token("blossom", "palette token of one base of each pair and of the atoms"),
                angle=ParamSpec(float, 0.0, -75.0, 75.0, doc="tilt of the helix axis from the long side, degrees"),
                molecules=ParamSpec(int, 3, 0, 12, doc="number of molecules (times density), where there is room"),
                scale=ParamSpec(float, 1.0, 0.5, 1.6, doc="helix and molecule size"),
            ),
        ),
        # tech_code.py
        MotifSpec(
            "code-grid",
            "technology",
            "A code grid: panes of abstract code bars with indentation and syntax colour, drawn "
            "{ } brackets, line-number ticks, a large </> and a fine dot grid.",
            common_params(
                "primary",
                accent=token("accent", "palette token of keywords and the large brackets"),
            ),
        ),
        # hero_ic.py
        MotifSpec(
            "hero-wall-chip",
            "hero",
            "integrated circuits: a chip die whose floor plan is the Ming city wall, traces along the wall, the gates as bond pads",
            common_params("primary", accent=token("accent", "palette token of the accents")),
        ),
        # hero_ai.py
        MotifSpec(
            "hero-mountain-network",
            "hero",
            "artificial intelligence: the Purple Mountain made of a neural network whose nodes are "
            "plum blossoms, its layers the mountain's contour lines",
            common_params("primary", accent=token("accent", "palette token of the accents")),
        ),
        # hero_nev.py
        MotifSpec(
            "hero-bridge-current",
            "hero",
            "new energy vehicles: the Yangtze River Bridge drawn whole, its deck a current of energy lines flowing into a charging arc",
            common_params("primary", accent=token("accent", "palette token of the accents")),
        ),
        # hero_software.py
        MotifSpec(
            "hero-yunjin-code",
            "hero",
            "software and information services: Yunjin brocade woven from code, the cloud pattern as a code grid",
            common_params("primary", accent=token("accent", "palette token of the accents")),
        ),
        # hero_medicine.py
        MotifSpec(
            "hero-helix-plum",
            "hero",
            "new medicine and life health: a DNA helix that grows into a plum branch, the Yangtze's waves as its backbone",
            common_params("primary", accent=token("accent", "palette token of the accents")),
        ),
    )
}


#: Each motif's name and summary in Chinese, for the studio's Chinese mode.
MOTIF_ZH: dict[str, tuple[str, str]] = {
    "plum-blossom": ("梅花", "南京市花梅花：五瓣花、侧面花与花苞，缀于水墨笔意的折枝上。"),
    "yunjin-clouds": ("云锦祥云", "云锦吉祥云纹：内卷的如意云头，可连成四方连续图案，或为几朵拖尾的大云。"),
    "city-wall": ("明城墙", "明城墙：带箭孔的垛口、檐线、砖石层、马面，可选中华门式拱门。"),
    "yangtze-bridge": ("南京长江大桥", "南京长江大桥：江中桥墩上连续的钢桁梁，桥面玉兰花灯，双曲拱引桥与三面红旗桥头堡。"),
    "yangtze-waves": ("长江波浪", "层叠的长江波浪线；signal 大于 0 时向一侧渐变为采样阶梯信号，终成方波数据脉冲。"),
    "purple-mountain": ("紫金山", "紫金山天际线：层层山脊轮廓，最高一道最粗最艳；西峰上有天文台圆顶。"),
    "circuit-traces": ("电路走线", "0/45/90 度平行总线式的电路板走线，错落的焊盘、过孔与芯片封装；"
                       "follow='battlements' 让走线沿明城墙垛口而行。"),
    "neural-network": ("神经网络", "分层神经网络：节点列以流线相连，一条激活路径高亮；blossom_nodes 把每个节点画成小梅花。"),
    "battery-charging": ("电池充电", "带电量格与电极的电池单体组成模组，配闪电、充电弧线与带方向箭头的电流导轨。"),
    "dna-helix": ("DNA 双螺旋", "DNA 双螺旋（前链粗，后链退后并在交叉处断开），分段的碱基对横档，旁有小六边形分子。"),
    "code-grid": ("代码网格", "代码网格：抽象代码条组成的窗格，带缩进与语法配色、{ } 括号、行号刻度、大号 </> 与细点阵。"),
    "hero-wall-chip": ("城墙芯片", "集成电路：以明城墙轮廓为版图的芯片晶粒，走线沿城墙而行，城门即焊盘"),
    "hero-mountain-network": ("紫金山神经网络", "人工智能：由神经网络构成的紫金山，节点是梅花，网络层即山的等高线"),
    "hero-bridge-current": ("长江大桥电流", "新能源汽车：完整的长江大桥，桥面化作能量线流入充电弧"),
    "hero-yunjin-code": ("代码织云锦", "软件和信息服务：以代码织成的云锦，云纹即代码网格"),
    "hero-helix-plum": ("螺旋生梅", "新医药与生命健康：DNA 双螺旋长成梅枝，以长江波浪为脊"),
}
MOTIF_SPECS = {name: replace(spec, name_zh=MOTIF_ZH[name][0], summary_zh=MOTIF_ZH[name][1])
               for name, spec in MOTIF_SPECS.items()}
