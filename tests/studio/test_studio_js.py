"""The studio's browser code, tested by Node's own runner (``node --test``, no npm packages):
the pure modules of ``src/poster_gen/studio/static`` (the three-way merge of drafts, field paths,
schema reading, the UI's words, what the page shows) and that only the page module, app.js, acts
when it is imported. The tests are ``tests/studio/js/*.test.mjs``; skipped, with the reason, where Node
18.19 or newer is not installed."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).resolve().parent / "js"
# node --test came in 18.0; the tests load the static .js files as ES modules through
# module.register, which came in 18.19 (Debian 12's nodejs is 18.20)
OLDEST = (18, 19)


def _version(node: str) -> tuple[int, int] | None:
    out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    m = re.match(r"v(\d+)\.(\d+)", out)
    return (int(m[1]), int(m[2])) if m else None


def test_the_studio_javascript_passes_its_node_tests():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs); the studio's JavaScript tests need it")
    version = _version(node)
    if version is None or version < OLDEST:
        found = "an unknown version" if version is None else "v%d.%d" % version
        pytest.skip(f"node is {found}; the studio's JavaScript tests need Node {OLDEST[0]}.{OLDEST[1]} or newer "
                    "(node --test, module.register)")
    files = sorted(JS_TESTS.glob("*.test.mjs"))
    assert files, f"no *.test.mjs in {JS_TESTS}"
    # the files by name, not the folder: Node 21 and later read --test's arguments as globs
    r = subprocess.run([node, "--test", "--test-reporter=tap", *map(str, files)], cwd=JS_TESTS.parents[2],
                       capture_output=True, text=True, timeout=600)
    output = f"{r.stdout}\n{r.stderr}"
    assert r.returncode == 0, f"node --test failed (exit {r.returncode}):\n{output}"
    passed = re.search(r"^# pass (\d+)$", r.stdout, re.M)
    assert passed and int(passed[1]) > 0, f"node --test ran no tests:\n{output}"
