"""The studio's routes over the build's output folder: the built files themselves,
their thumbnails (at ``ALLOWED_WIDTHS``, in a bounded cache) and the print set as a
ZIP with its preflight report. Every name from a request is checked before it touches
the filesystem; hidden files and anything a symlink leads out to are never served.
"""
from __future__ import annotations

import asyncio
import io
import zipfile
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .bodies import error

MAX_PATH, MAX_PART = 1024, 255  # characters of a path under output/, bytes of one name in it
ALLOWED_WIDTHS = (200, 400, 800, 1200, 2400)  # a thumbnail's width snaps to the nearest
THUMB_BUDGET = 64 * 1024 * 1024  # bytes of PNG kept in memory
PREFLIGHT_ENTRIES = 512  # built files whose preflight results are kept


class OutputRoutes:
    """Mixed into ``app.Studio``: it provides ``out``, ``jobs``, ``thumbs``,
    ``preflights``, ``reply`` and ``drawing``."""

    def output_path(self, rel: str) -> Path | None:
        """A file under the output folder, or None: no '..', no absolute paths, no symlinks
        out, no hidden files (a name starting with '.'), no name the filesystem cannot take."""
        return file_under(self.out, rel)

    def _preflight(self, path: Path, rel: str) -> list:
        """The preflight results of a built file, judged once per version of the file."""
        from ..preflight import preflight_pdf

        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        got = self.preflights.get(rel)
        if got is None or got[0] != stamp:
            got = (stamp, preflight_pdf(path, shown=rel))
            self.preflights.put(rel, got)
        return got[1]

    async def thumbnail(self, request: Request) -> Response:
        """The built file's first page, small (the brochure's cover, a poster), at the
        allowed width nearest the one asked for."""
        rel = request.path_params["path"]
        path = self.output_path(rel)
        if path is None or path.suffix != ".pdf":
            return error(404, "no such built file")
        width = snap_width(requested_width(request, 400))
        try:
            png = self._cached_thumbnail(path, rel, width)
            if png is None:
                async with self.drawing((rel, width)):  # one request draws it, the others wait
                    png = self._cached_thumbnail(path, rel, width)  # drawn while this one waited?
                    if png is None:
                        async with self.renders():
                            png = await asyncio.to_thread(self._draw_thumbnail, path, rel, width)
        except OSError:  # gone or unreadable since it was found
            return error(404, "no such built file")
        except Exception:  # not a PDF the rasteriser can open
            return error(422, "this file cannot be drawn (is it a PDF?)")
        return Response(png, media_type="image/png", headers={"Cache-Control": "no-cache"})

    def _cached_thumbnail(self, path: Path, rel: str, width: int) -> bytes | None:
        got = self.thumbs.get((rel, width))
        return got[1] if got is not None and got[0] == _stamp(path) else None

    def _draw_thumbnail(self, path: Path, rel: str, width: int) -> bytes:
        from .engine import thumbnail

        stamp = _stamp(path)
        png = thumbnail(path.read_bytes(), width)
        self.thumbs.put((rel, width), (stamp, png))
        return png

    async def files(self, request: Request) -> Response:
        path = self.output_path(request.path_params["path"])
        if path is None:
            return error(404, "no such file in the output folder")
        return FileResponse(path)

    async def print_set(self, request: Request) -> Response:
        data = await asyncio.to_thread(self._zip)
        if data is None:
            return error(404, "nothing built yet: export first")
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": 'attachment; filename="print-set.zip"'})

    def _zip(self) -> bytes | None:
        exported = self.jobs.exported  # the good files of this session's last export, when there was one
        found = [self.out / n for n in exported if n.endswith(".pdf")] if exported is not None else \
            sorted((self.out / "posters").glob("*.pdf")) + sorted(self.out.glob("brochure*.pdf"))
        # what /files/ would serve, no more: no hidden files, nothing a symlink leads out to
        files = [(f, rel) for f in found
                 if self.output_path(rel := f.relative_to(self.out).as_posix()) is not None]
        if not files:
            return None
        report, passed = [], 0
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            for f, rel in files:
                z.write(f, f"print-set/{rel}")
                results = self._preflight(f, rel)
                ok = all(r.ok for r in results)
                passed += ok
                report += [f"{'PASS' if r.ok else 'FAIL'}  {rel}  {r.check}: {r.detail}" for r in results]
            report.append(f"{passed} passed, {len(files) - passed} failed")
            z.writestr("print-set/preflight-report.txt", "\n".join(report) + "\n")
        return buf.getvalue()


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def file_under(folder: Path, rel: str, suffixes: tuple[str, ...] = ()) -> Path | None:
    """The file ``rel`` names under ``folder`` (and with one of ``suffixes``, if given), or
    None: no '..', no absolute paths, no symlinks out, no hidden files (a name starting
    with '.'), no name the filesystem cannot take. The one check every route that serves
    a file by a name from the request makes."""
    if not _fine_rel(rel) or (suffixes and Path(rel).suffix.lower() not in suffixes):
        return None
    try:
        folder = folder.resolve()
        path = (folder / rel).resolve()
        if not path.is_relative_to(folder) or (suffixes and path.suffix.lower() not in suffixes):
            return None
        if any(part.startswith(".") for part in path.relative_to(folder).parts) or not path.is_file():
            return None
    except (OSError, ValueError):
        return None
    return path


def _fine_rel(rel: str) -> bool:
    """A path under output/ as a request may name it: relative, no '.' or '..' parts, no
    hidden names, no NUL or backslash, names the filesystem can take (checked before it
    is asked)."""
    if not rel or len(rel) > MAX_PATH or rel.startswith("/") or "\\" in rel or "\x00" in rel:
        return False
    for part in rel.split("/"):
        if not part or part.startswith("."):
            return False
        try:
            if len(part.encode("utf-8")) > MAX_PART:
                return False
        except UnicodeEncodeError:  # a lone surrogate
            return False
    return True


def requested_width(request: Request, default: int) -> int:
    try:
        return max(64, min(2400, int(request.query_params.get("width", default))))
    except ValueError:
        return default


MAX_PAGE = 9999  # a page number longer than this is no page


def requested_page(request: Request) -> int | None:
    """``?page=N`` (from 1; 1 when not given), or None when it is not a page number."""
    asked = request.query_params.get("page", "1")
    if not asked.isdigit() or len(asked) > len(str(MAX_PAGE)) or int(asked) < 1:
        return None
    return int(asked)


def snap_width(width: int) -> int:
    """The allowed thumbnail width nearest ``width`` (the larger one on a tie)."""
    return min(ALLOWED_WIDTHS, key=lambda w: (abs(w - width), -w))
