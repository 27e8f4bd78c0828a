"""Attacks on the studio, against the real app (issue 17, "Security and robustness"):
each finding of the review as a test. Clickjacking (security headers on every kind of
response), a thumbnail cache grown without bound, reads from other sites, internal
errors on malformed input, the token mode and DNS rebinding, hidden files, absolute
paths in responses, bodies that are not JSON."""
from __future__ import annotations

import asyncio
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import copy_project
from poster_gen.studio import app as studio_app
from poster_gen.studio.app import ALLOWED_WIDTHS, THUMB_BUDGET, create_app
from poster_gen.studio.bodies import MAX_DEPTH, dumps
from poster_gen.studio.lru import LRU
from poster_gen.studio.jobs import Job

BASE = "http://127.0.0.1:8765"
SLUG = "integrated-circuits"
TOKEN = "s3cret-token"


@pytest.fixture()
def proj(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


@pytest.fixture()
def app(proj: Path):
    return create_app(proj)


@pytest.fixture()
def client(app) -> TestClient:
    # a 500 comes back as a response here, so the tests can say "4xx, not 500"
    return TestClient(app, base_url=BASE, raise_server_exceptions=False)


def token_client(proj: Path, host: str = "127.0.0.1:8765") -> TestClient:
    app = create_app(proj, host="0.0.0.0", port=8765, token=TOKEN)
    return TestClient(app, base_url=f"http://{host}", raise_server_exceptions=False)


def fake_pdf(path: Path, size=(60, 85)) -> Path:
    """A small real one-page PDF (drawn by PIL): enough for thumbnails, no build needed."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (196, 26, 94)).save(path, "PDF", resolution=72)
    return path


def landmark_file(proj: Path) -> Path:
    return proj / "data" / "landmarks" / f"{SLUG}.yaml"


def loaded(client: TestClient) -> tuple[dict, str]:
    r = client.get(f"/api/landmarks/{SLUG}")
    return r.json(), r.headers["etag"]


# -- clickjacking: security headers on every kind of response ---------------------------------

def _responses(proj: Path) -> dict[str, object]:
    fake_pdf(proj / "output" / "posters" / f"{SLUG}.pdf")
    c = TestClient(create_app(proj), base_url=BASE, raise_server_exceptions=False)
    t = token_client(proj)
    return {
        "page": c.get("/"),
        "api json": c.get("/api/landmarks"),
        "static file": c.get("/static/app.js"),
        "404 api": c.get("/api/landmarks/no-such-landmark"),
        "404 route": c.get("/no/such/route"),
        "405": c.delete("/api/landmarks"),
        "built file": c.get(f"/files/posters/{SLUG}.pdf"),
        "thumbnail": c.get(f"/api/thumbnail/posters/{SLUG}.pdf?width=200"),
        "guard 421": c.get("/", headers={"Host": "evil.example:8765"}),
        "guard 403": c.get("/api/dashboard", headers={"Sec-Fetch-Site": "cross-site"}),
        "guard 415": c.post("/api/build", content=b"x=1", headers={"Content-Type": "text/plain"}),
        "guard 401": t.get("/"),
        "token 303": t.get(f"/?token={TOKEN}", follow_redirects=False),
    }


def test_every_kind_of_response_carries_the_security_headers(proj: Path):
    """The clickjacking finding: a page on another port framed the editor and clicked
    "Undo last save". Now nothing may frame any response, the Guard's refusals included."""
    responses = _responses(proj)
    expected = {"page": 200, "api json": 200, "static file": 200, "404 api": 404, "404 route": 404, "405": 405,
                "built file": 200, "thumbnail": 200, "guard 421": 421, "guard 403": 403, "guard 415": 415,
                "guard 401": 401, "token 303": 303}
    for kind, r in responses.items():
        assert r.status_code == expected[kind], (kind, r.status_code, r.text[:200])
        h = r.headers
        assert h["x-frame-options"] == "DENY", kind
        assert "frame-ancestors 'none'" in h["content-security-policy"], kind
        assert h["x-content-type-options"] == "nosniff", kind
        assert h["referrer-policy"] == "no-referrer", kind
        assert h["cross-origin-resource-policy"] == "same-origin", kind
        assert len(h.get_list("content-security-policy")) == 1, kind


def test_the_page_policy_is_strict(client: TestClient):
    csp = client.get("/").headers["content-security-policy"]
    directives = dict((d.split(" ", 1) + [""])[:2] for d in (x.strip() for x in csp.split(";")))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp  # no inline script or style, no eval


def test_the_page_has_no_inline_script_or_style():
    """What the policy refuses, the page must not need (the browser test runs it for real)."""
    import re

    html = (studio_app.STATIC / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline <script>"
    assert "<style" not in html and " style=" not in html and not re.search(r"\son[a-z]+=", html)


# -- the thumbnail cache stays bounded -------------------------------------------------------------

def test_360_widths_leave_the_thumbnail_cache_within_its_bounds(app, client: TestClient, proj: Path):
    """The finding: 360 requests with widths 2400, 2390, ... took the server from 109 to
    635 MiB. Widths now snap to a fixed set and the cache has a byte budget."""
    from PIL import Image

    fake_pdf(proj / "output" / "posters" / f"{SLUG}.pdf")
    studio = app.studio
    seen = set()
    for width in range(2400, 2400 - 360 * 6, -6):
        r = client.get(f"/api/thumbnail/posters/{SLUG}.pdf?width={width}")
        assert r.status_code == 200
        seen.add(Image.open(io.BytesIO(r.content)).size[0])
    assert seen <= set(ALLOWED_WIDTHS)
    keys = studio.thumbs.keys()
    assert len([k for k in keys if k[0] == f"posters/{SLUG}.pdf"]) <= len(ALLOWED_WIDTHS)
    assert 0 < studio.thumbs.bytes <= THUMB_BUDGET
    assert studio.thumbs.bytes == sum(len(v[1]) for v in studio.thumbs.items.values())


def test_the_width_the_page_asks_for_is_kept(client: TestClient, proj: Path):
    from PIL import Image

    fake_pdf(proj / "output" / "brochure.pdf")
    for asked, got in [(400, 400), (390, 400), (1, 200), (99999, 2400), ("nonsense", 400)]:
        r = client.get(f"/api/thumbnail/brochure.pdf?width={asked}")
        assert r.status_code == 200 and Image.open(io.BytesIO(r.content)).size[0] == got, asked


def test_the_byte_budget_evicts_the_least_recently_used(app, client: TestClient, proj: Path):
    studio = app.studio
    for i in range(4):
        fake_pdf(proj / "output" / "posters" / f"p{i}.pdf")
    client.get("/api/thumbnail/posters/p0.pdf?width=200")
    one = studio.thumbs.bytes
    studio.thumbs.max_bytes = 3 * one  # room for three of these
    for i in (1, 2, 0, 3):  # p0 used again before p3 arrives: p1 is the oldest
        client.get(f"/api/thumbnail/posters/p{i}.pdf?width=200")
    names = [k[0] for k in studio.thumbs.keys()]
    assert names == ["posters/p2.pdf", "posters/p0.pdf", "posters/p3.pdf"]
    assert studio.thumbs.bytes <= 3 * one


def test_a_changed_file_replaces_its_thumbnail(app, client: TestClient, proj: Path):
    pdf = fake_pdf(proj / "output" / "brochure.pdf")
    first = client.get("/api/thumbnail/brochure.pdf?width=200").content
    fake_pdf(pdf, size=(60, 60))
    os.utime(pdf, ns=(1, 1))  # another version, whatever the clock
    second = client.get("/api/thumbnail/brochure.pdf?width=200").content
    assert first != second and len(app.studio.thumbs) == 1


def test_lru_accounting():
    cache = LRU(max_bytes=10, max_entries=3, size=len)
    cache.put("a", b"1234")
    cache.put("b", b"1234")
    cache.get("a")
    cache.put("c", b"1234")  # 12 bytes: b, the least recently used, goes
    assert cache.keys() == ["a", "c"] and cache.bytes == 8
    cache.put("big", b"x" * 11)  # larger than the budget: not kept, nothing evicted
    assert cache.keys() == ["a", "c"]
    cache.put("a", b"1")
    assert cache.bytes == 5
    for k in "defg":
        cache.put(k, b"")
    assert len(cache) == 3


def test_preflight_results_are_bounded(app, proj: Path):
    studio = app.studio
    pdf = fake_pdf(proj / "output" / "brochure.pdf")
    for i in range(studio.preflights.max_entries + 50):
        studio._preflight(pdf, f"f{i}.pdf")
    assert len(studio.preflights) == studio.preflights.max_entries


def test_forty_images_at_once_draw_each_width_once(app, proj: Path, monkeypatch):
    """The finding: a page on another site with 40 <img> tags. Other sites are refused
    now (below); even the studio's own page asking 40 widths at once draws each allowed
    width once: concurrent requests wait for the drawing slot and find it drawn."""
    from poster_gen.studio import engine

    fake_pdf(proj / "output" / "brochure.pdf")
    drawn = []
    real = engine.thumbnail
    monkeypatch.setattr(engine, "thumbnail", lambda data, width: drawn.append(width) or real(data, width))

    async def attack():
        return await asyncio.gather(*(asgi_get(app, f"/api/thumbnail/brochure.pdf?width={2400 - i * 55}")
                                      for i in range(40)))
    statuses = asyncio.run(attack())
    assert statuses == [200] * 40
    assert sorted(drawn) == sorted(set(drawn)) and set(drawn) <= set(ALLOWED_WIDTHS)
    assert app.studio._drawing == {}  # nothing left behind


async def asgi_get(app, url: str, headers: dict | None = None) -> int:
    return (await asgi_call(app, url, headers))[0]


async def asgi_call(app, url: str, headers: dict | None = None) -> tuple[int, dict[str, str]]:
    """A GET straight through ASGI (the path exactly as given): (status, headers)."""
    path, _, query = url.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1:8765")] + [(k.lower().encode(), v.encode())
                                                           for k, v in (headers or {}).items()],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8765)}
    start = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            start.append(message)
    await app(scope, receive, send)
    return start[0]["status"], {k.decode("latin-1"): v.decode("latin-1") for k, v in start[0]["headers"]}


