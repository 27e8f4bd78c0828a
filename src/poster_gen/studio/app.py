"""The studio: a local web app over the same engine as the CLI (Starlette).

Routes: the page and its static files; a JSON API for landmarks (read, save with
optimistic locking, undo), previews of saved and unsaved data, builds with progress,
the output files and a ZIP of the print set.
"""
from __future__ import annotations

import asyncio
import io
import json
import re
import time
import zipfile
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..build.formats import BROCHURE, output_name
from .engine import Engine, Invalid
from .jobs import Jobs
from .security import Guard, allowed_hosts

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 1024 * 1024
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


class Studio:
    def __init__(self, root: Path, out: Path | None = None):
        self.engine = Engine(root, out)
        self.root, self.out = self.engine.root, self.engine.out
        self.jobs = Jobs(self.root, self.out)
        # built file -> (its modification time and size, what was made of it): one entry
        # per file, replaced when the file changes, so a long session does not grow them
        self._thumbs: dict[tuple[str, int], tuple[tuple, bytes]] = {}
        self._preflights: dict[str, tuple[tuple, list]] = {}

    # -- paths ----------------------------------------------------------------------
    def landmark_path(self, slug: str) -> Path | None:
        """The file of ``slug``, or None: only a valid slug naming a file in data/landmarks."""
        if not SLUG.match(slug):
            return None
        folder = (self.root / "data" / "landmarks").resolve()
        path = (folder / f"{slug}.yaml").resolve()
        if path.parent != folder or not path.is_file():
            return None
        return path

    def output_path(self, rel: str) -> Path | None:
        """A file under the output folder (no '..', no absolute paths, no symlinks out)."""
        if not rel or rel.startswith("/") or "\\" in rel or any(part in ("", ".", "..") for part in rel.split("/")):
            return None
        path = (self.out / rel).resolve()
        if not path.is_relative_to(self.out) or not path.is_file():
            return None
        return path

    # -- handlers --------------------------------------------------------------------
    async def index(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def info(self, request: Request) -> Response:
        from ..load.json_schema import schema_for
        from ..load.models import Landmark
        from ..compose.motifs import MOTIFS

        project = await asyncio.to_thread(self.engine.project)
        themes = {name: {"name": {"zh": t.name.zh, "en": t.name.en},
                         "colours": {k: {"name": c.name, "cmyk": c.cmyk, "rgb": _hex(c.cmyk)}
                                     for k, c in t.colours.items()}}
                  for name, t in sorted(project.themes.items()) if name != project.layouts["poster"].campaign_theme}
        motifs = {name: {"kind": m.kind, "summary": m.summary} for name, m in sorted(MOTIFS.items())}
        return JSONResponse({"project": str(self.root), "schema": schema_for(Landmark), "themes": themes,
                             "motifs": motifs})

    async def landmarks(self, request: Request) -> Response:
        folder = self.root / "data" / "landmarks"
        found = []
        for path in sorted(folder.glob("*.yaml")):
            title = await asyncio.to_thread(_title_of, path)
            found.append({"slug": path.stem, "title": title})
        return JSONResponse(found)

    async def dashboard(self, request: Request) -> Response:
        project = await asyncio.to_thread(self.engine.project)
        cards = []
        for lm in project.landmarks:
            cards.append(await asyncio.to_thread(self._card, lm.slug, {"zh": lm.name.zh, "en": lm.name.en},
                                                 output_name("print", lm.slug)))
        for slug, problems in sorted(project.failed.items()):
            card = await asyncio.to_thread(self._card, slug, {"zh": slug, "en": slug},
                                            output_name("print", slug))
            card["errors"] = [str(p) for p in problems]
            cards.append(card)
        b = project.campaign.brochure.title
        brochure = await asyncio.to_thread(self._card, BROCHURE, {"zh": b.zh, "en": b.en},
                                         output_name("print", BROCHURE))
        return JSONResponse({"landmarks": cards, "brochure": brochure})

    def _card(self, slug: str, title: dict, rel: str) -> dict:
        path = self.out / rel
        card = {"slug": slug, "title": title, "file": rel, "built": None, "preflight": None, "url": None}
        if path.is_file():
            card["built"] = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            card["url"] = f"/files/{rel}"
            card["preflight"] = "pass" if all(r.ok for r in self._preflight(path, rel)) else "fail"
        return card

    def _preflight(self, path: Path, rel: str) -> list:
        """The preflight results of a built file, judged once per version of the file."""
        from ..preflight import preflight_pdf

        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        got = self._preflights.get(rel)
        if got is None or got[0] != stamp:
            got = self._preflights[rel] = (stamp, preflight_pdf(path, shown=rel))
        return got[1]

    async def thumbnail(self, request: Request) -> Response:
        """The built file's first page, small (the brochure's cover, a poster)."""
        rel = request.path_params["path"]
        path = self.output_path(rel)
        if path is None or path.suffix != ".pdf":
            return _error(404, "no such built file")
        width = _width(request, 320)
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        got = self._thumbs.get((rel, width))
        if got is None or got[0] != stamp:
            from .engine import thumbnail
            got = self._thumbs[(rel, width)] = (stamp, await asyncio.to_thread(thumbnail, path.read_bytes(), width))
        return Response(got[1], media_type="image/png", headers={"Cache-Control": "no-cache"})

    async def get_landmark(self, request: Request) -> Response:
        from .yamlsave import etag, read, to_plain

        slug = request.path_params["slug"]
        path = self.landmark_path(slug)
        if path is None:
            return _error(404, "no such landmark")
        try:
            doc, data = await asyncio.to_thread(read, path)
        except Exception:  # a file broken by hand: say what the loader says
            from ..errors import InputError
            from ..load.yamlsrc import read_yaml
            try:
                read_yaml(path, f"data/landmarks/{slug}.yaml")
                message = "the file cannot be read for editing"
            except InputError as err:
                return JSONResponse({"errors": [{"field": p.field, "message": p.message, "where": str(p)}
                                                for p in err.problems]}, status_code=422)
            return _error(422, message)
        from .yamlsave import history_path
        return JSONResponse(to_plain(doc), headers={"ETag": f'"{etag(data)}"',
                                                    "X-Can-Undo": "1" if history_path(path).is_file() else "0"})

    async def put_landmark(self, request: Request) -> Response:
        from .yamlsave import StaleError, save

        slug = request.path_params["slug"]
        path = self.landmark_path(slug)
        if path is None:
            return _error(404, "no such landmark")
        match = request.headers.get("if-match")
        if not match:
            return _error(428, "send If-Match with the ETag you loaded, so nobody's edit is overwritten")
        body = await _body(request)
        if isinstance(body, Response):
            return body
        try:
            await asyncio.to_thread(self.engine.validate, slug, body)
        except Invalid as err:
            return JSONResponse({"errors": err.errors}, status_code=422)
        try:
            new = await asyncio.to_thread(save, path, body, match.strip('"'))
        except StaleError:
            return _error(412, "the file changed on disk since you loaded it (a colleague, an editor?); "
                          "reload to see the changes — nothing was overwritten")
        return JSONResponse({"etag": new}, headers={"ETag": f'"{new}"'})

    async def undo_landmark(self, request: Request) -> Response:
        from .yamlsave import NothingToUndo, StaleError, undo

        path = self.landmark_path(request.path_params["slug"])
        if path is None:
            return _error(404, "no such landmark")
        match = request.headers.get("if-match")
        if not match:
            return _error(428, "send If-Match with the ETag you loaded")
        try:
            new = await asyncio.to_thread(undo, path, match.strip('"'))
        except StaleError:
            return _error(412, "the file changed on disk since you loaded it; nothing was changed")
        except NothingToUndo:
            return _error(409, "there is no earlier version to go back to")
        return JSONResponse({"etag": new}, headers={"ETag": f'"{new}"'})

    async def preview(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        if self.landmark_path(slug) is None:
            return _error(404, "no such landmark")
        width = _width(request, 800)
        data = None
        if request.method == "POST":
            data = await _body(request)
            if isinstance(data, Response):
                return data
        try:
            png = await asyncio.to_thread(self.engine.preview, slug, data, width)
        except Invalid as err:
            return JSONResponse({"errors": err.errors}, status_code=422)
        return Response(png, media_type="image/png", headers={"Cache-Control": "no-store"})

    async def start_build(self, request: Request) -> Response:
        job = self.jobs.start()
        return JSONResponse({"job": job.id}, status_code=202)

    async def build_state(self, request: Request) -> Response:
        job = self.jobs.get(request.path_params["job"])
        if job is None:
            return _error(404, "no such build")
        return JSONResponse(job.as_json())

    async def files(self, request: Request) -> Response:
        path = self.output_path(request.path_params["path"])
        if path is None:
            return _error(404, "no such file in the output folder")
        return FileResponse(path)

    async def print_set(self, request: Request) -> Response:
        data = await asyncio.to_thread(self._zip)
        if data is None:
            return _error(404, "nothing built yet: export first")
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": 'attachment; filename="print-set.zip"'})

    def _zip(self) -> bytes | None:
        files = sorted((self.out / "posters").glob("*.pdf")) + sorted(self.out.glob("brochure*.pdf"))
        files = [f for f in files if f.is_file()]
        if not files:
            return None
        report, passed = [], 0
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            for f in files:
                rel = f.relative_to(self.out).as_posix()
                z.write(f, f"print-set/{rel}")
                results = self._preflight(f, rel)
                ok = all(r.ok for r in results)
                passed += ok
                report += [f"{'PASS' if r.ok else 'FAIL'}  {rel}  {r.check}: {r.detail}" for r in results]
            report.append(f"{passed} passed, {len(files) - passed} failed")
            z.writestr("print-set/preflight-report.txt", "\n".join(report) + "\n")
        return buf.getvalue()


def _title_of(path: Path) -> dict:
    """A landmark's names from its file, even when the file does not validate."""
    from ..load.yamlsrc import read_yaml

    try:  # the safe reader: size and alias limits hold here too
        name = read_yaml(path, f"data/landmarks/{path.name}").value.get("name") or {}
        return {"zh": str(name.get("zh", path.stem)), "en": str(name.get("en", path.stem))}
    except Exception:  # an unreadable file still gets a card, named by its slug
        return {"zh": path.stem, "en": path.stem}


def _width(request: Request, default: int) -> int:
    try:
        return max(64, min(2400, int(request.query_params.get("width", default))))
    except ValueError:
        return default


def _without_nulls(value):
    """A form's cleared optional fields arrive as null: they mean "not given"."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


async def _body(request: Request):
    """The request's JSON body, or a response saying why not (413 over 1 MiB)."""
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_BODY:
        return _error(413, "the body is over 1 MiB")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return _error(413, "the body is over 1 MiB")
        chunks.append(chunk)
    try:
        return _without_nulls(json.loads(b"".join(chunks) or b"null"))
    except (ValueError, UnicodeDecodeError):
        return _error(400, "the body is not JSON")


def _hex(cmyk) -> str:
    from ..page_model import CMYK

    r, g, b = CMYK(*cmyk).to_rgb()
    return "#%02x%02x%02x" % (round(r * 255), round(g * 255), round(b * 255))


def create_app(root: Path, out: Path | None = None, *, host: str = "127.0.0.1", port: int = 8765,
               token: str | None = None):
    studio = Studio(root, out)
    routes = [
        Route("/", studio.index),
        Route("/api/info", studio.info),
        Route("/api/landmarks", studio.landmarks),
        Route("/api/dashboard", studio.dashboard),
        Route("/api/landmarks/{slug}", studio.get_landmark, methods=["GET"]),
        Route("/api/landmarks/{slug}", studio.put_landmark, methods=["PUT"]),
        Route("/api/landmarks/{slug}/undo", studio.undo_landmark, methods=["POST"]),
        Route("/api/preview/{slug}.png", studio.preview, methods=["GET", "POST"]),
        Route("/api/thumbnail/{path:path}", studio.thumbnail),
        Route("/api/build", studio.start_build, methods=["POST"]),
        Route("/api/build/{job}", studio.build_state),
        Route("/api/print-set.zip", studio.print_set),
        Route("/files/{path:path}", studio.files),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    return Guard(app, allowed_hosts(host, port), token)
