"""Setting text: paragraphs in frames, as pure geometry.

Every text role has one size (the layout's type scale); nothing shrinks to fit here.
A frame's paragraphs are broken into lines (``linebreak``), stacked, and checked
against the frame: a text that does not fit is reported with how much to cut (in a
draft, ``overflow.drafting``, it is noted and set anyway, past the frame). The
series copyfit (a body style one step down the scale for every poster at once) is
decided by the caller and arrives here as the styles' final sizes.

Chinese is set to clreq: full-width punctuation (the ``:zh`` font variants), adjacent
marks compressed, display type broken only between words, body text justified
(inter-character, last line flush left) with no widow of one or two characters, and
lines no longer than the layout's measure (``TextStyle.chars``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from . import clreq, linebreak, overflow
from ..errors import StageError
from ..load.fields import dotted
from ..units import MM_PER_PT
from ..page_model import CMYK, TextLine
from .linebreak import Metrics, Shaped

__all__ = ["Metrics", "TextStyle", "Para", "SetPara", "FittedBlock", "FitError", "fit_block", "place_block",
           "single_line", "line_top", "line_bottom", "text_width", "first_lines", "over_lines", "has_cjk", "font_for"]

has_cjk = clreq.has_cjk


@dataclass(frozen=True)
class TextStyle:
    """A style resolved for one page: font role, size and colour are final."""

    font: str
    size: float  # pt
    leading: float  # multiple of size
    tracking: float  # 1/1000 em
    colour: CMYK
    upper: bool = False
    max_lines: int = 0
    name: str = ""
    level: str = "body"  # display, body or caption
    breaks: str = "words"  # Chinese breaks: "words" (display type) or "anywhere" (body text)
    justify: bool = False  # Chinese lines justified, the last flush left
    shrinkable: bool = False  # a body style the series copyfit may step down
    chars: tuple[int, int] = (0, 0)  # longest line in characters: (Chinese, English); 0: no limit


@dataclass(frozen=True)
class Para:
    """One paragraph of a frame: its text, style and the space (mm) before it."""

    text: str
    style: TextStyle
    space_before: float = 0.0
    balance: bool = False
    field: tuple[str | int, ...] = ()  # the data field it shows, for error messages
    indent: float = 0.0  # mm from the frame's left edge (bullets, list items)
    lang: str = ""  # zh: set as Chinese (full-width punctuation, clreq); en or "": Latin forms


@dataclass(frozen=True)
class SetPara:
    para: Para
    size: float
    shaped: Shaped
    spans: tuple[tuple[int, int], ...]
    width: float  # mm: the measure its lines were set to

    @property
    def lines(self) -> tuple[str, ...]:
        s = self.shaped
        return tuple(s.text[a:s.trim(a, b)] for a, b in self.spans)


@dataclass(frozen=True)
class FittedBlock:
    paras: tuple[SetPara, ...]
    height: float  # mm from the frame top to the last line's descent
    overflow: "FitError | None" = None  # a draft's block that does not fit: what a build would raise


class FitError(StageError):
    """Text does not fit its frame at the series' sizes. ``path`` is the data field it
    shows, e.g. ("landmark", "ambition", "zh"); ``shrinkable``: the frame holds a body
    style the series copyfit could still step down; ``cut``: about how many characters
    too long the text is (what the studio says, in plain words)."""

    def __init__(self, path: tuple[str | int, ...], frame: str, overflow: str, shrinkable: bool = False,
                 cut: int = 0):
        self.frame, self.overflow, self.shrinkable, self.cut = frame, overflow, shrinkable, cut
        super().__init__(f"{dotted(path)}: does not fit the '{frame}' frame ({overflow})", path)

    def __reduce__(self):
        return (type(self), (self.path, self.frame, self.overflow, self.shrinkable, self.cut))


def font_for(fonts: Mapping[str, Metrics], role: str, lang: str) -> str:
    """The font role that sets ``lang``: Chinese uses the full-width punctuation variant."""
    if lang == "zh" and f"{role}:zh" in fonts:
        return f"{role}:zh"
    return role


def line_top(metrics: Metrics, text: str, size_pt: float) -> float:
    """Distance (mm) from a line's visual top to its baseline."""
    units = metrics.ideo_top if clreq.full_height(text) else max(metrics.cap_height, metrics.ideo_top * 0.82)
    return units / metrics.units_per_em * size_pt * MM_PER_PT