# -- reads from other sites ---------------------------------------------------------------------------

COSTLY = [f"/api/thumbnail/posters/{SLUG}.pdf?width=400", f"/api/preview/{SLUG}.png?width=200",
          f"/files/posters/{SLUG}.pdf", "/api/print-set.zip", "/api/dashboard"]


@pytest.mark.parametrize("url", COSTLY)
@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_other_sites_cannot_make_the_studio_work(app, client: TestClient, proj: Path, url: str, site: str):
    """<img src="http://127.0.0.1:8765/api/thumbnail/...">, from another site or another
    port of this machine ("same-site"), is refused before any work is done."""
    fake_pdf(proj / "output" / "posters" / f"{SLUG}.pdf")
    for mode, dest in [("no-cors", "image"), ("cors", "empty"), ("navigate", "document"), ("navigate", "iframe")]:
        r = client.get(url, headers={"Sec-Fetch-Site": site, "Sec-Fetch-Mode": mode, "Sec-Fetch-Dest": dest})
        assert r.status_code == 403, (mode, dest)
    assert len(app.studio.thumbs) == 0


@pytest.mark.parametrize("url", COSTLY)
@pytest.mark.parametrize("site", ["same-origin", "none", None])
def test_the_page_itself_and_scripts_can(client: TestClient, proj: Path, url: str, site: str | None):
    """The studio's own page (same-origin), a typed address or bookmark (none), and
    curl or a script (no such headers) are served."""
    fake_pdf(proj / "output" / "posters" / f"{SLUG}.pdf")
    headers = {"Sec-Fetch-Site": site, "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"} if site else {}
    assert client.get(url, headers=headers).status_code == 200


