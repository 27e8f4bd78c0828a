"""The campaign's texts (data/campaign.yaml) edited through the studio's API exactly as a
landmark is: read with an ETag, saved with If-Match keeping the file's comments and key
order, every save a version with who made it, undo, the versions and putting one back;
checked as a build checks it (the brochure and every poster composed with it, a text too
long said plainly at its field); previewed a brochure page at a time, with the capacities
of its text fields. Malformed requests are refused, never a server error."""
from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import copy_project
from poster_gen.studio.app import create_app

BASE = "http://127.0.0.1:8765"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def proj(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("campaign") / "p")


@pytest.fixture(scope="module")
def client(proj: Path) -> TestClient:
    return TestClient(create_app(proj), base_url=BASE)


def campaign_file(proj: Path) -> Path:
    return proj / "data" / "campaign.yaml"


def load(client: TestClient) -> tuple[dict, str]:
    r = client.get("/api/campaign")
    assert r.status_code == 200, r.text
    return r.json(), r.headers["etag"]


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(png)).size


def test_read_gives_the_campaign_with_its_etag_and_the_schema(client: TestClient):
    data, tag = load(client)
    assert data["brochure"]["title"] == {"zh": "南京产业地标", "en": "Nanjing Industrial Landmarks"}
    assert data["labels"]["scan"]["en"] == "Scan for investment opportunities"
    assert tag.startswith('"') and len(tag) > 10
    info = client.get("/api/info").json()
    schema = info["schemas"]["campaign"]
    assert list(schema["properties"])[:3] == ["year", "city", "series"]
    assert info["schema"] == info["schemas"]["landmark"]  # the landmark editor's schema, where it was


def test_save_keeps_comments_and_order_and_is_a_version_that_can_be_undone(client: TestClient, proj: Path):
    path = campaign_file(proj)
    before = path.read_text(encoding="utf-8")
    data, tag = load(client)
    data["brochure"]["subtitle"]["en"] = "An investment guide to five landmarks"
    r = client.put("/api/campaign", json=data, headers={"If-Match": tag, "X-Studio-User": "Li%20Na"})
    assert r.status_code == 200, r.text
    new = r.headers["etag"]
    assert new != tag and r.json()["etag"] in new
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [("    en: Investment guide to five industrial landmarks",
                        "    en: An investment guide to five landmarks")]
    assert comments(after) == comments(before) and len(after.splitlines()) == len(before.splitlines())
    assert load(client)[1] == new

    kept = client.get("/api/campaign/versions").json()["versions"]
    assert [v["number"] for v in kept] == [2, 1]
    assert kept[0]["who"] == "Li Na" and kept[1]["summary"] == "as found"
    assert kept[0]["summary"] == "brochure.subtitle.en: Investment guide to five indust… → An investment guide to five lan…"
    assert (proj / "data" / ".history" / "campaign.yaml.versions" / "2.yaml").read_text(encoding="utf-8") == after

    # undo: the file as it was, itself a version
    r = client.post("/api/campaign/undo", headers={"If-Match": new})
    assert r.status_code == 200, r.text
    assert path.read_text(encoding="utf-8") == before
    undone = r.headers["etag"]
    # put version 2 back: the edit again, a new version; nothing lost
    r = client.post("/api/campaign/versions/2/restore", headers={"If-Match": undone})
    assert r.status_code == 200, r.text
    assert path.read_text(encoding="utf-8") == after
    kept = client.get("/api/campaign/versions").json()["versions"]
    assert [v["summary"] for v in kept[:2]] == ["version 2 put back", "undo of the last save"]
    # and back to the file as found, for the tests after this one
    r = client.post("/api/campaign/versions/1/restore", headers={"If-Match": r.headers["etag"]})
    assert r.status_code == 200 and path.read_text(encoding="utf-8") == before


