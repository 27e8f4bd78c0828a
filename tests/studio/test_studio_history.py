"""The studio's versions, counters and dashboard state, through its API."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from poster_gen.cli import main
from test_studio_api import SLUG, client, proj  # noqa: F401  (the same fixtures)


def _save(client: TestClient, change, who: str = "") -> str:
    r = client.get(f"/api/landmarks/{SLUG}")
    data = r.json()
    change(data)
    r = client.put(f"/api/landmarks/{SLUG}", json=data,
                   headers={"If-Match": r.headers["ETag"], **({"X-Studio-User": quote(who)} if who else {})})
    assert r.status_code == 200, r.text
    return r.headers["ETag"]


def test_every_save_is_listed_and_any_can_be_put_back(client: TestClient, proj: Path):
    path = proj / "data" / "landmarks" / f"{SLUG}.yaml"
    original = path.read_bytes()
    _save(client, lambda d: d["key_figures"][0].update(value="250+"), who="王芳")
    tag = _save(client, lambda d: d["ambition"].update(en="A landmark city of chips"))
    kept = client.get(f"/api/landmarks/{SLUG}/versions").json()["versions"]
    assert [v["number"] for v in kept] == [3, 2, 1]
    assert kept[1]["who"] == "王芳" and kept[1]["summary"].endswith("→ 250+")
    assert kept[0]["summary"].startswith("ambition.en: ")
    r = client.post(f"/api/landmarks/{SLUG}/versions/1/restore", headers={"If-Match": tag})
    assert r.status_code == 200 and path.read_bytes() == original
    assert client.post(f"/api/landmarks/{SLUG}/versions/1/restore",
                       headers={"If-Match": tag}).status_code == 412  # stale: the file moved on
    assert client.post(f"/api/landmarks/{SLUG}/versions/99/restore",
                       headers={"If-Match": r.headers["ETag"]}).status_code == 404
    assert client.post(f"/api/landmarks/{SLUG}/versions/x/restore",
                       headers={"If-Match": r.headers["ETag"]}).status_code == 404


def test_a_preview_says_what_each_frame_holds(client: TestClient):
    data = client.get(f"/api/landmarks/{SLUG}").json()
    r = client.post(f"/api/preview/{SLUG}.png?width=400", json=data)
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    capacity = json.loads(r.headers["X-Capacity"])
    assert capacity["ambition.en"] >= len(data["ambition"]["en"])
    assert capacity["ambition.zh"] < 40  # one line of display type, not the schema's 120


@pytest.mark.slow
def test_cards_say_changed_since_the_last_export_and_follow_saves(client: TestClient, proj: Path):
    assert main(["build", "--project", str(proj), "--only", SLUG, "--only", "brochure"]) == 0
    card = next(c for c in client.get("/api/dashboard").json()["landmarks"] if c["slug"] == SLUG)
    assert card["built"] and card["changed"] is False
    before = card["version"]
    _save(client, lambda d: d["key_figures"][0].update(value="250+"))
    card = next(c for c in client.get("/api/dashboard").json()["landmarks"] if c["slug"] == SLUG)
    assert card["changed"] is True and card["version"] != before
    assert client.get("/api/dashboard").json()["brochure"]["changed"] is True
