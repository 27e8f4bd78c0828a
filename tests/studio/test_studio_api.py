"""The studio's JSON API with the framework's test client: every status code, saving
that keeps the file as the user wrote it, nothing written on a refusal, traversal and
foreign Host or Origin refused."""
from __future__ import annotations

import io
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import copy_project
from poster_gen.studio.app import create_app

BASE = "http://127.0.0.1:8765"
SLUG = "integrated-circuits"


@pytest.fixture()
def proj(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p")


@pytest.fixture()
def client(proj: Path) -> TestClient:
    return TestClient(create_app(proj), base_url=BASE)


def landmark_file(proj: Path, slug: str = SLUG) -> Path:
    return proj / "data" / "landmarks" / f"{slug}.yaml"


def test_list_and_get(client: TestClient):
    r = client.get("/api/landmarks")
    assert r.status_code == 200
    slugs = [x["slug"] for x in r.json()]
    assert SLUG in slugs and len(slugs) == 5
    assert {"zh": "集成电路", "en": "Integrated Circuits"} in [x["title"] for x in r.json()]
    r = client.get(f"/api/landmarks/{SLUG}")
    assert r.status_code == 200 and r.json()["name"]["zh"] == "集成电路"
    assert r.headers["etag"].startswith('"') and len(r.headers["etag"]) > 10
    assert client.get("/api/landmarks/no-such-landmark").status_code == 404


def test_save_keeps_comments_order_and_quoting(client: TestClient, proj: Path):
    path = landmark_file(proj)
    before = path.read_text(encoding="utf-8")
    r = client.get(f"/api/landmarks/{SLUG}")
    data, tag = r.json(), r.headers["etag"]
    data["key_figures"][0]["value"] = "220+"
    r = client.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": tag})
    assert r.status_code == 200, r.text
    assert r.headers["etag"] != tag and r.json()["etag"] in r.headers["etag"]
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [('  - value: "200+"', '  - value: "220+"')]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == \
        [line for line in before.splitlines() if line.lstrip().startswith("#")]
    # the last save can be undone
    r = client.post(f"/api/landmarks/{SLUG}/undo", headers={"If-Match": r.headers["etag"]})
    assert r.status_code == 200 and path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("case", ["428", "412", "422", "413", "400"])
def test_refusals_write_nothing(client: TestClient, proj: Path, case: str):
    path = landmark_file(proj)
    before = path.read_bytes()
    r = client.get(f"/api/landmarks/{SLUG}")
    data, tag = r.json(), r.headers["etag"]
    url = f"/api/landmarks/{SLUG}"
    if case == "428":
        r = client.put(url, json=data)
    elif case == "412":
        r = client.put(url, json=data, headers={"If-Match": '"0123abcd"'})
    elif case == "422":
        data["key_figures"][1]["label"]["en"] = 12
        data["nmae"] = "typo"
        r = client.put(url, json=data, headers={"If-Match": tag})
        errors = r.json()["errors"]
        fields = {e["field"] for e in errors}
        assert "key_figures[1].label.en" in fields and "nmae" in fields
        assert any("did you mean 'name'" in e["message"] for e in errors)
    elif case == "413":
        r = client.put(url, content=b'{"x": "' + b"a" * (1024 * 1024 + 10) + b'"}',
                       headers={"If-Match": tag, "Content-Type": "application/json"})
    else:
        r = client.put(url, content=b"{not json", headers={"If-Match": tag, "Content-Type": "application/json"})
    assert r.status_code == int(case), r.text
    assert path.read_bytes() == before


def test_a_file_changed_on_disk_is_not_overwritten(client: TestClient, proj: Path):
    r = client.get(f"/api/landmarks/{SLUG}")
    data, tag = r.json(), r.headers["etag"]
    path = landmark_file(proj)
    path.write_text(path.read_text(encoding="utf-8") + "# a colleague's note\n", encoding="utf-8")
    edited = path.read_bytes()
    data["key_figures"][0]["value"] = "230+"
    r = client.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": tag})
    assert r.status_code == 412 and "changed on disk" in r.json()["error"]
    assert path.read_bytes() == edited


def _warning_red(png: bytes) -> int:
    """Pixels of the overflow mark's red (compose.overflow.WARNING) in a preview."""
    import io

    from PIL import Image

    px = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    return sum(1 for i in range(0, len(px), 3) if px[i] > 190 and px[i + 1] < 50 and px[i + 2] < 50)


def test_a_text_too_long_is_said_plainly_with_how_much_and_drawn_past_its_frame(client: TestClient):
    data = client.get(f"/api/landmarks/{SLUG}").json()
    data["ambition"]["zh"] = "把南京建设成为集成电路产业标杆城市" * 6
    tag = client.get(f"/api/landmarks/{SLUG}").headers["etag"]
    r = client.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": tag})
    assert r.status_code == 422  # never saved
    (err,) = r.json()["errors"]
    assert err["field"] == "ambition.zh" and err["message"].endswith("characters too long for this space")
    assert err["message"].startswith("about ") and "frame" not in err["message"]
    # the preview draws it where it happens: past the frame, marked, and lists the same problem
    r = client.post(f"/api/preview/{SLUG}.png", json=data)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert json.loads(r.headers["x-problems"]) == [err]
    saved = client.get(f"/api/preview/{SLUG}.png")
    assert "x-problems" not in saved.headers
    # the counter still counts against the frame: what it holds, not the text drawn past it
    holds, held = json.loads(r.headers["x-capacity"])["ambition.zh"], json.loads(saved.headers["x-capacity"])["ambition.zh"]
    assert holds < len(data["ambition"]["zh"]) and abs(holds - held) <= 0.2 * held, (holds, held)
    assert _warning_red(r.content) > 20 * max(1, _warning_red(saved.content)), "the overflow is not marked"


def test_the_editor_refuses_what_the_build_would_refuse(client: TestClient, proj: Path):
    """The studio checks an edit as the loader checks the file: a place in the series
    another landmark holds would save a file the next build refuses."""
    path = landmark_file(proj)
    before = path.read_bytes()
    r = client.get(f"/api/landmarks/{SLUG}")
    data = r.json()
    data["order"] = 1  # new-energy-vehicles' place
    r = client.put(f"/api/landmarks/{SLUG}", json=data, headers={"If-Match": r.headers["ETag"]})
    assert r.status_code == 422
    (err,) = r.json()["errors"]
    assert err["field"] == "order" and "also the order of new-energy-vehicles" in err["message"]
    assert path.read_bytes() == before


def test_the_studio_checks_a_photo_as_the_build_does(client: TestClient, proj: Path):
    """The studio runs the build's check sequence (build.checks): a photo too small to
    print at 300 ppi is refused in the editor, as `poster-gen build` refuses it."""
    from PIL import Image

    (proj / "assets" / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 200), (120, 90, 60)).save(proj / "assets" / "images" / "small.jpg")
    data = client.get(f"/api/landmarks/{SLUG}").json()
    data["hero_image"] = "assets/images/small.jpg"
    r = client.post(f"/api/preview/{SLUG}.png", json=data)
    assert r.status_code == 422, r.text
    (err,) = r.json()["errors"]
    assert err["field"] == "hero_image" and "print needs 300 ppi" in err["message"]


