"""The project's pictures shown in the page (``/api/assets/<path under assets/>``, the
``AssetRoutes`` mixin): only image files under assets/ are served, as a JPEG preview of
the picture as it looks (a TIFF, a sideways phone photo, a large photo made small); a
malformed name, '..', NUL, a hidden file, an over-long name or a symlink leading out is
a 404, never an error and never the file; a picture over the build's limits is refused.

The route is mounted on the real app the way app.py mounts its routes (``mount_assets``),
so the studio's guard, caches and semaphores are the ones in use."""
from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path
from types import MethodType

import pytest
from PIL import Image
from starlette.routing import Route
from starlette.testclient import TestClient

from conftest import copy_project
from poster_gen.studio import assets as assets_mod
from poster_gen.studio.app import create_app
from poster_gen.studio.assets import AssetRoutes
from test_attacks import asgi_call

BASE = "http://127.0.0.1:8765"
ROUTE = "/api/assets/{path:path}"


def mount_assets(app):
    """The app with ``Route("/api/assets/{path:path}", studio.asset_image)`` (as app.py lists
    its routes), unless it has it already. ``app``: what create_app returns (the guard)."""
    router = app.app.router
    if not any(getattr(r, "path", None) == ROUTE for r in router.routes):
        studio = app.studio
        handler = studio.asset_image if isinstance(studio, AssetRoutes) else MethodType(AssetRoutes.asset_image, studio)
        router.routes.insert(0, Route(ROUTE, handler, methods=["GET", "HEAD"]))
    return app


def picture(path: Path, size=(1600, 900), fmt="JPEG", mode="RGB", colour=(40, 90, 160), **kw) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, colour).save(path, fmt, **kw)
    return path


@pytest.fixture()
def proj(tmp_path: Path) -> Path:
    p = copy_project(tmp_path / "p")
    picture(p / "assets" / "images" / "hero.jpg")
    picture(p / "assets" / "images" / "small.png", (120, 80), "PNG")
    picture(p / "assets" / "secret-inside.jpg")  # under assets/: fine
    for outside in ("secret.jpg", "data/secret.jpg", "output/secret.jpg"):  # outside assets/: never served
        picture(p / outside, colour=(255, 0, 0))
    picture(p / "assets" / "images" / ".hidden.jpg")
    picture(p / "assets" / ".private" / "x.jpg")
    return p


@pytest.fixture()
def app(proj: Path):
    return mount_assets(create_app(proj))


@pytest.fixture()
def client(app) -> TestClient:
    return TestClient(app, base_url=BASE, raise_server_exceptions=False)


def shown(r) -> Image.Image:
    assert r.status_code == 200, (r.status_code, r.text[:300])
    assert r.headers["content-type"] == "image/jpeg"
    im = Image.open(io.BytesIO(r.content))
    im.load()
    return im


# -- what is served ----------------------------------------------------------------------------------
def test_a_picture_is_served_small_as_a_jpeg(client: TestClient):
    im = shown(client.get("/api/assets/images/hero.jpg?width=400"))
    assert im.format == "JPEG" and im.size == (400, 225)
    assert shown(client.get("/api/assets/images/hero.jpg?width=99999")).width == assets_mod.MAX_WIDTH
    assert shown(client.get("/api/assets/secret-inside.jpg")).width == 400  # the default width


def test_a_small_picture_is_not_enlarged_and_a_png_comes_as_jpeg(client: TestClient):
    assert shown(client.get("/api/assets/images/small.png?width=800")).size == (120, 80)


def test_a_tiff_and_a_cmyk_photo_are_shown_as_they_look(client: TestClient, proj: Path):
    picture(proj / "assets" / "images" / "scan.tif", (900, 600), "TIFF", colour=(200, 40, 40))
    im = shown(client.get("/api/assets/images/scan.tif?width=200"))
    assert im.size == (200, 133) and im.convert("RGB").getpixel((100, 60))[0] > 150
    picture(proj / "assets" / "images" / "print.jpg", (600, 400), "JPEG", mode="CMYK", colour=(0, 0, 0, 255))
    dark = shown(client.get("/api/assets/images/print.jpg?width=200")).convert("RGB").getpixel((50, 50))
    assert max(dark) < 60, dark  # full black ink is dark on screen, not inverted