def test_optimistic_locking(client: TestClient, proj: Path):
    path = campaign_file(proj)
    data, tag = load(client)
    before = path.read_bytes()
    data["growth"]["en"] = "Nanjing's economy has kept growing steadily."
    assert client.put("/api/campaign", json=data).status_code == 428
    assert client.put("/api/campaign", json=data, headers={"If-Match": '"0123abcd"'}).status_code == 412
    assert client.post("/api/campaign/undo", headers={"If-Match": '"0123abcd"'}).status_code == 412
    assert client.post("/api/campaign/undo").status_code == 428
    assert client.post("/api/campaign/versions/1/restore", headers={"If-Match": '"0123abcd"'}).status_code == 412
    assert client.post("/api/campaign/versions/999/restore", headers={"If-Match": tag}).status_code == 404
    assert client.post("/api/campaign/versions/x1/restore", headers={"If-Match": tag}).status_code == 404
    assert path.read_bytes() == before  # nothing written by a refusal
    # a colleague edits the file by hand meanwhile: the stale save is refused
    path.write_bytes(before.replace(b"year: 2020", b"year: 2021"))
    try:
        r = client.put("/api/campaign", json=data, headers={"If-Match": tag})
        assert r.status_code == 412 and "nothing was overwritten" in r.json()["error"]
        assert b"year: 2021" in path.read_bytes()
    finally:
        path.write_bytes(before)


def test_a_brochure_title_too_long_is_refused_plainly_at_its_field(client: TestClient, proj: Path):
    path = campaign_file(proj)
    before = path.read_bytes()
    data, tag = load(client)
    data["brochure"]["title"]["zh"] = "南京产业地标南京产业地标南京产业"  # 16 characters: the model takes 40, the cover 10
    r = client.put("/api/campaign", json=data, headers={"If-Match": tag})
    assert r.status_code == 422, r.text
    (err,) = r.json()["errors"]
    assert err["field"] == "brochure.title.zh"
    assert err["message"] == "about 8 characters too long for this space"
    assert path.read_bytes() == before
    r = client.post("/api/campaign/preview.png", json=data)  # drawn past its frame, marked; listed
    assert r.status_code == 200 and json.loads(r.headers["x-problems"]) == [err]


def test_campaign_text_on_the_posters_is_checked_too(client: TestClient):
    """The vision is printed on every poster: a vision the posters cannot hold is refused."""
    data, tag = load(client)
    data["vision"]["zh"] = "创新名城美丽古都" * 4
    r = client.put("/api/campaign", json=data, headers={"If-Match": tag})
    assert r.status_code == 422
    (err,) = r.json()["errors"]
    assert err["field"] == "vision.zh" and err["message"].endswith("characters too long for this space")


@pytest.mark.parametrize("change, field, words", [
    (lambda d: d["brochure"]["subtitle"].update(en=""), "brochure.subtitle.en", "no English text"),
    (lambda d: d.update(year="2020x"), "year", ""),
    (lambda d: d["labels"].pop("scan"), "labels", "the label 'scan' is missing"),
    (lambda d: d.update(words=["ab"]), "words[0]", "not a word of Chinese characters"),
    (lambda d: d["contact"].update(url="not a web address"), "contact.url", "not a web address"),
])
def test_the_model_and_the_build_checks_refuse_at_the_field(client: TestClient, change, field, words):
    data, tag = load(client)
    change(data)
    r = client.put("/api/campaign", json=data, headers={"If-Match": tag})
    assert r.status_code == 422, r.text
    errors = r.json()["errors"]
    assert any(e["field"] == field and words in e["message"] for e in errors), errors


def test_previews_of_the_brochure_pages(client: TestClient):
    data, _ = load(client)
    r = client.get("/api/campaign/preview.png?width=400")
    assert r.status_code == 200 and r.content.startswith(PNG) and r.headers["content-type"] == "image/png"
    assert size(r.content)[0] == 400
    assert r.headers["x-page"] == "1" and int(r.headers["x-pages"]) >= 2
    pages = int(r.headers["x-pages"])
    capacity = json.loads(r.headers["x-capacity"])
    # the campaign's own fields, as the form names them; labels under their own name
    assert capacity["brochure.title.zh"] == 10 and capacity["brochure.subtitle.en"] > 20
    assert "labels.scan.zh" in capacity and not any(k.startswith(("campaign.", "landmark.")) for k in capacity)
    where = json.loads(r.headers["x-field-pages"])
    assert where["brochure.title.zh"] == [1] and 2 in where["launch.en"]
    page1 = r.content
    r = client.get("/api/campaign/preview.png?width=400&page=2")
    assert r.status_code == 200 and r.content.startswith(PNG) and r.content != page1
    assert r.headers["x-page"] == "2"
    # unsaved data, page 2: what the form holds, not the file
    edited = copy.deepcopy(data)
    edited["launch"]["en"] = "On 15 June 2020 Nanjing launched its posters for five industrial landmarks."
    r2 = client.post("/api/campaign/preview.png?width=400&page=2", json=edited)
    assert r2.status_code == 200 and r2.content.startswith(PNG) and r2.content != r.content
    assert int(r2.headers["x-pages"]) == pages
    # the cover of unsaved data: a new subtitle is drawn
    edited = copy.deepcopy(data)
    edited["brochure"]["subtitle"]["en"] = "A guide"
    r3 = client.post("/api/campaign/preview.png?width=400", json=edited)
    assert r3.status_code == 200 and r3.content != page1
    assert json.loads(r3.headers["x-capacity"])["brochure.subtitle.en"] >= 100
    # no such page
    assert client.get(f"/api/campaign/preview.png?page={pages + 1}").status_code == 404
    assert client.get("/api/campaign/preview.png?page=99999999").status_code == 400
    for bad in ("0", "-1", "abc", "1.5", "", "%00"):
        assert client.get(f"/api/campaign/preview.png?page={bad}").status_code == 400, bad
    assert client.post("/api/campaign/preview.png?page=0", json=data).status_code == 400


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'"text"', b"null", b"1", b'{"year": 2020}',
                                  b'{"brochure": [1, 2]}', b'{"labels": {"scan": 5}}', b"{" * 70 + b"}" * 70])