def test_a_link_from_another_site_opens_the_page(client: TestClient):
    r = client.get("/", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate",
                                 "Sec-Fetch-Dest": "document"})
    assert r.status_code == 200 and "poster-gen studio" in r.text


def test_other_sites_cannot_change_anything(client: TestClient, proj: Path):
    before = landmark_file(proj).read_bytes()
    data, tag = loaded(client)
    for headers in ({"Origin": "http://127.0.0.1:3000"}, {"Origin": "null"}, {"Sec-Fetch-Site": "same-site"},
                    {"Sec-Fetch-Site": "cross-site"}):
        assert client.post(f"/api/landmarks/{SLUG}/undo", headers={"If-Match": tag, **headers}).status_code == 403
        assert client.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": tag, **headers}).status_code == 403
    assert landmark_file(proj).read_bytes() == before


# -- malformed input: a 4xx, never a 500 --------------------------------------------------------------

@pytest.mark.parametrize("length", [251, 256, 300, 5000])
def test_over_long_slugs(client: TestClient, length: int):
    slug = "a" * length
    assert client.get(f"/api/landmarks/{slug}").status_code == 404
    assert client.put(f"/api/landmarks/{slug}", json={}, headers={"If-Match": '"x"'}).status_code == 404
    assert client.post(f"/api/landmarks/{slug}/undo", headers={"If-Match": '"x"'}).status_code == 404
    assert client.get(f"/api/preview/{slug}.png").status_code == 404
    assert client.post(f"/api/preview/{slug}.png", json={}).status_code == 404


