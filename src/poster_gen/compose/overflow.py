"""Draft composition: text that does not fit is laid out anyway, past its frame, and marked.

A normal composition stops at the first text too long for its frame (``FitError``, which
the document turns into a ``ComposeError``). A *draft* — what the studio previews while
someone types — records each such ``FitError`` instead and carries on: the block keeps
all its lines, set from the frame's top as usual, so the extra lines run past the
frame's bottom edge (a key figure's numeral too wide for its slot is set at its natural
width). Each place is marked as plain page-model data (``Rect`` items of role
``"overflow"``, the lines recoloured), drawn on top of the page:

- the frame outlined just outside its edge, in dashes of the warning colour on white;
- the lines past the frame's edge (or past the lines their style allows) set in the
  warning colour on a pale tint of it, so they read over whatever lies beneath (the
  tint covers the outline: no dash strikes through a line);
- for a numeral too wide, the numeral in the warning colour, the part past its slot
  on that tint, the slot outlined.

The first overflow of a page is drawn uppermost: a region that flows below an
overflowing one keeps its place (it does not move down), and may overflow in turn.

Usage (the studio engine)::

    from poster_gen.compose.document import compose_poster, compose_brochure
    from poster_gen.compose.overflow import drafting

    with drafting() as overflows:
        doc = compose_poster(project, landmark, metrics, step=series_step(project, metrics))
    # doc: the poster, marked where text overflows; overflows: the FitErrors, in the
    # order met (``err.path`` the data field, e.g. ("landmark", "ambition", "zh"),
    # ``err.frame`` the region id, ``err.cut`` about how many characters to cut,
    # ``str(err)`` the build's message; ``overflows[0]`` is the one a build reports).
    # Empty: it all fits, and ``doc`` is the very page a normal composition makes.
    # For a located message as the build gives: build.checks.fit_problem(project,
    # ComposeError(out, landmark.slug, overflows[0], "poster")).

    with drafting() as overflows:
        doc = compose_brochure(project, metrics)  # the same, for the brochure

The draft lives in a ``contextvars.ContextVar``: it holds for the calls inside the
``with`` block, in that thread (or task) only, and ends with it. Everything else —
a layout error (``SafeZoneError``), a broken file — is raised as before. The series'
shared type step (``series_step``) and the brochure's copyfit are still decided by
normal, strict compositions inside a draft (``strict``), so a draft is set at the
sizes the build would use. A drafted page is memoised under its own key with the
overflows it found, never in place of a real page. Drafts are for screens: the marks
are not print colours anyone should send to press.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator

from ..disk_cache import memoised as _memoised, stored
from ..page_model import CMYK, Box, Item, Rect, Stroke, TextLine
from ..units import PT_PER_MM

__all__ = ["WARNING", "drafting", "strict", "active", "record", "count", "mark_lines", "mark_excess", "lift",
           "memoised"]

#: The mark of an overflow: a strong red no theme uses for text (the themes' reds are the
#: campaign's plum and the accents' corals, all far lighter or bluer), named so a marked
#: line is told from any theme colour. There is no place in the design files for a
#: colour that is not the design's own; ``drafting(colour=...)`` takes another.
WARNING = CMYK(0, 100, 100, 10, "overflow")
#: Under the outline's dashes, so they show on a dark band as on the paper.
HALO = CMYK(0, 0, 0, 0, "overflow halo")
#: The tint under the lines past the frame, as a share of the warning colour's ink.
TINT = 0.14
#: The marks' weight, as a share of the page's width: the preview is a fixed number of
#: pixels across whatever the sheet, so the marks are sized to the sheet, not in points.
OUTLINE = 1 / 400  # the outline's width (1 mm on the 420 mm poster: 2 px of an 800 px preview)
DASH = (5 * OUTLINE, 3 * OUTLINE)  # dash and gap
PAD = 1 / 400  # the tint's margin round the lines, and the outline's outside the frame
ROLE = "overflow"  # the marks' role (the lines keep their frame's)


@dataclass
class _Draft:
    colour: CMYK
    overflows: list = field(default_factory=list)  # the FitErrors, in the order they were met
    marks: list[Item] = field(default_factory=list)  # this page's tints and outlines, drawn on top


_STATE: ContextVar[_Draft | None] = ContextVar("poster_gen_draft", default=None)


@contextmanager
def drafting(colour: CMYK = WARNING) -> Iterator[list]:
    """Compose in draft inside the block: yields the list the overflows are recorded in."""
    state = _Draft(colour)
    token = _STATE.set(state)
    try:
        yield state.overflows
    finally:
        _STATE.reset(token)


@contextmanager
def strict() -> Iterator[None]:
    """A normal composition inside a draft: a probe whose answer is a ``FitError`` (the
    series' type step, the brochure's copyfit, the cover index's arrangements)."""
    token = _STATE.set(None)
    try:
        yield
    finally:
        _STATE.reset(token)


def active() -> bool:
    return _STATE.get() is not None


def record(err: Exception) -> bool:
    """In a draft, note ``err`` (a ``FitError``) and say True: the caller lays the text out
    anyway and marks it. Otherwise False: the caller raises ``err``."""
    state = _STATE.get()
    if state is None:
        return False
    state.overflows.append(err)
    return True


def count() -> int:
    """How many overflows the draft has met so far (0 outside a draft)."""
    state = _STATE.get()
    return len(state.overflows) if state is not None else 0


def _pad(box: Box, d: float) -> Box:
    return Box(box.x - d, box.y - d, box.w + 2 * d, box.h + 2 * d)


def _outline(frame: Box, page_width: float, colour: CMYK) -> list[Rect]:
    """The frame outlined just outside its edge, so the dashes strike through no text:
    dashes of the warning colour on a line of white."""
    w = OUTLINE * page_width
    box = _pad(frame, PAD * page_width + w / 2)
    return [Rect(box, stroke=Stroke(HALO, w * PT_PER_MM, cap="butt", join="miter"), role=ROLE),
            Rect(box, stroke=Stroke(colour, w * PT_PER_MM, cap="butt", join="miter",
                                    dash=tuple(d * page_width for d in DASH)), role=ROLE)]


def mark_lines(lines: list[TextLine], over: list[bool], frame: Box, page_width: float) -> list[TextLine]:
    """``lines`` with the ones ``over`` their frame in the warning colour; notes the marks
    (the frame's outline, a tint under those lines) for the top of the page."""
    state = _STATE.get()
    if state is None or not any(over):
        return lines
    out = [replace(t, colour=state.colour) if o else t for t, o in zip(lines, over)]
    past = [t.bounds() for t, o in zip(out, over) if o]
    area = past[0]
    for b in past[1:]:
        area = area.union(b)
    area = _pad(area.union(Box(frame.x, area.y, frame.w, 0)), PAD * page_width)  # at least the frame's width
    state.marks += [Rect(area, fill=state.colour.tint(TINT), role=ROLE), *_outline(frame, page_width, state.colour)]
    return out


def mark_excess(lines: list[TextLine], slot: Box, limit: float, page_width: float) -> list[TextLine]:
    """A line (a numeral and its unit) wider than its ``slot`` allows, its right edge at
    most at ``limit``: the lines in the warning colour, the part past ``limit`` on the tint,
    the slot outlined."""
    state = _STATE.get()
    if state is None or not lines:
        return lines
    out = [replace(t, colour=state.colour) for t in lines]
    ink = out[0].bounds()
    for t in out[1:]:
        ink = ink.union(t.bounds())
    excess = _pad(Box(limit, ink.y, max(0.0, ink.right - limit), ink.h), PAD * page_width)
    state.marks += [Rect(excess, fill=state.colour.tint(TINT), role=ROLE), *_outline(slot, page_width, state.colour)]
    return out


def lift(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """A region's items split in two: what stays in its place, and what a draft draws on top
    of the page (the frame's outline, the tint, the lines set in the warning colour). Outside a draft, or
    with nothing marked, everything stays."""
    state = _STATE.get()
    if state is None or not state.marks:
        return items, []
    marked = [i for i in items if isinstance(i, TextLine) and i.colour == state.colour]
    stay = [i for i in items if not (isinstance(i, TextLine) and i.colour == state.colour)]
    tints = [m for m in state.marks if m.fill is not None]
    outlines = [m for m in state.marks if m.fill is None]
    state.marks = []
    return stay, [*outlines, *tints, *marked]  # no dash strikes through a marked line


def memoised(kind: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``disk_cache.memoised`` for a composed page. In a draft, a page stored by a normal
    composition is read as it is (it fitted: a draft would make the same page); any other
    is composed and kept under a draft key of its own, with the overflows it met, which
    are recorded again when it is read back."""
    state = _STATE.get()
    if state is None:
        return _memoised(kind, key, compute)
    if stored(kind, key):
        with strict():  # never a draft under a normal key
            return _memoised(kind, key, compute)

    def drafted() -> tuple[Any, list]:
        inner = _Draft(state.colour)
        token = _STATE.set(inner)
        try:
            return compute(), inner.overflows
        finally:
            _STATE.reset(token)

    value, found = _memoised(kind, (*key, "draft", state.colour), drafted)
    state.overflows.extend(found)
    return value
