"""The round trip, as a user runs it: export, the agency translates, import; the data
then holds the Japanese, kept where the files' comments and order say, and the round
trip is stable (export again gives the same file, import again changes nothing)."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import ROOT, copy_project, run_cli
from xliff_kit import SAMPLE_SLUG, fill, fingerprint, q, sample_ja, units

XLF = f"translations/ja/{SAMPLE_SLUG}.xlf"


def _cli(root: Path, *args: str):
    return run_cli("translate", *args, "--project", str(root), cwd=root)


def _semantic(path: Path) -> dict:
    """What a translator's file says, unit by unit: source, target, state, size, notes."""
    out = {}
    for uid, unit in units(path).items():
        seg = unit.find(q("segment"))
        target = seg.find(q("target"))
        out[uid] = (etree_text(seg.find(q("source"))), etree_text(target) if target is not None else None,
                    seg.get("state"), unit.get("{urn:oasis:names:tc:xliff:sizerestriction:2.0}sizeRestriction"),
                    [n.text for n in unit.iter(q("note"))])
    return out


def etree_text(el) -> str:
    return "".join(el.itertext())


def test_export_translate_import_and_again(tmp_path: Path):
    root = copy_project(tmp_path)
    before = fingerprint(root)
    assert _cli(root, "export", "--lang", "ja").returncode == 0
    exported = root / XLF

    # the export as it is, untranslated: nothing to import, nothing written
    plain = _cli(root, "import", XLF)
    assert plain.returncode == 0 and "nothing to import" in plain.stdout, plain.stderr
    assert fingerprint(root) == before

    # the agency's file: the sample's texts translated, the rest left out
    sent = tmp_path / "from-agency.xlf"
    shutil.copy(exported, sent)
    fill(sent, sample_ja())
    done = _cli(root, "import", str(sent))
    assert done.returncode == 0, done.stderr
    assert f"imported {len(sample_ja())} ja translation(s) into data/landmarks/{SAMPLE_SLUG}.yaml" in done.stdout

    # the data now holds the Japanese; the English, the Chinese and the other files are as they were
    nev = root / f"data/landmarks/{SAMPLE_SLUG}.yaml"
    after = fingerprint(root)
    assert {k for k in after if after[k] != before[k]} == {f"data/landmarks/{SAMPLE_SLUG}.yaml"}
    data = yaml.safe_load(nev.read_text("utf-8"))
    original = yaml.safe_load((ROOT / f"data/landmarks/{SAMPLE_SLUG}.yaml").read_text("utf-8"))
    for uid, ja in sample_ja().items():
        node, was = data, original
        for part in uid.split("."):
            key = int(part) if part.isdigit() else part
            node, was = node[key], was[key]
        assert node == {**was, "ja": ja}, uid  # zh and en unchanged, ja after them
    text = nev.read_text("utf-8")
    old = (ROOT / f"data/landmarks/{SAMPLE_SLUG}.yaml").read_text("utf-8")
    assert [ln for ln in old.splitlines() if ln.lstrip().startswith("#")] == \
        [ln for ln in text.splitlines() if ln.lstrip().startswith("#")]  # every comment kept, in order
    assert "  ja: 新エネルギー自動車\n" in text and "unit: {zh: 亿元, en: billion yuan, ja: 億元}" in text

    # the project still builds its checks with the Japanese in it
    check = run_cli("check", "--project", str(root), "--only", SAMPLE_SLUG)
    assert check.returncode == 0, check.stderr

    # export again: the translations are the targets now (the file itself: the next test)
    again = _cli(root, "export", "--lang", "ja")
    assert again.returncode == 0 and f"{len(sample_ja())} already translated" in again.stdout, again.stderr
    second = {uid: u.find(f".//{q('target')}") for uid, u in units(root / XLF).items()}
    assert {uid: etree_text(t) for uid, t in second.items() if t is not None} == sample_ja()

    # import the same file again: the data is byte for byte what it was
    snapshot = {p: p.read_bytes() for p in (root / "data").rglob("*.yaml")}
    twice = _cli(root, "import", str(sent))
    assert twice.returncode == 0 and "nothing to import" in twice.stdout, twice.stderr
    assert {p: p.read_bytes() for p in (root / "data").rglob("*.yaml")} == snapshot


def test_export_again_equals_the_translated_file(tmp_path: Path):
    """The file exported after an import is the file that was imported (the same units,
    sources, targets and sizes), had the agency kept every unit."""
    root = copy_project(tmp_path)
    assert _cli(root, "export", "--lang", "ja").returncode == 0
    sent = tmp_path / "sent.xlf"
    shutil.copy(root / XLF, sent)
    fill(sent, sample_ja(), keep_others=True)
    kept = tmp_path / "kept.xlf"
    shutil.copy(sent, kept)
    fill(sent, sample_ja())  # the agency returns only what it translated
    assert _cli(root, "import", str(sent)).returncode == 0
    assert _cli(root, "export", "--lang", "ja").returncode == 0
    assert _semantic(root / XLF) == _semantic(kept)
