"""The project's pictures, shown in the page: a hero image chosen or typed in the editor
appears beside its field and under the focal-point picker. Only image files under the
project's ``assets/`` folder are served, and never as they are: each is decoded as the
build decodes it (``as_it_looks``: upright, through its colour profile, alpha on white)
and sent as a JPEG at most ``MAX_WIDTH`` pixels wide (a TIFF or a CMYK photo shows too).

Every name from a request is checked before it touches the filesystem (as ``/files/``
does): a malformed one, a hidden file, '..', a symlink leading out of ``assets/`` or a
name that is not a picture's is a 404; a file over the build's size or pixel limits, or
one that does not decode, is a 422. The drawn previews are kept in a bounded cache.
"""
from __future__ import annotations

import asyncio
import io
import warnings
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from ..load.assets import FORMATS, MAX_FILE_BYTES, MAX_PIXELS
from .bodies import error
from .lru import LRU
from .outputs import _stamp, file_under, requested_width, snap_width

SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
MAX_WIDTH = 1200  # pixels: a preview in the page, never the print file
PREVIEW_BUDGET = 16 * 1024 * 1024  # bytes of JPEG kept in memory
PREVIEW_ENTRIES = 64


class Unshowable(ValueError):
    """A picture the page cannot be shown: too large, or not a picture the build reads."""


class AssetRoutes:
    """Mixed into ``app.Studio``: it provides ``root``, ``renders`` and ``drawing``."""

    async def asset_image(self, request: Request) -> Response:
        """``/api/assets/<path under assets/>?width=N``: the picture as a JPEG preview."""
        rel = request.path_params["path"]
        path = asset_path(self.root, rel)
        if path is None:
            return error(404, "no such picture in the project's assets folder")
        width = min(MAX_WIDTH, snap_width(requested_width(request, 400)))
        cache = self.__dict__.get("_asset_previews")
        if cache is None:
            cache = self.__dict__.setdefault("_asset_previews",
                                             LRU(PREVIEW_BUDGET, PREVIEW_ENTRIES, size=lambda v: len(v[1])))
        try:
            key = (rel, width)
            jpeg = _cached(cache, key, path)
            if jpeg is None:
                async with self.drawing(("asset", rel, width)):  # one request draws it, the others wait
                    jpeg = _cached(cache, key, path)
                    if jpeg is None:
                        async with self.renders():
                            jpeg = await asyncio.to_thread(_draw, path, width)
                        cache.put(key, (_stamp(path), jpeg))
        except OSError:  # gone or unreadable since it was found
            return error(404, "no such picture in the project's assets folder")
        except Unshowable as err:
            return error(422, str(err))
        return Response(jpeg, media_type="image/jpeg", headers={"Cache-Control": "no-cache"})


def asset_path(root: Path, rel: str) -> Path | None:
    """An image file under the project's assets/ folder, or None: no '..', no absolute
    paths, no symlinks out, no hidden files, no name the filesystem cannot take, only
    the suffixes of the pictures a build prints."""
    return file_under(root / "assets", rel, tuple(SUFFIXES))


def _cached(cache: LRU, key, path: Path) -> bytes | None:
    got = cache.get(key)
    return got[1] if got is not None and got[0] == _stamp(path) else None


def _draw(path: Path, width: int) -> bytes:
    """The picture as it looks, at most ``width`` pixels wide (never enlarged), as a JPEG."""
    from PIL import Image, UnidentifiedImageError

    from ..load.picture import Refused, as_it_looks

    if path.stat().st_size > MAX_FILE_BYTES:
        raise Unshowable(f"the picture is over {MAX_FILE_BYTES // 1024 // 1024} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:  # the header only, so far
                if im.format not in FORMATS:
                    raise Unshowable(f"a {im.format} image; the build prints JPEG, PNG or TIFF")
                if im.width * im.height > MAX_PIXELS:
                    raise Unshowable(f"the picture is over {MAX_PIXELS / 1e6:.0f} megapixels")
                im.draft(None, (width, width))  # a JPEG decodes at a fraction of its size: faster
                shown = as_it_looks(im, cmyk=False, fmt=im.format)
                shown.thumbnail((width, width * 8))
                out = io.BytesIO()
                shown.convert("RGB" if shown.mode != "L" else "L").save(out, "JPEG", quality=85)
                return out.getvalue()
    except Unshowable:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Unshowable(f"the picture is over {MAX_PIXELS / 1e6:.0f} megapixels") from None
    except (UnidentifiedImageError, Refused, SyntaxError, ValueError, OSError):
        raise Unshowable("the file is not a picture that can be shown (damaged, or not JPEG, PNG or TIFF)") from None
