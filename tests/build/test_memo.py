"""The on-disk memo (motifs, QR matrices, loaded models): hits, misses, damage, pruning,
and a memoised project load that gives what a fresh parse gives."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from conftest import copy_project
from poster_gen import disk_cache as memo
from poster_gen.errors import InputError
from poster_gen.load.project import load_project


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POSTER_GEN_CACHE", str(folder))
    monkeypatch.delenv("POSTER_GEN_NO_MEMO", raising=False)
    return folder


def test_a_result_is_computed_once_per_key(cache):
    calls = []

    def compute(v):
        calls.append(v)
        return {"value": v}

    assert memo.memoised("t", ("a", 1), lambda: compute(1)) == {"value": 1}
    assert memo.memoised("t", ("a", 1), lambda: compute(99)) == {"value": 1}
    assert memo.memoised("t", ("a", 2), lambda: compute(2)) == {"value": 2}
    assert calls == [1, 2]


def test_a_damaged_entry_is_computed_again(cache):
    memo.memoised("t", "k", lambda: 1)
    (entry,) = (cache / "t").glob("*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle")
    assert memo.memoised("t", "k", lambda: 2) == 2
    assert pickle.loads(entry.read_bytes()) == 2


def test_pruning_keeps_the_most_recently_used(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    for i in range(30):
        p = folder / f"{i:02d}.pickle"
        p.write_bytes(b"x")
        os.utime(p, ns=(i * 10**9, i * 10**9))
    os.utime(folder / "03.pickle")  # used just now
    memo.prune(folder, keep=10)
    left = sorted(p.name for p in folder.glob("*.pickle"))
    assert len(left) == 10
    assert "03.pickle" in left and "29.pickle" in left and "04.pickle" not in left


def test_memoised_load_equals_a_fresh_parse_and_follows_edits(tmp_path, cache, monkeypatch):
    proj = copy_project(tmp_path / "p")
    first = load_project(proj)
    assert list((cache / "models").glob("*.pickle"))  # the files were stored
    again = load_project(proj)  # from the memo
    monkeypatch.setenv("POSTER_GEN_NO_MEMO", "1")
    fresh = load_project(proj)
    for p in (first, again):
        assert p.campaign == fresh.campaign and p.landmarks == fresh.landmarks
        assert p.layouts == fresh.layouts and p.themes == fresh.themes
        assert {k: s.marks for k, s in p.sources.items()} == {k: s.marks for k, s in fresh.sources.items()}
    monkeypatch.delenv("POSTER_GEN_NO_MEMO")

    lm = proj / "data" / "landmarks" / "integrated-circuits.yaml"
    text = lm.read_text(encoding="utf-8")
    lm.write_text(text.replace('- value: "200+"', '- value: "250+"'), encoding="utf-8")
    edited = load_project(proj)
    values = [f.value for f in edited.landmark("integrated-circuits").key_figures]
    assert "250+" in values and "200+" not in values

    lm.write_text(text.replace("order:", "ordre:"), encoding="utf-8")  # a mistake is reported, with its line
    with pytest.raises(InputError) as exc:
        load_project(proj)
    assert any("data/landmarks/integrated-circuits.yaml:" in str(p) and "ordre" in str(p)
               for p in exc.value.problems)


@pytest.mark.slow
def test_a_memoised_page_is_the_page_composed_afresh(cache, monkeypatch, tmp_path):
    """Composed pages are read back from the memo: they must equal a fresh composition,
    and an edit to the data must miss the memo (the key holds everything a page reads)."""
    from dataclasses import replace

    from conftest import ROOT
    from poster_gen.build.glyphs import prepare_layout_fonts, project_text
    from poster_gen.compose.document import compose_brochure, compose_poster

    project = load_project(ROOT)
    text = project_text(project) + "测试"
    fonts = {r: p.metrics for r, p in prepare_layout_fonts(project, "poster", text).items()}
    bfonts = {r: p.metrics for r, p in prepare_layout_fonts(project, "brochure", text).items()}
    lm = project.landmarks[1]

    def both():
        return repr(compose_poster(project, lm, fonts)), repr(compose_brochure(project, bfonts))

    first = both()
    assert list((cache / "pages").glob("*.pickle"))
    assert both() == first  # read back
    monkeypatch.setenv("POSTER_GEN_NO_MEMO", "1")
    assert both() == first  # composed afresh
    monkeypatch.delenv("POSTER_GEN_NO_MEMO")
    edited = replace(lm, ambition=replace(lm.ambition, zh=lm.ambition.zh + "测试"))
    trial = replace(project, landmarks=[edited if x is lm else x for x in project.landmarks])
    lines = [t.text for t in compose_poster(trial, edited, fonts).pages[0].items if hasattr(t, "text")]
    assert any("测试" in t for t in lines)
