"""Round-trip saving: an edit from the studio changes only what changed in the file."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from poster_gen.load.yamlsrc import read_yaml
from poster_gen.studio import yamlsave
from poster_gen.studio.yamlsave import (NothingToUndo, SaveError, StaleError, apply, dump, etag, read, save,
                                        to_plain, undo)

ROOT = Path(__file__).resolve().parents[2]
ALL_YAML = sorted(ROOT.glob("data/**/*.yaml")) + sorted(ROOT.glob("layouts/**/*.yaml"))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edit(path: Path, change) -> tuple[bytes, bytes]:
    """Apply ``change`` to the file's plain value through ``save``; (before, after)."""
    doc, before = read(path)
    new = to_plain(doc)
    change(new)
    save(path, new, etag(before))
    after = path.read_bytes()
    assert read_yaml(path, path.name).value == new  # what a build reads is what was sent
    return before, after


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


def comments(data: bytes) -> list[str]:
    return [ln for ln in lines(data) if ln.lstrip().startswith("#") or "  # " in ln]


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_unchanged_save_is_byte_identical(path: Path, tmp_path: Path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    doc, data = read(copy)
    assert to_plain(doc) == read_yaml(copy, "x").value  # the same values a build reads
    apply(doc, to_plain(read(copy)[0]))
    assert dump(doc) == data
    assert save(copy, to_plain(doc), etag(data)) == etag(data)
    assert copy.read_bytes() == data
    assert not (tmp_path / ".history").exists()  # nothing changed, nothing to undo


def test_one_figure_value_changes_one_line(data: Path):
    path = data / "landmarks" / "integrated-circuits.yaml"
    before, after = edit(path, lambda d: d["key_figures"][0].update(value="300+"))
    a, b = lines(before), lines(after)
    assert len(a) == len(b)
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    assert changed == [('  - value: "200+"', '  - value: "300+"')]  # still double-quoted


def test_flow_style_quotes_and_unicode_kept(data: Path):
    path = data / "landmarks" / "integrated-circuits.yaml"

    def change(d):
        d["key_figures"][0]["unit"]["zh"] = "个"
        d["key_figures"][2]["label"]["en"] = "yes"  # YAML 1.1 reads a bare yes as true
        d["name"]["en"] = "集成电路 IC"

    before, after = edit(path, change)
    text = after.decode("utf-8")
    assert '    unit: {zh: 个, en: ""}' in text
    assert '      en: "yes"' in text
    assert "  en: 集成电路 IC" in text and "\\u" not in text
    assert comments(before) == comments(after)


def test_add_and_remove_key_figures(data: Path):
    path = data / "landmarks" / "integrated-circuits.yaml"
    added = {"value": "4", "unit": {"zh": "个", "en": ""}, "label": {"zh": "新", "en": "new"}}
    before, after = edit(path, lambda d: d["key_figures"].append(added))
    assert comments(before) == comments(after)
    new_lines = [ln for ln in lines(after) if ln not in lines(before)]
    # styled like its siblings: quoted numeral, flow unit, block label
    assert new_lines == ['  - value: "4"', '    unit: {zh: 个, en: ""}', "      zh: 新", "      en: new"]
    _, removed = edit(path, lambda d: d["key_figures"].pop())
    assert removed == before
    _, smaller = edit(path, lambda d: d["key_figures"].pop(1))
    gone = lines(before)
    start = gone.index('  - value: {zh: "300–500", en: "30–50"}')
    assert lines(smaller) == gone[:start] + gone[start + 5:]


def test_reorder_items_keeps_their_comments(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("items:\n  - one   # first\n  # about two\n  - two\n  - three\nend: 1\n", encoding="utf-8")
    edit(path, lambda d: d["items"].reverse())
    assert path.read_text(encoding="utf-8") == \
        "items:\n  - three\n  # about two\n  - two\n  - one   # first\nend: 1\n"


def test_add_optional_key_and_remove_one(data: Path):
    path = data / "landmarks" / "integrated-circuits.yaml"

    def change(d):
        del d["quote"]
        d["qr_url"] = "https://example.com/ic"

    before, after = edit(path, change)
    assert comments(before) == comments(after)
    assert lines(after)[-1] == "qr_url: https://example.com/ic"
    assert lines(after)[:-1] == lines(before)[:lines(before).index("quote:")]


def test_new_key_goes_after_its_sibling_and_comments_stay_with_their_entry(data: Path):
    path = data / "landmarks" / "new-medicine-life-health.yaml"
    note = '# The press release also lists "Nanjing University of Traditional Chinese Medicine",'

    def with_hero(d):  # the studio sends keys in the model's order: hero_image after chain
        d["chain"]["segments"].append({"zh": "新", "en": "New"})
        items = list(d.items())
        items.insert([k for k, _ in items].index("chain") + 1, ("hero_image", "assets/x.jpg"))
        d.clear()
        d.update(items)

    before, after = edit(path, with_hero)
    out = lines(after)
    assert comments(before) == comments(after)
    assert out[out.index(note) - 3:out.index(note) + 3] == [
        "    - zh: 新", "      en: New", "hero_image: assets/x.jpg", note,
        "# another English name of the same university; it is listed once.", "institutions:"]
    _, after = edit(path, lambda d: d.pop("chain"))  # the note belongs to institutions: it stays
    out = lines(after)
    assert out[out.index(note) + 2] == "institutions:" and out[out.index(note) - 1] == "hero_image: assets/x.jpg"


def test_campaign_blank_lines_and_section_comments(data: Path):
    path = data / "campaign.yaml"
    before, after = edit(path, lambda d: d.update(year=2021))
    assert [x for x in zip(lines(before), lines(after)) if x[0] != x[1]] == [("year: 2020", "year: 2021")]


def test_stale_etag_raises_and_writes_nothing(data: Path):
    path = data / "landmarks" / "artificial-intelligence.yaml"
    doc, before = read(path)
    new = to_plain(doc)
    new["order"] = 9
    with pytest.raises(StaleError):
        save(path, new, etag(b"something else"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(p.name for p in (ROOT / "data" / "landmarks").iterdir())


def test_undo_restores_the_previous_bytes(data: Path):
    path = data / "landmarks" / "artificial-intelligence.yaml"
    os.chmod(path, 0o640)
    doc, before = read(path)
    with pytest.raises(NothingToUndo):
        undo(path, etag(before))
    new = to_plain(doc)
    new["ambition"]["en"] = "Changed"
    tag = save(path, new, etag(before))
    edited = path.read_bytes()
    assert tag == etag(edited) and (path.parent / ".history" / f"{path.name}.prev").read_bytes() == before
    assert oct(path.stat().st_mode & 0o777) == "0o640"  # the temp file's 0600 is not kept
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    with pytest.raises(StaleError):
        undo(path, etag(before))
    assert path.read_bytes() == edited
    assert undo(path, tag) == etag(before) and path.read_bytes() == before
    assert undo(path, etag(before)) == tag and path.read_bytes() == edited  # undo again: redo


def test_a_save_that_would_not_read_back_writes_nothing(data: Path, monkeypatch):
    path = data / "landmarks" / "artificial-intelligence.yaml"
    doc, before = read(path)
    new = to_plain(doc)
    new["order"] = 9
    monkeypatch.setattr(yamlsave, "dump", lambda doc: before.replace(b"order: 3", b"order: 8"))
    with pytest.raises(SaveError):
        save(path, new, etag(before))
    assert path.read_bytes() == before and not (path.parent / ".history").exists()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_other_indentation_crlf_and_single_quotes_are_kept(tmp_path: Path):
    path = tmp_path / "x.yaml"
    original = ("# head\r\nname:\r\n    zh: '名'\r\n    en: 'Name'\r\nlist:\r\n-   a\r\n-   b\r\n"
                "styles:\r\n    s:    {size: 1}\r\n").encode("utf-8")
    path.write_bytes(original)

    def change(d):
        d["name"]["en"] = "It's"
        d["list"].append("c")
        d["extra"] = {"k": "2"}

    edit(path, change)
    assert path.read_bytes() == ("# head\r\nname:\r\n    zh: '名'\r\n    en: 'It''s'\r\nlist:\r\n-   a\r\n"
                                 "-   b\r\n-   c\r\nstyles:\r\n    s:    {size: 1}\r\nextra:\r\n    k: '2'\r\n"
                                 ).encode("utf-8")


def test_multiline_text_and_type_changes(data: Path):
    path = data / "landmarks" / "integrated-circuits.yaml"

    def change(d):
        d["summary"]["en"] = "Line one.\nLine two."
        d["key_figures"][0]["value"] = {"zh": "二百", "en": "200"}
        d["motifs"]["nanjing"].append("no")

    _, after = edit(path, change)
    text = after.decode("utf-8")
    assert "  en: |-\n    Line one.\n    Line two.\n" in text
    assert '  - value: {zh: "二百", en: "200"}' in text  # flow, like the other zh/en values
    assert '  nanjing: [city-wall, yunjin-clouds, plum-blossom, "no"]' in text