@pytest.mark.parametrize("url", [
    "/files/a%00b.pdf", "/files/posters/%00", "/files/%00/x.pdf", "/api/thumbnail/a%00b.pdf",
    "/api/thumbnail/posters/x%00.pdf", "/static/app%00.js", "/api/landmarks/a%00b", "/api/preview/a%00.png",
    "/files/" + "a" * 300 + ".pdf", "/api/thumbnail/" + "a" * 300 + ".pdf", "/files/" + "a/" * 2000 + "x.pdf",
    "/static/" + "a" * 300, "/files/%ED%A0%80.pdf", "/api/thumbnail/%ED%A0%80.pdf", "/files/%FF%FE.pdf",
    "/files/%252e%252e/data/campaign.yaml", "/files/%c0%ae%c0%ae/data/campaign.yaml",
    "/files/posters%2F..%2F..%2Fdata%2Fcampaign.yaml", "/files/..%5c..%5cdata%5ccampaign.yaml",
    "/files/posters/..", "/api/thumbnail/posters/%2e%2e/%2e%2e/data/campaign.yaml",
    "/api/build/%00", "/api/build/" + "x" * 5000,
])
def test_malformed_paths_are_not_found(client: TestClient, proj: Path, url: str):
    (proj / "output" / "posters").mkdir(parents=True)
    r = client.get(url)
    assert r.status_code == 404, (r.status_code, r.text[:300])


def _nested(depth: int) -> bytes:
    return b'{"name": ' + b"[" * depth + b"]" * depth + b"}"


@pytest.mark.parametrize("depth", [MAX_DEPTH, 500, 998, 5000, 100_000])
def test_deep_json_is_refused_without_recursion(client: TestClient, proj: Path, depth: int):
    """JSON nested 490-998 levels reached RecursionError in the helper, deeper ones in the
    parser (196 KB of traceback per 1.2 KB request). Now the depth is counted first."""
    before = landmark_file(proj).read_bytes()
    _, tag = loaded(client)
    json_ = {"Content-Type": "application/json"}
    r1 = client.put(f"/api/landmarks/{SLUG}", content=_nested(depth), headers={"If-Match": tag, **json_})
    r2 = client.post(f"/api/preview/{SLUG}.png", content=_nested(depth), headers=json_)
    deep = depth + 1 > MAX_DEPTH  # the outer {} counts too
    for r in (r1, r2):
        if deep:
            assert r.status_code == 400 and "nested" in r.json()["error"], r.text[:200]
        else:
            assert r.status_code == 422, r.text[:200]  # parsed; the data itself is wrong
    assert landmark_file(proj).read_bytes() == before


@pytest.mark.parametrize("body", [b'\\"' * (512 * 1024 - 8), b'"\\' * (512 * 1024 - 8), b'"' * (1024 * 1024 - 8),
                                  b"[]" * (512 * 1024 - 8), b'"' + b"a\\" * (512 * 1024 - 8)])
