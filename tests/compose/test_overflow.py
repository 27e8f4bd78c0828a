"""Draft composition (``compose.overflow``): a text too long for its frame is set anyway,
past the frame, and marked, instead of stopping the composition; outside a draft the
same data still raises. What the studio's preview shows while someone types."""
from __future__ import annotations

import io
import threading
from dataclasses import replace

import pytest

from conftest import ROOT
from poster_gen.build.glyphs import prepare_layout_fonts, project_text
from poster_gen.compose.document import ComposeError, compose_brochure, compose_poster
from poster_gen.compose.overflow import WARNING, drafting
from poster_gen.compose.series import series_step
from poster_gen.load.project import load_project
from poster_gen.page_model import Box, Rect, TextLine
from poster_gen.render.pdf import font_files, render_document
from poster_gen.render.raster import rasterise

PROJECT = load_project(ROOT)
SLUG = "integrated-circuits"


def _trial(**changes):
    """The project with the landmark ``SLUG`` changed, and that landmark."""
    lm = replace(PROJECT.landmark(SLUG), **changes)
    return replace(PROJECT, landmarks=[lm if x.slug == SLUG else x for x in PROJECT.landmarks]), lm


def _long_ambition():
    lm = PROJECT.landmark(SLUG)
    return _trial(ambition=replace(lm.ambition, zh=lm.ambition.zh * 3))


def _wide_figure():
    figs = list(PROJECT.landmark(SLUG).key_figures)
    figs[1] = replace(figs[1], value="300–500–700–900")
    return _trial(key_figures=figs)


def _long_chain():
    """Body text (shrinkable) too long even one step down the type scale."""
    chain = PROJECT.landmark(SLUG).chain
    segs = list(chain.segments)
    segs[0] = replace(segs[0], zh=segs[0].zh * 14, en=segs[0].en * 8)
    return _trial(chain=replace(chain, segments=segs))


def _warned(page, role: str) -> list[TextLine]:
    return [t for t in page.items if isinstance(t, TextLine) and t.role == role and t.colour == WARNING]


def _marks(page) -> list[Rect]:
    return [i for i in page.items if isinstance(i, Rect) and i.role == "overflow"]


def _outline_of(page, frame: Box) -> Rect:
    """The dashed outline drawn just outside ``frame``."""
    found = [r for r in _marks(page) if r.stroke is not None and r.stroke.dash and r.box.contains(frame)
             and frame.inset(-3).contains(r.box)]
    assert len(found) == 1, _marks(page)
    assert found[0].stroke.colour == WARNING and found[0].stroke.dash
    return found[0]


def test_an_ambition_too_long_runs_past_its_frame_marked(metrics):
    trial, lm = _long_ambition()
    with pytest.raises(ComposeError) as exc:  # a build still stops, naming the field
        compose_poster(trial, lm, metrics["poster"])
    assert exc.value.fit.path == ("landmark", "ambition", "zh")
    with drafting() as overflows:
        doc = compose_poster(trial, lm, metrics["poster"])
    assert [(e.path, e.frame) for e in overflows] == [(("landmark", "ambition", "zh"), "ambition")]
    assert str(overflows[0]) == str(exc.value.fit) and overflows[0].cut == exc.value.fit.cut
    page = doc.pages[0]
    frame = page.frames["ambition"]
    lines = [t for t in page.items if isinstance(t, TextLine) and t.role == "ambition"]
    zh = [t for t in lines if t.lang == "zh"]
    assert "".join(t.text for t in zh) == lm.ambition.zh  # every line kept, none dropped
    assert min(t.y for t in zh) < frame.y + 15  # set from the frame's top, as usual
    warned = _warned(page, "ambition")
    assert zh[0] not in warned and zh[1] in warned  # the first line fits its style's one line
    below = [t for t in lines if t.y > frame.bottom]
    assert below and all(t in warned for t in below)  # what runs past the frame is marked
    assert all(t in warned for t in lines if t.y + t.descent > frame.bottom + 0.01)
    _outline_of(page, frame)
    tint = [r for r in _marks(page) if r.fill is not None]
    assert tint and all(tint[0].box.contains(t.bounds()) for t in warned)
    assert tint[0].fill.channels == WARNING.tint(0.14).channels


def test_a_figure_too_wide_is_set_at_its_width_and_its_excess_marked(metrics):
    trial, lm = _wide_figure()
    with pytest.raises(ComposeError) as exc:
        compose_poster(trial, lm, metrics["poster"])
    assert exc.value.fit.path == ("landmark", "key_figures", 1, "value")
    with drafting() as overflows:
        doc = compose_poster(trial, lm, metrics["poster"])
    assert [e.path for e in overflows] == [("landmark", "key_figures", 1, "value")]
    page = doc.pages[0]
    value = [t for t in _warned(page, "figures") if t.text == "300–500–700–900"]
    assert len(value) == 1
    slots = [r for r in _marks(page) if r.stroke is not None and r.stroke.dash]
    assert len(slots) == 1
    slot = slots[0].box
    assert slot.x < value[0].x < slot.x + 5 and value[0].bounds().right > slot.right + 20  # past its slot
    (tint,) = [r for r in _marks(page) if r.fill is not None]
    assert tint.box.x < slot.right < tint.box.right and tint.box.right >= value[0].bounds().right


