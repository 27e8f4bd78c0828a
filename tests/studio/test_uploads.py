"""Choosing a hero image in the studio: the picture is checked as the build checks it
(type, decode, resolution at the hero frame) before it is kept; nothing else is written."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from starlette.testclient import TestClient

from test_studio_api import SLUG, client, proj  # noqa: F401  (the same fixtures)


def _jpeg(size) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 120, 160)).save(out, "JPEG", quality=80)
    return out.getvalue()


def _images(proj: Path) -> set[str]:
    folder = proj / "assets" / "images"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_a_good_picture_is_kept_and_usable(client: TestClient, proj: Path):
    landmark = (proj / "data" / "landmarks" / f"{SLUG}.yaml").read_bytes()
    r = client.post(f"/api/landmarks/{SLUG}/image", content=_jpeg((5200, 3000)),
                    headers={"Content-Type": "image/jpeg"})
    assert r.status_code == 201, r.text
    rel = r.json()["path"]
    assert rel.startswith(f"assets/images/{SLUG}-hero-") and (proj / rel).is_file()
    assert (proj / "data" / "landmarks" / f"{SLUG}.yaml").read_bytes() == landmark  # the page saves
    data = client.get(f"/api/landmarks/{SLUG}").json()
    data["hero_image"], data["hero_focus"] = rel, {"x": 0.3, "y": 0.5}
    assert client.post(f"/api/preview/{SLUG}.png?width=200", json=data).status_code == 200


def test_a_picture_too_small_to_print_is_refused_and_not_kept(client: TestClient, proj: Path):
    before = _images(proj)
    r = client.post(f"/api/landmarks/{SLUG}/image", content=_jpeg((400, 300)),
                    headers={"Content-Type": "image/jpeg"})
    assert r.status_code == 422
    (err,) = r.json()["errors"]
    assert err["field"] == "hero_image" and "print needs 300 ppi" in err["message"]
    assert _images(proj) == before


@pytest.mark.parametrize("body,kind,status", [
    (b"not a picture at all", "image/png", 422),
    (b"<svg/>", "image/svg+xml", 415),
    (b"", "image/jpeg", 400),
])
def test_what_is_not_a_printable_picture_is_refused(client: TestClient, proj: Path, body, kind, status):
    before = _images(proj)
    r = client.post(f"/api/landmarks/{SLUG}/image", content=body, headers={"Content-Type": kind})
    assert r.status_code == status, r.text
    assert _images(proj) == before


def test_only_the_upload_route_takes_a_picture(client: TestClient):
    r = client.put(f"/api/landmarks/{SLUG}", content=_jpeg((10, 10)),
                   headers={"Content-Type": "image/jpeg", "If-Match": '"x"'})
    assert r.status_code == 415