def line_bottom(metrics: Metrics, size_pt: float, text: str = "") -> float:
    """Distance (mm) from a line's baseline to its bottom: the font's descender (the
    ideographic em box's bottom for CJK faces). A Korean line sets Latin punctuation
    (commas, brackets) among its Hangul, which reaches below that box: it takes its
    deepest glyph's ink instead, so the next line keeps its distance from the ink."""
    units = -metrics.descender
    ink = getattr(metrics, "ink", None)
    if ink is not None and any(map(clreq.is_hangul, text)):
        units = max([units, *(-box[1] for ch in set(text) if (box := ink.get(ch)))])
    return units / metrics.units_per_em * size_pt * MM_PER_PT


def _text(p: Para) -> str:
    return p.text.upper() if p.style.upper else p.text


def set_para(p: Para, fonts: Mapping[str, Metrics], width: float, words: tuple[str, ...] = ()) -> SetPara:
    """Break one paragraph into lines of at most ``width`` mm (and the style's measure)."""
    st = p.style
    role = font_for(fonts, st.font, p.lang)
    zh = p.lang == "zh"
    mode = st.breaks if zh else "words"
    shaped = linebreak.shape(fonts[role], _text(p), st.tracking, mode, zh, words)
    em = st.size * MM_PER_PT
    avail = width - p.indent
    limit = st.chars[0] if zh else st.chars[1]
    if zh and limit:
        avail = min(avail, limit * em)  # a Chinese measure: so many full-width characters
    w_em = avail / em
    max_chars = 0 if zh else limit
    spans = (linebreak.balanced if p.balance else linebreak.greedy)(shaped, w_em, max_chars)
    if not p.balance and mode == "words" and 2 <= len(spans) <= 3:
        spans = linebreak.balanced(shaped, w_em, max_chars)  # a short text: even lines, no lone word
    if zh and clreq.has_han(shaped.text):  # display type too: "软件和信息服务 / 产业" is a widow
        spans = linebreak.no_widow(shaped, spans, w_em, max_chars)
    return SetPara(p, st.size, shaped, tuple(spans), avail)


def _stack(setp: Sequence[SetPara], fonts: Mapping[str, Metrics]) -> float:
    y = 0.0
    for i, sp in enumerate(setp):
        st = sp.para.style
        m = fonts[st.font]
        lines = sp.lines
        if i:
            y += sp.para.space_before
        y += line_top(m, lines[0] if lines else "", sp.size) + sp.size * st.leading * MM_PER_PT * (len(lines) - 1)
        if i < len(setp) - 1:
            y += line_bottom(m, sp.size, lines[-1] if lines else "")
    if setp:
        last = setp[-1]
        y += line_bottom(fonts[last.para.style.font], last.size, last.lines[-1] if last.lines else "")
    return y


def fit_block(paras: Sequence[Para], fonts: Mapping[str, Metrics], width: float, height: float,
              frame: str, words: tuple[str, ...] = ()) -> FittedBlock:
    """Set ``paras`` in a frame ``width`` x ``height`` mm at their styles' sizes; a text
    that does not fit (too tall, or more lines than its style allows) is a ``FitError``,
    or, in a draft, a block of all its lines that carries the error (``overflow``)."""
    if not paras:
        return FittedBlock((), 0.0)
    setp = [set_para(p, fonts, width, words) for p in paras]
    h = _stack(setp, fonts)
    too_many = [sp for sp in setp if sp.para.style.max_lines and len(sp.spans) > sp.para.style.max_lines]
    if h <= height + 1e-6 and not too_many:
        return FittedBlock(tuple(setp), h)
    err = _overflow(setp, h, height, too_many, frame)
    if overflow.record(err):
        return FittedBlock(tuple(setp), h, err)
    raise err


