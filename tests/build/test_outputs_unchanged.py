"""A change to the code's structure changes no output byte: every file of the example
project's ``--format all`` build has the SHA-256 recorded in ``golden/outputs.sha256``.

The bytes depend on the libraries that write them, so the record names their versions
and the test skips (saying which differ) on another set. After a change that is meant
to change the outputs, refresh the record and review the diff of the file:

    .venv/bin/python tests/build/test_outputs_unchanged.py --refresh
"""
from __future__ import annotations

import hashlib
import json
import sys
import zlib
from importlib.metadata import version
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1]  # tests/
RECORD = HERE / "golden" / "outputs.sha256"
LIBRARIES = ("reportlab", "fonttools", "pillow", "qrcode", "pikepdf", "pypdfium2", "jieba", "manimgx-fonts-cjk")


def tools() -> dict[str, str]:
    found = {name: version(name) for name in LIBRARIES}
    found["python"] = "%d.%d" % sys.version_info[:2]
    found["zlib"] = zlib.ZLIB_RUNTIME_VERSION
    return found


def digests(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def build_all(out: Path) -> None:
    from poster_gen.cli import main

    assert main(["build", "--project", str(HERE.parent), "--out", str(out), "--format", "all"]) == 0


@pytest.mark.slow
def test_every_output_byte_is_as_recorded(tmp_path: Path):
    record = json.loads(RECORD.read_text())
    differ = {k: (v, record["tools"].get(k)) for k, v in tools().items() if record["tools"].get(k) != v}
    if differ:
        pytest.skip("the record was made with other libraries: " +
                    ", ".join(f"{k} {new} here, {old} recorded" for k, (new, old) in differ.items()))
    build_all(tmp_path)
    got = digests(tmp_path)
    assert sorted(got) == sorted(record["outputs"]), "the set of files changed"
    changed = [name for name, sha in got.items() if record["outputs"][name] != sha]
    assert not changed, f"these outputs changed ({Path(__file__).name} --refresh if that is meant): {changed}"


if __name__ == "__main__" and sys.argv[1:] == ["--refresh"]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        build_all(Path(tmp))
        RECORD.write_text(json.dumps({"tools": tools(), "outputs": digests(Path(tmp))}, indent=1) + "\n")
    print(f"wrote {RECORD}")