def test_a_brochure_text_too_long_runs_past_its_frame(metrics):
    lm = PROJECT.landmark(SLUG)
    trial, _ = _trial(summary=replace(lm.summary, zh=lm.summary.zh * 5, en=lm.summary.en * 5))
    with pytest.raises(ComposeError) as exc:
        compose_brochure(trial, metrics["brochure"])
    assert exc.value.fit.path[:2] == ("landmark", "summary")
    with drafting() as overflows:
        doc = compose_brochure(trial, metrics["brochure"])
    assert overflows[0].path == exc.value.fit.path and overflows[0].frame == "summary"
    page = next(p for p in doc.pages if _warned(p, "summary"))
    frame = page.frames["summary"]
    assert [t for t in _warned(page, "summary") if t.y > frame.bottom]
    assert max(t.y for t in page.items if isinstance(t, TextLine) and t.role == "summary") > frame.bottom + 20
    _outline_of(page, frame)
    assert len(doc.pages) == len(compose_brochure(PROJECT, metrics["brochure"]).pages)


def test_a_draft_of_what_fits_is_the_normal_page(metrics):
    lm = PROJECT.landmark(SLUG)
    with drafting() as overflows:
        doc = compose_poster(PROJECT, lm, metrics["poster"])
    assert overflows == []
    assert doc.pages[0].items == compose_poster(PROJECT, lm, metrics["poster"]).pages[0].items
    assert not _marks(doc.pages[0])


def test_a_draft_holds_in_its_block_and_thread_only(metrics):
    trial, lm = _long_ambition()
    raised = []

    def other():
        try:
            compose_poster(trial, lm, metrics["poster"])
        except ComposeError as err:
            raised.append(err)

    with drafting() as overflows:
        worker = threading.Thread(target=other)
        worker.start()
        worker.join()
        compose_poster(trial, lm, metrics["poster"])
    assert len(raised) == 1 and len(overflows) == 1  # the other thread composed normally
    with pytest.raises(ComposeError):
        compose_poster(trial, lm, metrics["poster"])  # and so does this one after the block


def test_a_draft_leaves_the_memo_and_the_series_step_as_a_build_finds_them(metrics, tmp_path, monkeypatch):
    """The series' type step is decided strictly inside a draft; a drafted page is kept
    under its own key, with its overflows, and never read by a normal composition."""
    monkeypatch.setenv("POSTER_GEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("POSTER_GEN_NO_MEMO", raising=False)
    trial, lm = _long_chain()
    fonts = metrics["poster"]
    with drafting() as overflows:
        step = series_step(trial, fonts)
        doc = compose_poster(trial, lm, fonts, step=step)
    assert step == 1  # a body text too long: the build steps down, and so does the draft
    assert overflows and overflows[0].path[:3] == ("landmark", "chain", "segments")
    assert series_step(trial, fonts) == 1
    with pytest.raises(ComposeError) as exc:
        compose_poster(trial, lm, fonts, step=1)
    assert exc.value.fit.path == overflows[0].path
    with drafting() as again:  # read back from the memo: the same page, the same overflows
        assert compose_poster(trial, lm, fonts, step=1).pages[0].items == doc.pages[0].items
    assert [str(e) for e in again] == [str(e) for e in overflows]


def test_the_overflow_shows_in_the_preview(metrics):
    """Rendered as the studio renders a preview (RGB PDF, the one rasteriser): the lines
    below the frame are in the warning colour; the poster that fits shows none there."""
    trial, lm = _long_ambition()
    fonts = prepare_layout_fonts(trial, "poster", project_text(trial))
    with drafting():
        drafted = compose_poster(trial, lm, {r: p.metrics for r, p in fonts.items()})
    fitting = compose_poster(PROJECT, PROJECT.landmark(SLUG), metrics["poster"])
    frame = drafted.pages[0].frames["ambition"]
    width = 840
    px = width / drafted.pages[0].width
    red = tuple(round(v * 255) for v in WARNING.to_rgb())

    def warning_pixels(doc) -> int:
        buf = io.BytesIO()
        render_document(doc, buf, font_files(fonts), colour="rgb")
        (img,) = rasterise(buf.getvalue(), width=width, pages=[0])
        below = img.crop((round(frame.x * px), round((frame.bottom + 1) * px), round(frame.right * px),
                          round((frame.bottom + 25) * px)))
        data = below.tobytes()
        return sum(1 for i in range(0, len(data), 3) if all(abs(data[i + k] - red[k]) < 40 for k in range(3)))

    assert warning_pixels(drafted) > 500
    assert warning_pixels(fitting) == 0