def test_a_sideways_phone_photo_is_shown_upright(client: TestClient, proj: Path):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees to view
    picture(proj / "assets" / "images" / "phone.jpg", (800, 400), exif=exif)
    im = shown(client.get("/api/assets/images/phone.jpg?width=200"))
    assert im.height > im.width  # as the build places it (the focal point is of this picture)


def test_a_changed_file_is_drawn_again(client: TestClient, proj: Path):
    first = shown(client.get("/api/assets/images/hero.jpg?width=200")).getpixel((5, 5))
    path = picture(proj / "assets" / "images" / "hero.jpg", colour=(250, 250, 20))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    again = shown(client.get("/api/assets/images/hero.jpg?width=200")).getpixel((5, 5))
    assert first != again and again[0] > 200


def test_the_cache_is_bounded(client: TestClient, app, proj: Path, monkeypatch):
    monkeypatch.setattr(assets_mod, "PREVIEW_ENTRIES", 3)
    for i in range(8):
        picture(proj / "assets" / "many" / f"{i}.jpg", (300, 200))
        shown(client.get(f"/api/assets/many/{i}.jpg?width=200"))
    assert len(app.studio._asset_previews) <= 3


def test_many_requests_at_once_draw_each_picture_once(app, monkeypatch):
    drawn = []
    real = assets_mod._draw
    monkeypatch.setattr(assets_mod, "_draw", lambda path, width: drawn.append(width) or real(path, width))

    async def burst():
        return await asyncio.gather(*(asgi_call(app, f"/api/assets/images/hero.jpg?width={800 - i}") for i in range(20)))
    assert [status for status, _ in asyncio.run(burst())] == [200] * 20
    assert drawn == [800]  # the widths snap, and the waiting requests take the drawn one
    assert app.studio._drawing == {}


# -- what is refused ---------------------------------------------------------------------------------
ATTACKS = [
    # traversal out of assets/ (to real pictures: a naive join would serve them)
    "/api/assets/../secret.jpg", "/api/assets/../data/secret.jpg", "/api/assets/images/../../secret.jpg",
    "/api/assets/%2e%2e/secret.jpg", "/api/assets/%2E%2E%2Fsecret.jpg", "/api/assets/..%2fdata%2fsecret.jpg",
    "/api/assets/..%5csecret.jpg", "/api/assets/%252e%252e/secret.jpg", "/api/assets/%c0%ae%c0%ae/secret.jpg",
    "/api/assets//etc/passwd", "/api/assets/%2Fetc%2Fpasswd", "/api/assets/../output/secret.jpg", "/api/assets/..",
    # NUL, and text that is not a name
    "/api/assets/images/hero.jpg%00", "/api/assets/images/hero%00.jpg", "/api/assets/%00/x.jpg",
    "/api/assets/%ED%A0%80.jpg", "/api/assets/%FF%FE.jpg",
    # hidden files and folders
    "/api/assets/images/.hidden.jpg", "/api/assets/.private/x.jpg", "/api/assets/./images/hero.jpg",
    # long names
    "/api/assets/" + "a" * 300 + ".jpg", "/api/assets/images/" + "b" * 5000 + ".png", "/api/assets/" + "a/" * 2000 + "x.jpg",
    # not a picture's name, or nothing there
    "/api/assets/fonts/LICENSE-NotoSansCJK.txt", "/api/assets/images", "/api/assets/", "/api/assets/images/none.jpg",
    "/api/assets/images/hero.jpg/", "/api/assets/images//hero.jpg",
]


@pytest.mark.parametrize("url", ATTACKS)
def test_malformed_hidden_and_outside_names_are_not_found(app, url: str):
    """Straight through ASGI, the path exactly as given (no client tidies the dots away)."""
    status, headers = asyncio.run(asgi_call(app, url))
    assert status == 404, (url, status)
    assert headers["content-type"] == "application/json"  # a refusal, never the picture


