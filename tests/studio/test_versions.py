"""Every studio save is a version: listed newest first with a one-line account of what
changed, any of them put back, nothing lost (putting back is itself a version)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project
from poster_gen.load.folders import yaml_files
from poster_gen.studio import versions
from poster_gen.studio.yamlsave import StaleError, etag, read, to_plain


@pytest.fixture()
def landmark(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p") / "data" / "landmarks" / "integrated-circuits.yaml"


def _edit(path: Path, change) -> str:
    data = to_plain(read(path)[0])
    change(data)
    return versions.save(path, data, etag(path.read_bytes()), who="Li Lei")


def _figure(value: str):
    def change(data):
        data["key_figures"][0]["value"] = value
    return change


def test_each_save_is_a_version_with_a_one_line_diff(landmark: Path):
    original = landmark.read_bytes()
    _edit(landmark, _figure("250+"))
    _edit(landmark, lambda d: d["ambition"].update(en="A landmark city of integrated circuits"))
    kept = versions.versions(landmark)
    assert [v.number for v in kept] == [3, 2, 1]
    assert kept[2].summary == "as found" and versions.data_of(landmark, 1) == original
    assert kept[1].summary.startswith("key_figures[0].value: ") and kept[1].summary.endswith("→ 250+")
    assert kept[0].summary.startswith("ambition.en: ") and kept[0].who == "Li Lei"
    assert kept[0].etag == etag(landmark.read_bytes())


def test_any_version_can_be_put_back_and_nothing_is_lost(landmark: Path):
    original = landmark.read_bytes()
    _edit(landmark, _figure("250+"))
    edited = landmark.read_bytes()
    tag = versions.restore(landmark, 1, etag(edited), who="Han Meimei")
    assert landmark.read_bytes() == original and tag == etag(original)
    newest = versions.versions(landmark)[0]
    assert newest.summary == "version 1 put back" and newest.who == "Han Meimei"
    assert versions.data_of(landmark, 2) == edited  # what was replaced is still a version
    versions.undo(landmark, tag)  # and Undo brings it back
    assert landmark.read_bytes() == edited


def test_put_back_refuses_a_stale_file_and_an_unknown_version(landmark: Path):
    _edit(landmark, _figure("250+"))
    with pytest.raises(StaleError):
        versions.restore(landmark, 1, "not-the-etag")
    with pytest.raises(KeyError):
        versions.restore(landmark, 99, etag(landmark.read_bytes()))


def test_the_history_is_bounded(landmark: Path, monkeypatch):
    monkeypatch.setattr(versions, "KEEP", 3)
    for value in ("201+", "202+", "203+", "204+", "205+"):
        _edit(landmark, _figure(value))
    kept = versions.versions(landmark)
    assert [v.number for v in kept] == [6, 5, 4]
    assert len(list(versions.folder(landmark).iterdir())) == 6  # three .yaml and three .json


def test_the_build_does_not_read_the_history(landmark: Path):
    _edit(landmark, _figure("250+"))
    assert all(p.parent == landmark.parent for p in yaml_files(landmark.parent))
    assert versions.folder(landmark).is_dir()