def test_malformed_input_is_refused_never_a_server_error(client: TestClient, proj: Path, body: bytes):
    path = campaign_file(proj)
    before = path.read_bytes()
    tag = load(client)[1]
    headers = {"Content-Type": "application/json"}
    r = client.put("/api/campaign", content=body, headers={**headers, "If-Match": tag})
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    r = client.post("/api/campaign/preview.png", content=body, headers=headers)
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert path.read_bytes() == before


def test_the_dashboard_offers_the_brochure_texts(client: TestClient, proj: Path):
    from poster_gen.studio.yamlsave import etag

    card = client.get("/api/dashboard").json()["brochure"]
    assert card["preview"] == "/api/campaign/preview.png"
    assert card["version"] == etag(campaign_file(proj).read_bytes())[:16]


def test_a_campaign_file_broken_by_hand_is_said_where(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    client = TestClient(create_app(proj), base_url=BASE)
    path = campaign_file(proj)
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2020", "year: [2020"), encoding="utf-8")
    r = client.get("/api/campaign")
    assert r.status_code == 422 and r.headers["etag"]
    assert r.json()["errors"][0]["where"].startswith("data/campaign.yaml:")
    assert client.get("/api/info").status_code == 200  # the editor still opens, to mend it
    r = client.get("/api/campaign/preview.png")
    assert r.status_code == 422 and r.json()["errors"]


def test_no_campaign_file_is_a_404(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    campaign_file(proj).unlink()
    client = TestClient(create_app(proj), base_url=BASE)
    for method, url in (("GET", "/api/campaign"), ("PUT", "/api/campaign"), ("POST", "/api/campaign/undo"),
                        ("GET", "/api/campaign/versions"), ("POST", "/api/campaign/versions/1/restore"),
                        ("GET", "/api/campaign/preview.png")):
        r = client.request(method, url, json={}, headers={"If-Match": '"x"'})
        assert r.status_code == 404, (method, url, r.status_code)


def test_a_broken_campaign_file_leaves_the_dashboard_a_way_to_mend_it(tmp_path: Path):
    proj = copy_project(tmp_path / "p")
    client = TestClient(create_app(proj), base_url=BASE)
    path = campaign_file(proj)
    good = path.read_bytes()
    data, tag = load(client)
    path.write_bytes(good.replace(b"year: 2020", b"year: [2020"))
    r = client.get("/api/dashboard")
    assert r.status_code == 422 and r.json()["campaign"] is True
    assert any(e.startswith("data/campaign.yaml:") for e in r.json()["errors"])
    # the broken file's ETag lets the version as found be put back over it
    broken = client.get("/api/campaign").headers["etag"]
    path.write_bytes(good)
    tag2 = client.put("/api/campaign", json=dict(data, year=2021), headers={"If-Match": tag}).headers["etag"]
    path.write_bytes(good.replace(b"year: 2020", b"year: [2020"))
    assert client.get("/api/campaign").headers["etag"] == broken != tag2
    r = client.post("/api/campaign/versions/1/restore", headers={"If-Match": broken})
    assert r.status_code == 200, r.text
    assert path.read_bytes() == good and client.get("/api/dashboard").status_code == 200