@pytest.mark.parametrize("url", ["/api/assets/images/%2e%2e/%2e%2e/secret.jpg", "/api/assets/%2e%2e/data/secret.jpg",
                                 "/api/assets/images/%00.jpg", "/api/assets/" + "x" * 300 + ".png"])
def test_through_a_client_too(client: TestClient, url: str):
    r = client.get(url)
    assert r.status_code == 404 and "assets" in r.json()["error"]


def test_a_symlink_leading_out_is_refused(client: TestClient, proj: Path, tmp_path: Path):
    outside = picture(tmp_path / "elsewhere.jpg")
    os.symlink(outside, proj / "assets" / "images" / "leak.jpg")
    os.symlink(proj / "secret.jpg", proj / "assets" / "images" / "leak2.jpg")
    os.symlink(tmp_path, proj / "assets" / "out")
    for url in ("/api/assets/images/leak.jpg", "/api/assets/images/leak2.jpg", "/api/assets/out/elsewhere.jpg"):
        assert client.get(url).status_code == 404, url
    os.symlink(proj / "assets" / "images" / "hero.jpg", proj / "assets" / "images" / "alias.jpg")
    shown(client.get("/api/assets/images/alias.jpg"))  # a link within assets/ is fine


def test_a_symlink_to_a_file_that_is_not_a_picture_is_refused(client: TestClient, proj: Path):
    os.symlink(proj / "data" / "campaign.yaml", proj / "assets" / "images" / "campaign.jpg")
    r = client.get("/api/assets/images/campaign.jpg")
    assert r.status_code == 404 and b"campaign" not in r.content


def test_a_file_named_as_a_picture_that_is_not_one_is_refused(client: TestClient, proj: Path):
    (proj / "assets" / "images" / "fake.jpg").write_text("name: not a picture\n", encoding="utf-8")
    (proj / "assets" / "images" / "anim.png").write_bytes(_gif())
    for url in ("/api/assets/images/fake.jpg", "/api/assets/images/anim.png"):
        r = client.get(url)
        assert r.status_code == 422 and r.headers["content-type"] == "application/json", url
        assert str(proj) not in r.text


def test_over_the_builds_limits_is_refused_before_decoding(client: TestClient, proj: Path, monkeypatch):
    monkeypatch.setattr(assets_mod, "MAX_FILE_BYTES", 1000)
    r = client.get("/api/assets/images/hero.jpg")
    assert r.status_code == 422 and "MB" in r.json()["error"]
    monkeypatch.undo()
    monkeypatch.setattr(assets_mod, "MAX_PIXELS", 1000)
    r = client.get("/api/assets/images/small.png")
    assert r.status_code == 422 and "megapixels" in r.json()["error"]


def test_a_decompression_bomb_is_refused(client: TestClient, proj: Path):
    picture(proj / "assets" / "images" / "bomb.png", (12000, 9000), "PNG", mode="1", colour=0)  # 108 MP, a few KB
    assert (proj / "assets" / "images" / "bomb.png").stat().st_size < 1024 * 1024
    r = client.get("/api/assets/images/bomb.png")
    assert r.status_code == 422 and "megapixels" in r.json()["error"]


def test_the_route_only_reads(client: TestClient):
    for method in ("post", "put", "delete"):
        assert getattr(client, method)("/api/assets/images/hero.jpg").status_code == 405


def test_other_sites_cannot_read_the_pictures(client: TestClient):
    r = client.get("/api/assets/images/hero.jpg", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Dest": "image",
                                                          "Sec-Fetch-Mode": "no-cors"})
    assert r.status_code == 403
    r = client.get("/api/assets/images/hero.jpg", headers={"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Dest": "image"})
    assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"


def test_a_foreign_host_is_refused(proj: Path):
    c = TestClient(mount_assets(create_app(proj)), base_url="http://evil.example:8765")
    assert c.get("/api/assets/images/hero.jpg").status_code == 421


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, "GIF")
    return out.getvalue()
