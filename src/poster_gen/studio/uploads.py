"""A landmark's hero image, chosen in the browser: the picture is checked as the build
checks it (a type the build prints, its size, a full decode, and its resolution at the
hero frame of the poster as composed) before it is kept under ``assets/images/``.
Nothing is written into the landmark's data: the page puts the returned path into
``hero_image`` and saves as usual (so the save is a version like any other).
"""
from __future__ import annotations

import asyncio
import hashlib

from starlette.requests import Request
from starlette.responses import Response

from ..load.assets import MAX_FILE_BYTES
from .bodies import error, read_bytes
from .engine import Invalid
from .security import IMAGE_TYPES, is_image


class UploadRoutes:
    """Mixed into ``app.Studio``: it provides ``root``, ``engine``, ``reply`` and
    ``landmark_path``."""

    async def upload_image(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        path = self.landmark_path(slug)
        if path is None:
            return error(404, "no such landmark")
        kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if not is_image(kind):
            return error(415, "send a JPEG, PNG or TIFF picture (Content-Type: image/jpeg, image/png or image/tiff)")
        data = await _read(request)
        if isinstance(data, Response):
            return data
        try:
            rel = await asyncio.to_thread(self._keep_image, slug, data, IMAGE_TYPES[kind])
        except Invalid as err:
            return self.reply({"errors": err.errors}, status=422)
        return self.reply({"path": rel}, status=201)

    def _keep_image(self, slug: str, data: bytes, suffix: str) -> str:
        """The picture under assets/images/, named by its content, once every check a
        build makes passes with it as the landmark's hero; else ``Invalid`` and nothing kept."""
        from ..atomic import atomic_write
        from .yamlsave import read, to_plain

        folder = self.root / "assets" / "images"
        rel = f"assets/images/{slug}-hero-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
        dest = self.root / rel
        existed = dest.is_file()
        folder.mkdir(parents=True, exist_ok=True)
        if not existed:
            atomic_write(dest, data)
        try:
            try:
                current = to_plain(read(self.landmark_path(slug))[0])
            except Exception:  # a file broken by hand: fix it first (the editor says where)
                from ..errors import Problem
                why = "the landmark's file cannot be read; fix it before choosing a picture"
                raise Invalid([Problem(f"data/landmarks/{slug}.yaml", 0, 0, "", why)]) from None
            self.engine.validate(slug, {**current, "hero_image": rel})
        except Invalid:
            if not existed:
                dest.unlink(missing_ok=True)
            raise
        return rel


async def _read(request: Request) -> bytes | Response:
    data = await read_bytes(request, MAX_FILE_BYTES, f"the picture is over {MAX_FILE_BYTES // 1024 // 1024} MB")
    if isinstance(data, bytes) and not data:
        return error(400, "the picture is empty")
    return data