def capacity(block: FittedBlock, height: float) -> dict[str, int]:
    """About how many characters each paragraph's field could hold in this frame, the
    others unchanged: the lines its style allows (and the frame's spare height gives)
    times the characters of its own text per line, less what breaking between words
    costs. What the studio's counter shows, so it counts against the frame as composed."""
    over = block.height - height  # > 0 only in a draft: the block runs past its frame
    found: dict[str, int] = {}
    for sp in block.paras:
        st, text = sp.para.style, sp.shaped.text
        if not sp.para.field or not text:
            continue
        em = sp.size * MM_PER_PT
        lead = em * st.leading
        fits = over <= 1e-6 and not (st.max_lines and len(sp.spans) > st.max_lines)
        if over <= 1e-6:  # the frame's spare height gives more lines
            lines = len(sp.spans) + int(-over / lead + 1e-6)
        else:  # the lines it would have to give up for the block to fit, the others unchanged
            lines = max(0, len(sp.spans) - int(over / lead + 0.999))
        if st.max_lines:
            lines = min(lines, st.max_lines)
        per_char = sp.shaped.prefix[-1] / len(text) * em  # mm, tracking and squeeze included
        per_line = sp.width / per_char if per_char > 0 else 0.0
        if sp.para.lang != "zh" and st.chars[1]:
            per_line = min(per_line, st.chars[1])  # a Latin measure in characters
        words = text.split()
        loss = 0.0 if sp.para.lang == "zh" else sum(map(len, words)) / max(1, len(words)) / 2  # half a word a line
        holds = int(lines * (per_line - loss) * 0.96)  # err on the short side
        found[dotted(sp.para.field)] = max(len(text), holds) if fits else holds
    return found


def _overflow(setp: list[SetPara], h: float, height: float, too_many: list[SetPara], frame: str) -> FitError:
    shrinkable = any(sp.para.style.shrinkable for sp in setp)
    if too_many:
        sp = too_many[0]
        keep = sp.para.style.max_lines
        over = sum(len(line) for line in sp.lines[keep:])
        return FitError(sp.para.field, frame, f"{len(sp.spans)} lines where {keep} fit; "
                        f"cut about {over} characters", sp.para.style.shrinkable, over)
    # blame the paragraph that takes the most height and estimate how much to cut
    sp = max(setp, key=lambda s: len(s.spans) * s.size * s.para.style.leading)
    lead = sp.size * sp.para.style.leading * MM_PER_PT
    lines_over = max(1, int((h - height) / lead + 0.999))
    per_line = max(1, max((len(line) for line in sp.lines), default=1))
    return FitError(sp.para.field, frame, f"{max(h - height, 0.1):.1f} mm too tall: about {lines_over} line(s); "
                    f"cut about {lines_over * per_line} characters", shrinkable, lines_over * per_line)


def _adjust(sp: SetPara, a: int, b: int, justify: bool,
            lead_in: bool) -> tuple[str, tuple[float, ...], float, float]:
    """The text of one line, the space (mm) after each character, its width (mm) and
    how far (mm) it starts left of the frame edge: a Chinese opening bracket at the
    start of a line gives up its blank left half (``lead_in``), so the ink aligns."""
    s, em = sp.shaped, sp.size * MM_PER_PT
    b = s.trim(a, b)
    text = s.text[a:b]
    if not text:
        return "", (), 0.0, 0.0
    lead = 0.5 if lead_in and sp.para.lang == "zh" and text[0] in clreq.OPENING else 0.0
    adj = [-q for q in s.squeeze[a:b]]
    adj[-1] = 0.0  # nothing follows the last character on this line
    natural = s.width(a, b)
    limit = sp.width / em + lead
    if natural > limit + 1e-9:  # the line fits only with its end mark squeezed
        adj[-1] = -s.end[b - 1]
        natural -= s.end[b - 1]
    if justify:
        gaps = [j for j in range(len(text) - 1) if _stretchable(text[j], text[j + 1])]
        extra = limit - natural
        if gaps and extra > 1e-9:
            for j in gaps:
                adj[j] += extra / len(gaps)
            natural = limit
    return text, tuple(v * em for v in adj), natural * em, lead * em


