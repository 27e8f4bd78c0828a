"""The corpus of bad inputs (tests/load/bad_inputs/*.yaml): each breaks one thing in a copy
of the project and names the message fragment and exit code a user must get.

Every case runs `poster-gen build` in a project whose output/ already holds the
previous PDFs, and checks: the exit code, one `error:` line per problem, no traceback,
and the previous PDFs byte-for-byte unchanged. One mistake is one problem that names
its cause first, so by default a case must report exactly one problem and its first
`error:` line must hold ``expect``. A case may say otherwise:

- ``problems: N``: the number of `error:` lines it must report;
- ``first: false``: ``expect`` may be on any `error:` line, not only the first;
- ``absent: [fragment, ...]``: words no line of the output may hold (a misleading hint).

A case breaks the project with ``file`` and one of ``replace: [old, new]``, ``write``,
``append``, ``encode``, ``delete``, ``copy_to`` or ``generate``, or ``make`` an image.
"""
from __future__ import annotations

import io
import random
import shutil
import struct
import zlib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project
from poster_gen.cli import main

pytestmark = pytest.mark.slow  # each case is a whole CLI run: left out of the inner loop (test_load covers the loader)

CASES = sorted((Path(__file__).parent / "bad_inputs").glob("*.yaml"))


def png_header_only(width: int, height: int) -> bytes:
    """A real PNG of the given size whose pixels are all zero: tiny on disk, huge decoded."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    comp = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def make_image(kind: str) -> bytes:
    from PIL import Image

    if kind == "huge":
        return png_header_only(10000, 6000)
    if kind == "bomb":
        return png_header_only(30000, 30000)
    if kind == "text":
        return "not a picture, just notes\n".encode()
    rng = random.Random(1)
    im = Image.frombytes("RGB", (400, 300), bytes(rng.randrange(256) for _ in range(400 * 300 * 3)))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    data = buf.getvalue()
    return data[: len(data) // 2] if kind == "truncated" else data


def apply(case: dict, proj: Path) -> list[str]:
    """Break the project as the case says; returns the command line to run."""
    if "make" in case:
        target = proj / case["make"]["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make_image(case["make"]["image"]))
    if "file" in case:
        path = proj / case["file"]
        text = path.read_text(encoding="utf-8")
        if "replace" in case:
            old, new = case["replace"]
            assert text.count(old) == 1, f"the case's text to replace must occur once: {old!r}"
            path.write_text(text.replace(old, new), encoding="utf-8")
        elif "write" in case:
            path.write_text(case["write"], encoding="utf-8")
        elif "append" in case:
            path.write_text(text + case["append"], encoding="utf-8")
        elif "encode" in case:
            path.write_bytes(text.encode(case["encode"]))
        elif "delete" in case:
            path.unlink()
        elif "copy_to" in case:
            shutil.copy(path, proj / case["copy_to"])
        elif "generate" in case:
            path.write_text(generate(case["generate"], text), encoding="utf-8")
    command = case.get("command", ["build"])
    return [c.replace("{root}", str(proj)) for c in command] + ["--project", str(proj)] \
        if "--project" not in command else [c.replace("{root}", str(proj)) for c in command]


def generate(kind: str, text: str) -> str:
    if kind == "billion-laughs":
        lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in range(1, 10):
            lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
        return "\n".join(lines) + "\n"
    if kind == "oversize":
        return text + ("# padding\n" * 110_000)
    if kind == "essay":
        essay = " ".join(["Nanjing"] * 5000)
        return text.replace("  en: Building Nanjing into a benchmark city of the IC industry\n", f"  en: {essay}\n")
    if kind == "long-key":  # a key of 1,100 characters on line 6, its colon in place
        lines = text.splitlines(keepends=True)
        return "".join(lines[:5]) + "k" * 1100 + ": 1\n" + "".join(lines[5:])
    data = yaml.safe_load(text)
    if kind == "drop-figure":
        data["key_figures"] = data["key_figures"][:2]
    elif kind == "five-figures":
        data["key_figures"] = (data["key_figures"] * 2)[:5]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def baseline(built: Path) -> dict[str, bytes]:
    return {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*.pdf")}


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_input(case_file: Path, tmp_path: Path, baseline: dict[str, bytes], capsys, monkeypatch):
    """One hostile input through the CLI: exit 2, the cause named first on one line,
    nothing lost; and every problem any stage raised has its Chinese (the catalogue)."""
    from poster_gen.errors import InputError
    from test_messages_zh import assert_chinese

    raised: list = []
    init = InputError.__init__

    def seen(self, problems):
        raised.extend(problems)
        init(self, problems)

    monkeypatch.setattr(InputError, "__init__", seen)
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    proj = copy_project(tmp_path / "project")
    for name, data in baseline.items():
        (proj / "output" / name).parent.mkdir(parents=True, exist_ok=True)
        (proj / "output" / name).write_bytes(data)
    data_before = {p: p.read_bytes() for p in (proj / "data").rglob("*") if p.is_file()}
    argv = apply(case, proj)
    data_before = {p: b for p, b in data_before.items() if p.exists()} if "file" in case else data_before
    after_apply = {p: p.read_bytes() for p in (proj / "data").rglob("*") if p.is_file()}

    code = main(argv)
    err = capsys.readouterr().err
    assert code == case["exit"], err
    assert "Traceback" not in err and "internal error" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    problem_lines = [line for line in lines if line.startswith("error: ")]
    assert problem_lines, err
    assert all(line.startswith(("error: ", "waiting")) or "problem" in line for line in lines), err
    assert any(case["expect"] in line for line in problem_lines), f"expected {case['expect']!r} in:\n{err}"
    if case.get("first", True):
        assert case["expect"] in problem_lines[0], f"the first problem is not the cause {case['expect']!r}:\n{err}"
    assert len(problem_lines) == case.get("problems", 1), f"expected {case.get('problems', 1)} problem(s):\n{err}"
    for words in case.get("absent", []):
        assert words not in err, f"{words!r} should not be said:\n{err}"
    # nothing lost: the previous PDFs are untouched, no temporary files, the data not rewritten
    for name, data in baseline.items():
        assert (proj / "output" / name).read_bytes() == data, name
    assert not list((proj / "output").rglob("*.tmp"))
    assert {p: p.read_bytes() for p in (proj / "data").rglob("*") if p.is_file()} == after_apply
    for problem in raised:
        assert_chinese(problem.message)
