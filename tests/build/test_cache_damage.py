"""A cache is a cache: every entry under POSTER_GEN_CACHE is checked when it is read, and
a damaged one (truncated, bytes flipped, garbage of the right length, a font that is no
longer the font) is thrown away, made again and reported in one warning line, exit 0,
with the same output as from a good cache; the next run is quiet. A cache folder that
cannot be written is the user's machine: exit 2, one line naming the folder and
POSTER_GEN_CACHE.

One cold build of a copied project fills a reference cache; each test damages one entry
of a copy of it. An entry is picked among those a build really reads: before a marker
build every entry's time is set far back, and the memo touches what it reads.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from poster_gen import disk_cache as memo
from poster_gen.cli import main

pytestmark = pytest.mark.slow  # whole builds, killed processes: left out of the inner loop

KINDS = ("models", "pages", "fit", "motifs", "qr", "words")
LONG_AGO = 946_684_800  # 2000-01-01: entries the marker build reads are newer than this


def _forget_in_process() -> None:
    """What a new process would not know: every lru_cache in poster_gen (the word breaks
    and QR matrices in front of the disk memo, the jieba tokenizer...)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("poster_gen"):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, "cache_clear", None)) and hasattr(obj, "cache_info"):
                    obj.cache_clear()


def _run(*args: str) -> int:
    _forget_in_process()
    return main(list(args))