def test_an_ipv6_loopback_host_accepts_its_own_url(proj: Path):
    c = TestClient(create_app(proj, host="::1", port=8765), base_url="http://[::1]:8765")
    assert c.get("/api/landmarks").status_code == 200


def test_previews(client: TestClient, proj: Path):
    from PIL import Image

    r = client.get(f"/api/preview/{SLUG}.png?width=400")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(r.content)).size[0] == 400
    before = landmark_file(proj).read_bytes()
    data = client.get(f"/api/landmarks/{SLUG}").json()
    data["name"]["zh"] = "集成电路产业"
    r2 = client.post(f"/api/preview/{SLUG}.png?width=400", json=data)
    assert r2.status_code == 200 and r2.content != r.content
    assert landmark_file(proj).read_bytes() == before  # a preview writes nothing
    assert client.get("/api/preview/nope.png").status_code == 404


@pytest.mark.slow
def test_build_files_and_print_set(client: TestClient, proj: Path):
    r = client.post("/api/build")
    assert r.status_code == 202
    job = r.json()["job"]
    for _ in range(600):
        state = client.get(f"/api/build/{job}").json()
        if state["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert state["state"] == "done", state
    assert state["progress"] == 1.0
    names = {f["name"] for f in state["files"]}
    assert "brochure.pdf" in names and f"posters/{SLUG}.pdf" in names
    r = client.get(f"/files/posters/{SLUG}.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    z = zipfile.ZipFile(io.BytesIO(client.get("/api/print-set.zip").content))
    listed = z.namelist()
    assert "print-set/brochure.pdf" in listed and f"print-set/posters/{SLUG}.pdf" in listed
    report = z.read("print-set/preflight-report.txt").decode()
    assert report.strip().endswith("6 passed, 0 failed")
    dash = client.get("/api/dashboard").json()
    card = next(c for c in dash["landmarks"] if c["slug"] == SLUG)
    assert card["preflight"] == "pass" and card["built"]
    assert client.get(f"/api/thumbnail/posters/{SLUG}.pdf?width=200").status_code == 200
    assert client.get("/api/build/nope").status_code == 404


@pytest.mark.slow
def test_an_export_with_a_broken_landmark_exports_the_others(client: TestClient, proj: Path):
    """The studio follows the build's event stream (build --events --keep-going), not its table."""
    path = landmark_file(proj)
    path.write_text(path.read_text(encoding="utf-8").replace("order: ", "order: x", 1), encoding="utf-8")
    job = client.post("/api/build").json()["job"]
    for _ in range(600):
        state = client.get(f"/api/build/{job}").json()
        if state["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    # the good landmarks are exported and offered; the broken one is named with its problem
    assert state["state"] == "done", state
    assert any(e.startswith("error: ") and f"{SLUG}.yaml" in e and "order" in e for e in state["errors"]), state
    assert {f["status"] for f in state["files"] if SLUG in f["name"]} == {"failed"}
    written = {f["name"] for f in state["files"] if f["status"] == "written"}
    assert "posters/new-energy-vehicles.pdf" in written and not any(SLUG in n for n in written)
    assert (proj / "output" / "posters" / "new-energy-vehicles.pdf").is_file()


@pytest.mark.parametrize("path", ["/files/../data/campaign.yaml", "/files/%2e%2e/data/campaign.yaml",
                                  "/files/%2E%2E%2Fdata%2Fcampaign.yaml", "/files//etc/passwd",
                                  "/api/landmarks/..%2F..%2Fdata%2Fcampaign", "/api/landmarks/%2e%2e",
                                  "/api/thumbnail/../data/campaign.yaml"])
def test_traversal_is_refused(client: TestClient, path: str):
    assert client.get(path).status_code == 404


def test_symlinks_that_lead_out_are_refused(client: TestClient, proj: Path, tmp_path: Path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    (proj / "output").mkdir(exist_ok=True)
    os.symlink(secret, proj / "output" / "leak.pdf")
    assert client.get("/files/leak.pdf").status_code == 404


def test_foreign_host_and_origin_are_refused(proj: Path):
    app = create_app(proj)
    evil = TestClient(app, base_url="http://evil.example:8765")
    assert evil.get("/api/landmarks").status_code == 421
    c = TestClient(app, base_url=BASE)
    assert c.get("/api/landmarks", headers={"Host": "attacker.test"}).status_code == 421
    r = c.post("/api/build", headers={"Origin": "http://attacker.test"})
    assert r.status_code == 403
    r = c.post("/api/build", headers={"Origin": BASE})  # the studio's own page
    assert r.status_code == 202


def test_a_token_is_needed_beyond_loopback(proj: Path):
    app = create_app(proj, host="0.0.0.0", port=9000, token="s3cret")
    c = TestClient(app, base_url="http://0.0.0.0:9000")
    assert c.get("/api/landmarks").status_code == 401
    assert c.get("/api/landmarks", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/landmarks", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    r = c.get("/?token=s3cret", follow_redirects=False)  # the token leaves the address bar
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "pg_studio_token" in r.headers.get("set-cookie", "")
    assert c.get("/api/landmarks").status_code == 200  # the cookie carries it now


def test_bad_requests_keep_the_server_serving(client: TestClient, proj: Path):
    landmark_file(proj, "artificial-intelligence").write_text("name: [unclosed\n", encoding="utf-8")
    r = client.get("/api/dashboard")
    assert r.status_code == 200
    card = next(c for c in r.json()["landmarks"] if c["slug"] == "artificial-intelligence")
    assert any("YAML syntax error" in e for e in card["errors"])
    assert client.get(f"/api/landmarks/{SLUG}").status_code == 200


@pytest.mark.slow
def test_serve_prints_its_url_serves_and_stops_on_ctrl_c(proj: Path):
    """--port 0 picks a free port and prints it; a second studio on the same port is
    refused with one line and exit 2; Ctrl-C ends the first cleanly."""
    import re
    import signal
    import subprocess
    import sys
    import urllib.request

    serve = [sys.executable, "-m", "poster_gen", "serve", "--project", str(proj)]
    proc = subprocess.Popen([*serve, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ))
    try:
        assert proc.stdout.readline().startswith("poster-gen studio for")
        m = re.fullmatch(r"open http://127\.0\.0\.1:(\d+)/", proc.stdout.readline().strip())
        assert m and int(m.group(1)) > 0
        port = m.group(1)
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/landmarks", timeout=5) as r:
                    assert len(json.loads(r.read())) == 5
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the studio did not answer")
        second = subprocess.run([*serve, "--port", port], capture_output=True, text=True, timeout=60)
        assert second.returncode == 2
        assert f"error: --port: port {port} on 127.0.0.1 is in use" in second.stderr
        assert "Traceback" not in second.stderr and "open http" not in second.stdout
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "studio stopped" in out
    finally:
        if proc.poll() is None:
            proc.kill()


def test_serve_rejects_a_port_out_of_range(proj: Path):
    from conftest import run_cli

    res = run_cli("serve", "--project", str(proj), "--port", "99999")
    assert res.returncode == 2
    assert "--port: 99999 is not a port number (0-65535)" in res.stderr and "Traceback" not in res.stderr