def _stretchable(a: str, b: str) -> bool:
    """Justification widens the gaps next to Chinese characters and the spaces, never
    the inside of a Latin word or a number."""
    return clreq.is_cjk(a) or clreq.is_cjk(b) or a in linebreak.SPACES or b in linebreak.SPACES


def place_block(block: FittedBlock, fonts: Mapping[str, Metrics], x: float, top: float, width: float,
                align: str = "left", role: str = "text", para0: int = 0) -> list[TextLine]:
    """Turn a fitted block into positioned lines, first line's top at ``top``. Lines of
    paragraph ``i`` carry ``para0 + i`` (0: no paragraph numbers)."""
    items: list[TextLine] = []
    y = top
    for i, sp in enumerate(block.paras):
        st = sp.para.style
        fr = font_for(fonts, st.font, sp.para.lang)
        m = fonts[fr]
        lead = sp.size * st.leading * MM_PER_PT
        justify = st.justify and sp.para.lang == "zh" and align == "left"
        if i:
            y += sp.para.space_before
        for j, (a, b) in enumerate(sp.spans):
            last = j == len(sp.spans) - 1
            text, adj, w, out = _adjust(sp, a, b, justify and not last, align == "left")
            y += line_top(m, text, sp.size) if j == 0 else lead
            left = x + sp.para.indent - out
            ax = left if align == "left" else (x + width / 2 if align == "center" else x + width)
            items.append(TextLine(ax, y, text, fr, sp.size, st.colour, align, w, st.tracking, role,
                                  line_top(m, text, sp.size), line_bottom(m, sp.size, text), st.level,
                                  adj if any(adj) else (), st.name, para0 + i if para0 else 0,
                                  sp.para.lang, sp.width + out if justify and not last else 0.0))
        y += line_bottom(m, sp.size, items[-1].text if sp.spans else "")
    return items


def first_lines(block: FittedBlock, lines: list[TextLine]) -> list[TextLine | None]:
    """The first placed line of each paragraph of ``block`` (for bullets and markers),
    by paragraph: None for one that placed no line, so the indices stay the paragraphs'."""
    out: list[TextLine | None] = []
    i = 0
    for sp in block.paras:
        out.append(lines[i] if sp.spans and i < len(lines) else None)
        i += len(sp.spans)
    return out


def over_lines(block: FittedBlock, lines: list[TextLine], bottom: float) -> list[bool]:
    """For each placed line of ``block``: whether it lies past what the frame holds, below
    ``bottom`` (mm) or past the lines its paragraph's style allows."""
    out, i = [], 0
    for sp in block.paras:
        keep = sp.para.style.max_lines
        for j in range(len(sp.spans)):
            t = lines[i]
            out.append(bool(keep and j >= keep) or t.y + t.descent > bottom + 0.01)
            i += 1
    return out


def single_line(text: str, st: TextStyle, fonts, x: float, y: float, align: str = "left", role: str = "text",
                size: float | None = None, colour: CMYK | None = None, lang: str = "") -> TextLine:
    """One measured line of ``text`` in ``st`` with its baseline at ``y``."""
    fr = font_for(fonts, st.font, lang)
    m = fonts[fr]
    size = st.size if size is None else size
    text = text.upper() if st.upper else text
    return TextLine(x, y, text, fr, size, colour or st.colour, align,
                    text_width(text, m, size, st.tracking), st.tracking, role,
                    line_top(m, text, size), line_bottom(m, size, text), st.level, style=st.name, lang=lang)


def text_width(text: str, metrics: Metrics, size_pt: float, tracking: float = 0.0) -> float:
    return metrics.width_pt(text, size_pt, tracking) * MM_PER_PT
