"""The studio offers the editions: the saved poster in another edition under the live
preview, and the print set exported in the edition chosen."""
from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image
from starlette.testclient import TestClient

from conftest import copy_project
from editions_sample import apply_sample
from poster_gen.studio.app import create_app

BASE = "http://127.0.0.1:8765"
SLUG = "integrated-circuits"


@pytest.fixture(scope="module")
def proj(tmp_path_factory) -> Path:
    proj = copy_project(tmp_path_factory.mktemp("ed") / "p")
    apply_sample(proj, "ja")
    return proj


@pytest.fixture(scope="module")
def client(proj: Path) -> TestClient:
    return TestClient(create_app(proj), base_url=BASE)


def test_the_saved_poster_in_another_edition(client: TestClient):
    for edition in ("zh-Hant-en", "ja-en"):
        r = client.get(f"/api/landmarks/{SLUG}/edition.png?edition={edition}&width=300")
        assert r.status_code == 200, r.text
        img = Image.open(io.BytesIO(r.content))
        assert img.format == "PNG" and img.width == 300
    a = client.get(f"/api/landmarks/{SLUG}/edition.png?edition=zh-Hant-en&width=300").content
    b = client.get(f"/api/landmarks/{SLUG}/edition.png?edition=ja-en&width=300").content
    assert a != b  # a different text, a different face


def test_an_edition_the_data_lacks_says_which_fields(client: TestClient):
    r = client.get("/api/landmarks/new-energy-vehicles/edition.png?edition=ja-en")
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert errors and all("no Japanese text" in e["message"] for e in errors)
    assert any(e["field"] == "name.ja" for e in errors)
    assert all(e["message_zh"] and "Japanese" not in e["message_zh"] for e in errors)  # said in Chinese too


@pytest.mark.parametrize("url", ["/api/landmarks/integrated-circuits/edition.png?edition=fr",
                                 "/api/landmarks/integrated-circuits/edition.png?edition=../zh"])
def test_an_unknown_edition_is_refused(client: TestClient, url: str):
    r = client.get(url)
    assert r.status_code == 400 and "edition must be one of" in r.json()["error"]
    assert client.get("/api/landmarks/no-such/edition.png?edition=ja").status_code == 404


def test_the_print_set_is_exported_in_the_edition_chosen(client: TestClient, proj: Path):
    r = client.post("/api/build", json={"edition": "zh-Hant"})
    assert r.status_code == 202 and r.json()["edition"] == "zh-Hant"
    job = r.json()["job"]
    for _ in range(600):
        state = client.get(f"/api/build/{job}").json()
        if state["state"] in ("done", "failed"):
            break
        time.sleep(0.2)
    assert state["state"] == "done", state
    names = {f["name"] for f in state["files"]}
    assert "posters/integrated-circuits.zh-Hant.pdf" in names and "brochure.zh-Hant.pdf" in names
    assert (proj / "output" / "posters" / "integrated-circuits.zh-Hant.pdf").is_file()
    for bad in ({"edition": "xx"}, {"edition": ["ja"]}, ["ja"], "ja", 3):
        assert client.post("/api/build", json=bad).status_code == 400, bad
    r = client.post("/api/build", content=b"edition=ja", headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    r = client.post("/api/build", content=b"{", headers={"content-type": "application/json"})
    assert r.status_code == 400


def test_a_page_of_the_brochure_in_another_edition(client: TestClient):
    r = client.get("/api/campaign/edition.png?edition=zh-Hant-en&page=3&width=300")
    assert r.status_code == 200, r.text
    assert Image.open(io.BytesIO(r.content)).width == 300
    other = client.get("/api/campaign/edition.png?edition=zh-Hant-en&page=4&width=300")
    assert other.status_code == 200 and other.content != r.content
    assert client.get("/api/campaign/edition.png?edition=zh-Hant-en&page=99").status_code == 404
    for bad in ("0", "x", "-1", "1e3", "12345"):
        assert client.get(f"/api/campaign/edition.png?edition=zh-Hant-en&page={bad}").status_code == 400, bad
    # the brochure prints every landmark: Japanese lacks four of them (and their fields are named)
    r = client.get("/api/campaign/edition.png?edition=ja-en&page=1")
    assert r.status_code == 422
    fields = {e["where"].split(":")[0] for e in r.json()["errors"]}
    assert "data/landmarks/new-energy-vehicles.yaml" in fields