def test_the_depth_check_takes_linear_time(client: TestClient, body: bytes):
    """1 MiB bodies that would make a backtracking string pattern quadratic."""
    import time

    start = time.perf_counter()
    r = client.post(f"/api/preview/{SLUG}.png", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code in (400, 422) and time.perf_counter() - start < 3


def test_brackets_inside_strings_are_not_nesting(client: TestClient):
    data, _ = loaded(client)
    data["name"]["en"] = "[" * 5000 + "{\"\\" * 100
    r = client.post(f"/api/preview/{SLUG}.png", json=data)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "name.en"


@pytest.mark.parametrize("body", [
    b'{"\\ud800": 1}', b'{"name": {"zh": "\\udfff", "en": "x"}}', b'{"x\\ud83d": [1]}', b'"\\ud800"',
])
def test_lone_surrogates_are_refused(client: TestClient, proj: Path, body: bytes):
    """A lone surrogate in a key made the error response itself fail (UnicodeEncodeError)."""
    before = landmark_file(proj).read_bytes()
    _, tag = loaded(client)
    json_ = {"Content-Type": "application/json"}
    for r in (client.put(f"/api/landmarks/{SLUG}", content=body, headers={"If-Match": tag, **json_}),
              client.post(f"/api/preview/{SLUG}.png", content=body, headers=json_)):
        assert r.status_code == 400 and "surrogate" in r.json()["error"]
    assert landmark_file(proj).read_bytes() == before


def test_a_pair_of_surrogates_is_just_a_character(client: TestClient):
    data, _ = loaded(client)
    body = json.dumps(dict(data, name={"zh": "集成电路", "en": "Chips \U0001F600"}), ensure_ascii=True).encode()
    assert b"\\ud83d\\ude00" in body
    r = client.post(f"/api/preview/{SLUG}.png?width=200", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code in (200, 422) and r.status_code != 400


def test_any_text_can_be_answered():
    assert json.loads(dumps({"error": "bad key \ud800 集成"})) == {"error": "bad key \ud800 集成"}
    assert dumps({"a": "集成"}).decode("utf-8") == '{"a":"集成"}'  # UTF-8 when it can be


@pytest.mark.parametrize("body", [
    b"\xff\xfe{}", b'{"order": NaN}', b'{"order": Infinity}', b'{"order": ' + b"9" * 5000 + b"}",
    b'{"name": {"zh": "a\\u0000b"}}', b"\xef\xbb\xbf{}", b"[" * 10 + b'"unterminated',
])
def test_other_bodies_that_are_not_json(client: TestClient, body: bytes):
    r = client.post(f"/api/preview/{SLUG}.png", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 400, r.text[:200]


def test_an_over_long_file_name_in_the_data(client: TestClient, proj: Path):
    before = landmark_file(proj).read_bytes()
    data, tag = loaded(client)
    data["hero_image"] = "assets/images/" + "a" * 300 + ".jpg"
    r = client.post(f"/api/preview/{SLUG}.png", json=data)
    assert r.status_code == 422 and str(proj) not in r.text
    r = client.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": tag})
    assert r.status_code == 422
    assert landmark_file(proj).read_bytes() == before


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                          None, "application/jsonx", "text/json"])
def test_bodies_only_as_json(client: TestClient, proj: Path, content_type: str | None):
    """PUT accepted Content-Type: text/plain (the "simple request" an HTML form can send)."""
    before = landmark_file(proj).read_bytes()
    data, tag = loaded(client)
    headers = {"If-Match": tag} | ({"Content-Type": content_type} if content_type else {})
    body = json.dumps(data).encode()
    assert client.put(f"/api/landmarks/{SLUG}", content=body, headers=headers).status_code == 415
    assert client.post(f"/api/preview/{SLUG}.png", content=body, headers=headers).status_code == 415
    assert landmark_file(proj).read_bytes() == before
    if content_type:  # a body on a route that takes none: no build starts
        assert client.post("/api/build", content=b"x", headers={"Content-Type": content_type}).status_code == 415


def test_json_with_a_charset_is_json(client: TestClient):
    data, tag = loaded(client)
    r = client.put(f"/api/landmarks/{SLUG}", content=json.dumps(data).encode(),
                   headers={"If-Match": tag, "Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200, r.text


# -- hidden files ------------------------------------------------------------------------------------------

def test_hidden_files_are_never_served_nor_zipped(client: TestClient, proj: Path, tmp_path: Path):
    out = proj / "output"
    fake_pdf(out / "posters" / f"{SLUG}.pdf")
    fake_pdf(out / "posters" / ".draft.pdf")
    fake_pdf(out / ".cache" / "posters" / "x.pdf")
    fake_pdf(out / "brochure-.old.pdf")  # a dot inside a name is not hidden
    (out / ".poster-gen-manifest.json").write_text('{"secret": 1}')
    (out / ".poster-gen.lock").write_text("1234")
    os.symlink(out / "posters" / ".draft.pdf", out / "posters" / "link.pdf")  # a visible name for a hidden file
    outside = fake_pdf(tmp_path / "outside.pdf")
    os.symlink(outside, out / "posters" / "leak.pdf")
    for url in ["/files/.poster-gen-manifest.json", "/files/.poster-gen.lock", "/files/posters/.draft.pdf",
                "/files/.cache/posters/x.pdf", "/files/posters/link.pdf", "/files/posters/leak.pdf",
                "/api/thumbnail/posters/.draft.pdf", "/api/thumbnail/.cache/posters/x.pdf",
                "/api/thumbnail/posters/link.pdf", "/files/%2Eposter-gen.lock"]:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/files/posters/{SLUG}.pdf").status_code == 200
    assert client.get("/files/brochure-.old.pdf").status_code == 200
    r = client.get("/api/print-set.zip")
    assert r.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert f"print-set/posters/{SLUG}.pdf" in names and "print-set/brochure-.old.pdf" in names
    assert not [n for n in names if "/." in n or "link" in n or "leak" in n], names


# -- no absolute paths in any response --------------------------------------------------------------------

def test_no_response_names_an_absolute_path(app, client: TestClient, proj: Path):
    fake_pdf(proj / "output" / "posters" / f"{SLUG}.pdf")
    broken = proj / "data" / "landmarks" / "artificial-intelligence.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    # a build's message naming the project by its absolute path, as a tool might
    app.studio.jobs.jobs["j1"] = Job("j1", state="failed",
                                     errors=[f"error: {proj}/data/landmarks/x.yaml: bad", f"error: in {proj}"])
    data, tag = loaded(client)
    bad = dict(data, hero_image=str(proj / "assets" / "nope.jpg"), nmae="typo")
    texts = {
        "info": client.get("/api/info"),
        "landmarks": client.get("/api/landmarks"),
        "dashboard": client.get("/api/dashboard"),
        "landmark": client.get(f"/api/landmarks/{SLUG}"),
        "broken landmark": client.get("/api/landmarks/artificial-intelligence"),
        "preview 422": client.post(f"/api/preview/{SLUG}.png", json=bad),
        "save 422": client.put(f"/api/landmarks/{SLUG}", json=bad, headers={"If-Match": tag}),
        "build": client.get("/api/build/j1"),
        "404": client.get("/files/nope.pdf"),
        "print-set report": client.get("/api/print-set.zip"),
    }
    assert texts["info"].json()["project"] == proj.name
    for kind, r in texts.items():
        assert r.status_code < 500, kind
        text = r.text if kind != "print-set report" else zipfile.ZipFile(io.BytesIO(r.content)).read(
            "print-set/preflight-report.txt").decode()
        assert str(proj) not in text, (kind, text[:300])
        assert str(proj.resolve()) not in text, kind
    errors = texts["build"].json()["errors"]
    assert errors == ["error: data/landmarks/x.yaml: bad", "error: in ."]


# -- the token mode: any name of the machine, with the token --------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "myhost.lan:8765", "0.0.0.0:8765",
                                  "192.168.1.20:8765", "[::1]:8765"])
def test_with_the_token_any_name_of_the_machine_works(proj: Path, host: str):
    """`--host 0.0.0.0` answered only to the Host `0.0.0.0:PORT`: nobody could use it."""
    c = token_client(proj, host)
    assert c.get("/api/landmarks").status_code == 401
    assert c.get("/api/landmarks", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/landmarks", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    r = c.get(f"/?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert c.get("/api/landmarks").status_code == 200  # the cookie carries it now
    # the page's own saves, from the page's own origin under that name
    data, tag = loaded(c)
    r = c.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": tag, "Origin": f"http://{host}"})
    assert r.status_code == 200, r.text
    r = c.post("/api/landmarks/nope/undo", headers={"If-Match": tag, "Origin": "http://evil.test"})
    assert r.status_code == 403  # another origin, token or not


def test_the_token_leaves_the_address_bar(proj: Path):
    c = token_client(proj)
    r = c.get(f"/api/landmarks?a=1&token={TOKEN}&b=%C3%A9", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/api/landmarks?a=1&b=%C3%A9"
    cookie = r.headers["set-cookie"]
    assert TOKEN in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert r.headers["cache-control"] == "no-store"
    r = c.get(r.headers["location"])
    assert r.status_code == 200 and r.json()
    # followed as a browser would: the page, without the token in its address
    fresh = token_client(proj)
    r = fresh.get(f"/?token={TOKEN}")
    assert r.status_code == 200 and "poster-gen studio" in r.text and "token" not in str(r.url)


def test_a_wrong_token_sets_nothing(proj: Path):
    c = token_client(proj)
    r = c.get("/?token=wrong", follow_redirects=False)
    assert r.status_code == 401 and "set-cookie" not in r.headers
    assert c.get("/api/landmarks").status_code == 401
    c.cookies.set("pg_studio_token_8765", "wrong")
    assert c.get("/api/landmarks").status_code == 401
    assert c.get("/api/landmarks", headers={"Authorization": "Bearer s3cret-tok\xe9n".encode("latin-1")}).status_code == 401


def test_a_token_link_from_another_site_still_signs_in(proj: Path):
    """The browser would not send a SameSite=Strict cookie on a redirect that started on
    another site: such a link gets a same-origin refresh to the clean address instead."""
    c = token_client(proj)
    r = c.get(f"/?token={TOKEN}", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate",
                                           "Sec-Fetch-Dest": "document"}, follow_redirects=False)
    assert r.status_code == 200 and 'http-equiv="refresh" content="0;url=/"' in r.text
    assert "SameSite=Strict" in r.headers["set-cookie"] and TOKEN not in r.text
    assert c.get("/api/landmarks").status_code == 200


def test_a_redirect_stays_on_this_site(proj: Path):
    app = create_app(proj, host="0.0.0.0", port=8765, token=TOKEN)
    for path in ["//evil.example/x", "/\\evil.example/x", "///evil.example"]:
        status, headers = asyncio.run(asgi_call(app, f"{path}?token={TOKEN}"))
        assert status == 303
        location = headers["location"]
        assert location.startswith("/") and not location.startswith("//") and "\\" not in location, location


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "localhost", "myhost.lan:8765",
                                  "0.0.0.0:8765", "127.0.0.1.nip.io:8765", ""])