def _outputs(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.pdf"))}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """(project, warm cache, the reference build's output hashes)."""
    base = tmp_path_factory.mktemp("cachedamage")
    proj = copy_project(base / "project")
    cache = base / "cache"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POSTER_GEN_CACHE", str(cache))
        mp.delenv("POSTER_GEN_NO_MEMO", raising=False)
        assert _run("build", "--project", str(proj), "--out", str(base / "out")) == 0
        # the marker build: composes every page again, so it reads every kind of entry
        for p in cache.rglob("*"):
            if p.is_file():
                os.utime(p, (LONG_AGO, LONG_AGO))
        shutil.rmtree(cache / "pages")
        assert _run("build", "--force", "--project", str(proj), "--out", str(base / "marker")) == 0
    return proj, cache, _outputs(base / "out")


@pytest.fixture()
def cache(reference, tmp_path, monkeypatch) -> Path:
    """A copy of the warm cache, the one this test's runs use."""
    _, warm, _ = reference
    folder = tmp_path / "cache"
    shutil.copytree(warm, folder, copy_function=shutil.copy2)
    monkeypatch.setenv("POSTER_GEN_CACHE", str(folder))
    monkeypatch.delenv("POSTER_GEN_NO_MEMO", raising=False)
    return folder


def _read_entry(cache: Path, kind: str) -> Path:
    """An entry of ``kind`` that a build reads (touched by the marker build)."""
    used = sorted(p for p in (cache / kind).glob("*.pickle") if p.stat().st_mtime > LONG_AGO + 10)
    assert used, f"no {kind} entry was read by the marker build"
    return used[0]


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def flip(path: Path) -> None:
    """One byte in the middle, inverted: the length and most of the content stay."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def garbage(path: Path) -> None:
    """Random bytes of the same length."""
    path.write_bytes(os.urandom(path.stat().st_size))


def overflow(path: Path) -> None:
    """A properly sealed pickle that raises OverflowError when loaded (the hostile run's
    "byte string is too large"): a sound checksum does not make a sound entry."""
    path.write_bytes(memo.seal(b"\x80\x05\x8e" + (2**63 - 1).to_bytes(8, "little") + b"."))


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning:")]


def _assert_one_warning(capfd, *words: str) -> str:
    out, err = capfd.readouterr()
    lines = err.splitlines()
    warned = _warnings(err)
    assert len(warned) == 1, err
    assert all(w in warned[0] for w in words), warned[0]
    assert "damaged" in warned[0]
    assert not [line for line in lines if line.startswith(("error", "internal error", "Traceback"))], err
    return out


def _build_twice(reference, tmp_path, capfd, *words: str, command: str = "build") -> None:
    """A build with the damage: exit 0, one warning, the reference output; then a quiet one."""
    proj, _, expected = reference
    args = [command, "--project", str(proj)]
    if command == "build":
        args += ["--out", str(tmp_path / "out1")]
    assert _run(*args) == 0
    out = _assert_one_warning(capfd, *words)
    if command == "build":
        assert _outputs(tmp_path / "out1") == expected
    if command == "check":
        assert "all good" in out
    if command == "build":
        args[-1] = str(tmp_path / "out2")
    assert _run(*args) == 0
    _, err = capfd.readouterr()
    assert not _warnings(err), err
    if command == "build":
        assert _outputs(tmp_path / "out2") == expected


@pytest.mark.parametrize("kind, damage, command", [
    ("models", flip, "list"),
    ("models", truncate, "check"),
    ("models", overflow, "build"),
    ("pages", garbage, "build"),
    ("pages", truncate, "check"),
    ("fit", truncate, "build"),
    ("fit", garbage, "check"),
    ("motifs", flip, "build"),
    ("qr", garbage, "build"),
    ("words", truncate, "build"),
    ("words", overflow, "build"),
], ids=lambda v: getattr(v, "__name__", v))
def test_a_damaged_memo_entry_is_made_again_with_one_warning(reference, cache, tmp_path, capfd, kind, damage,
                                                             command):
    proj = reference[0]
    if kind in ("motifs", "qr", "words"):
        shutil.rmtree(cache / "pages")  # these are read while a page is composed
    entry = _read_entry(cache, kind)
    good = entry.read_bytes()
    damage(entry)
    assert entry.read_bytes() != good
    if command == "list":
        assert _run("list", "--project", str(proj)) == 0
        out = _assert_one_warning(capfd, entry.name, kind)
        assert "5 landmark(s)" in out and "integrated-circuits" in out
        assert _run("list", "--project", str(proj)) == 0
        assert not _warnings(capfd.readouterr().err)
    else:
        _build_twice(reference, tmp_path, capfd, entry.name, str(entry.parent), command=command)
    assert pickle.loads(memo.unseal(entry.read_bytes())) == pickle.loads(memo.unseal(good))  # mended


def _font_entry(cache: Path, suffix: str) -> Path:
    found = sorted((cache / "fonts").glob(f"*{suffix}"))
    found = [p for p in found if ".zh." not in p.name] if not suffix.startswith(".zh") else found
    assert found, suffix
    return found[0]


def shorter_copy(path: Path) -> None:
    """The TTF replaced by a truncated copy (the hostile run's "unpack requires a buffer")."""
    tmp = path.with_name("copy")
    tmp.write_bytes(path.read_bytes()[:5000])
    os.replace(tmp, path)


def other_font(path: Path) -> None:
    """A sound font, but another one: its zh variant (a different cmap)."""
    shutil.copyfile(path.with_name(path.name.replace(".ttf", ".zh.ttf")), path)


@pytest.mark.parametrize("suffix, damage, command", [
    (".ttf", shorter_copy, "build"),
    (".ttf", flip, "check"),
    (".ttf", other_font, "build"),
    (".zh.ttf", garbage, "build"),
    (".json", garbage, "build"),
    (".zh.json", flip, "check"),
], ids=lambda v: getattr(v, "__name__", v))
def test_a_damaged_prepared_font_is_prepared_again(reference, cache, tmp_path, capfd, suffix, damage, command):
    entry = _font_entry(cache, suffix)
    good = entry.read_bytes()
    damage(entry)
    ttf = entry.with_name(entry.name.replace(".json", ".ttf"))
    _build_twice(reference, tmp_path, capfd, ttf.name, str(entry.parent), command=command)
    assert entry.read_bytes() == good  # the preparation is deterministic: mended to the same bytes


@pytest.mark.parametrize("pattern, damage, command, words", [
    ("*.sum", truncate, "build", ("checksums",)),
    ("cov-*", flip, "check", ("coverage",)),
    ("src-*", garbage, "build", ("digest",)),
], ids=lambda v: getattr(v, "__name__", v) if callable(v) else str(v))
def test_the_font_caches_small_entries_are_checked_too(reference, cache, tmp_path, capfd, pattern, damage,
                                                         command, words):
    (entry, *_) = sorted((cache / "fonts").glob(pattern))
    damage(entry)
    _build_twice(reference, tmp_path, capfd, entry.name, *words, command=command)
    memo.unseal(entry.read_bytes())  # written again, sealed


def test_a_missing_prepared_font_file_is_damage_too(reference, cache, tmp_path, capfd):
    entry = _font_entry(cache, ".ttf")
    entry.unlink()
    _build_twice(reference, tmp_path, capfd, entry.name, command="build")
    assert entry.is_file()


def test_a_damaged_build_record_rebuilds_everything_once(reference, cache, tmp_path, capfd):
    proj, _, expected = reference
    out = tmp_path / "out"
    args = ["build", "--project", str(proj), "--out", str(out)]
    assert _run(*args) == 0
    capfd.readouterr()
    record = out / ".poster-gen-manifest.json"
    for damage in (flip, truncate, lambda p: p.write_text("[]")):
        damage(record)
        assert _run(*args) == 0
        _assert_one_warning(capfd, str(record), "building every output again")
        assert _outputs(out) == expected
        assert _run(*args) == 0
        out_text, err = capfd.readouterr()
        assert "nothing to do" in out_text and not _warnings(err)


def test_damaged_jieba_shards_are_grouped_again(reference, cache, tmp_path, capfd):
    for kind in ("pages", "fit", "words"):  # so that sentences are cut into words again
        shutil.rmtree(cache / kind)
    (shards,) = (cache / "jieba").glob("shards-*")
    flip(shards)
    _build_twice(reference, tmp_path, capfd, shards.name, "jieba", command="build")


def test_sealed_entries_detect_every_kind_of_damage():
    payload = pickle.dumps({"a": list(range(100))})
    sealed = memo.seal(payload)
    assert memo.unseal(sealed) == payload and pickle.loads(sealed) == pickle.loads(payload)
    for i in range(0, len(sealed), 7):
        bad = bytearray(sealed)
        bad[i] ^= 0x01
        with pytest.raises(memo.Damaged):
            memo.unseal(bytes(bad))
    for n in (0, 1, len(sealed) // 2, len(sealed) - 1):
        with pytest.raises(memo.Damaged):
            memo.unseal(sealed[:n])
    with pytest.raises(memo.Damaged):
        memo.unseal(payload)  # written by a tool that did not seal


@pytest.mark.parametrize("layout", ["file", "fonts-is-a-file"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_an_unusable_cache_folder_names_itself_and_the_variable(reference, tmp_path, monkeypatch, capfd,
                                                                  layout, command):
    proj = reference[0]
    if layout == "file":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        root, where = blocker / "cache", blocker / "cache" / "fonts"
    else:
        root = tmp_path / "cache"
        root.mkdir()
        (root / "fonts").write_text("x")
        where = root / "fonts"
    monkeypatch.setenv("POSTER_GEN_CACHE", str(root))
    args = [command, "--project", str(proj)] + (["--out", str(tmp_path / "out")] if command == "build" else [])
    assert _run(*args) == 2
    _, err = capfd.readouterr()
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, err
    assert errors[0].startswith(f"error: {where}: ") and "POSTER_GEN_CACHE" in errors[0], errors[0]
    assert "layouts/" not in err and "internal error" not in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.pdf"))


@pytest.fixture()
def small_disk(tmp_path):
    """A 64 KB tmpfs (root only): mounted writable, or read-only with ``remount``."""
    import subprocess

    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield where
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.mark.parametrize("state, todo", [("full", "free some space"), ("read-only", "make it writable")])
def test_a_full_or_read_only_cache_disk_is_the_users_machine(reference, small_disk, tmp_path, monkeypatch, capfd,
                                                             state, todo):
    import subprocess

    if state == "read-only":
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    monkeypatch.setenv("POSTER_GEN_CACHE", str(small_disk))
    assert _run("build", "--project", str(reference[0]), "--out", str(tmp_path / "out")) == 2
    errors = [line for line in capfd.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"error: {small_disk / 'fonts'}: ") and todo in errors[0], errors[0]
    assert "POSTER_GEN_CACHE" in errors[0]
    assert not [p for p in small_disk.rglob("*") if p.name.endswith(".tmp")]  # no debris in the cache
