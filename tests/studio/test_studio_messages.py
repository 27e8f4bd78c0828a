"""Every message the studio's server sends has its Chinese: its own answers (``error(...)``,
the guard's refusals, the body checks) from the message catalogue, each listed problem with
``message_zh`` and ``where_zh``, and the theme colours with their Chinese names."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import copy_project
from poster_gen.messages import translate_line, translation
from poster_gen.studio.app import create_app

STUDIO = Path(__file__).resolve().parents[2] / "src" / "poster_gen" / "studio"
SLUG = "integrated-circuits"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _worded(node: ast.AST) -> str | None:
    """A literal message (an f-string with sample values in its fields), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # a field chosen between words (x if c else y): the first
        return "".join(v.value if isinstance(v, ast.Constant) else
                       v.value.body.value if isinstance(v.value, ast.IfExp) and isinstance(v.value.body, ast.Constant)
                       else "7" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _worded(node.left), _worded(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _studio_messages() -> list[tuple[str, str]]:
    """What the studio's code words for the user: the messages of error(status, ...), of the
    guard's refusals (return status, "..."), of BadBody(...), of read_bytes's 413, of a
    document kind's 404 and of the Problems it makes itself."""
    found = []
    for path in sorted(STUDIO.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            said: list[ast.AST] = []
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name == "error" and len(node.args) >= 2:
                    said.append(node.args[1])
                elif name in ("BadBody",) and node.args:
                    said.append(node.args[0])
                elif name == "read_bytes" and len(node.args) >= 3:
                    said.append(node.args[2])
                elif name == "Problem" and len(node.args) >= 5:
                    said.append(node.args[4])
                elif name == "Kind" and len(node.args) >= 2:
                    said.append(node.args[1])
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2 \
                    and isinstance(node.value.elts[0], ast.Constant) and isinstance(node.value.elts[0].value, int):
                said.append(node.value.elts[1])
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("message", "why") for t in node.targets):
                said.append(node.value)
            for n in said:
                text = _worded(n)
                if text and re.search("[a-z]{2,} [a-z]{2,}", text):
                    found.append((f"{path.name}:{n.lineno}", text))
    return found


MESSAGES = _studio_messages()


def test_the_scan_finds_the_studios_messages():
    texts = {t for _, t in MESSAGES}
    assert len(MESSAGES) > 30
    assert "no such version" in texts and "cross-site requests are refused" in texts


@pytest.mark.parametrize("where, text", MESSAGES, ids=[w for w, _ in MESSAGES])
def test_every_message_of_the_studio_has_its_chinese(where, text):
    zh = translation(text, "zh")
    assert zh is not None and HAN.search(zh), f"{where}: {text!r} is not in messages_zh.yaml"


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(copy_project(tmp_path)), base_url="http://127.0.0.1:8765")


def test_an_answer_carries_the_chinese_of_its_message(client: TestClient):
    r = client.get("/api/landmarks/no-such-thing")
    assert r.status_code == 404
    body = r.json()
    assert body["zh"] == {body["error"]: "没有这个产业地标"}
    got = client.get(f"/api/landmarks/{SLUG}")
    r = client.put(f"/api/landmarks/{SLUG}", json=got.json(), headers={"If-Match": '"stale"'})
    assert r.status_code == 412 and HAN.search(r.json()["zh"][r.json()["error"]])


def test_each_problem_carries_its_chinese(client: TestClient):
    got = client.get(f"/api/landmarks/{SLUG}")
    data = got.json()
    data["key_figures"][0]["value"] = "1234567890123456"
    data["order"] = "first"
    r = client.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": got.headers["etag"]})
    assert r.status_code == 422
    for e in r.json()["errors"]:
        zh = e.get("message_zh") or r.json()["zh"].get(e["message"])
        assert zh and HAN.search(zh) and zh != e["message"], e
        where = e.get("where_zh") or r.json()["zh"].get(e["where"])
        assert where and where.endswith(zh), e


def test_a_located_line_keeps_its_place_and_says_the_rest_in_chinese():
    line = "error: data/landmarks/x.yaml:3:5: key_figures[0].value: is 16 characters long; at most 12 fit here"
    assert translate_line(line, "zh") == "错误：data/landmarks/x.yaml:3:5：key_figures[0].value：长 16 个字符，此处最多容纳 12 个"
    assert translate_line(line, "en") == line


def test_theme_colours_have_chinese_names(client: TestClient):
    themes = client.get("/api/info").json()["themes"]
    assert themes
    for name, theme in themes.items():
        for token, colour in theme["colours"].items():
            assert HAN.search(colour["name_zh"]), (name, token, colour)