def test_loopback_mode_still_refuses_a_foreign_host(proj: Path, host: str):
    """DNS rebinding: without a token, the Host decides, whatever else the request has."""
    c = TestClient(create_app(proj), base_url=BASE)
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}, {"Sec-Fetch-Site": "same-origin"}):
        assert c.get("/api/landmarks", headers={"Host": host, **headers}).status_code == 421
    assert c.get(f"/?token={TOKEN}", headers={"Host": host}, follow_redirects=False).status_code == 421
    assert c.get("/api/landmarks").status_code == 200


def test_a_foreign_host_without_the_token_is_refused_in_token_mode(proj: Path):
    c = token_client(proj, "evil.example:8765")
    assert c.get("/api/landmarks").status_code == 401
    assert c.post("/api/build").status_code == 401


# -- serve: the address to open -------------------------------------------------------------------------

@pytest.mark.slow
def test_serve_on_every_address_prints_a_url_to_open_once(proj: Path):
    """`serve --host 0.0.0.0` prints an address that can be opened (the machine's name or
    127.0.0.1) with the token, once; the token is not printed again, not even on exit."""
    import http.cookiejar
    import re
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    proc = subprocess.Popen([sys.executable, "-m", "poster_gen", "serve", "--project", str(proj), "--host", "0.0.0.0",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ))
    try:
        lines = [proc.stdout.readline() for _ in range(4)]
        m = re.fullmatch(r"open http://([^/:]+):(\d+)/\?token=([\w-]+)", lines[1].strip())
        assert m, lines
        name, port, token = m.groups()
        assert name != "0.0.0.0"
        url = f"http://{name}:{port}/?token={token}"
        jar = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        for _ in range(100):
            try:
                with jar.open(url, timeout=5) as r:
                    assert r.status == 200 and "token" not in r.url and b"poster-gen studio" in r.read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the studio did not answer")
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/landmarks",
                                     headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(req, timeout=5) as r:
            assert len(json.loads(r.read())) == 5
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        everything = "".join(lines) + out + err
        assert everything.count(token) == 1, everything
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
