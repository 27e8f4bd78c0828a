"""The studio: a local web app over the same engine as the CLI (Starlette).

Routes: the page and its static files; a JSON API for landmarks (read, save with
optimistic locking, undo), previews of saved and unsaved data, builds with progress,
the output files and a ZIP of the print set.

Robustness: every name from a request is checked before it touches the filesystem
(a malformed one is a 404, never an error); request bodies are JSON, at most 1 MiB and
64 levels deep, checked without recursion; the caches of drawn pictures and preflight
results are bounded (a fixed set of widths, a byte budget, least recently used out);
no response names an absolute path on this computer.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..build.formats import BROCHURE, output_name
from .engine import Engine, Invalid
from .bodies import dumps, error, read_body, who
from .jobs import Jobs
from .lru import LRU
from .uploads import UploadRoutes
from .outputs import ALLOWED_WIDTHS, MAX_PATH, PREFLIGHT_ENTRIES, THUMB_BUDGET, OutputRoutes, requested_width
from .security import Guard, allowed_hosts, cookie_name

STATIC = Path(__file__).resolve().parent / "static"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 100
RENDERS = 4  # pictures drawn at once (thumbnails, previews); the rest wait their turn


class Studio(OutputRoutes, UploadRoutes):
    def __init__(self, root: Path, out: Path | None = None):
        self.engine = Engine(root, out)
        self.root, self.out = self.engine.root, self.engine.out
        self.jobs = Jobs(self.root, self.out)
        # (built file, width) -> (its modification time and size, the PNG); built file ->
        # (stamp, preflight results): bounded, so no request can make them grow
        self.thumbs = LRU(THUMB_BUDGET, 64 * len(ALLOWED_WIDTHS), size=lambda v: len(v[1]))
        self.preflights = LRU(PREFLIGHT_ENTRIES, PREFLIGHT_ENTRIES)
        self._renders: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self._drawing: dict[tuple, list] = {}  # pictures being drawn: (loop, lock, requests waiting)
        # absolute paths a message could carry (as JSON writes them), and what a response
        # says instead: the project's files relative to it, the output folder by its name
        places = sorted({str(self.root): ("", "."), str(self.out): (f"{self.out.name}/", self.out.name),
                         str(Path.home()): ("~/", "~")}.items(), key=lambda kv: -len(kv[0]))
        self._shown = {json.dumps(k, ensure_ascii=False)[1:-1]: v for k, v in places if len(k) > 1}
        self._absolute = re.compile("(?:" + "|".join(re.escape(k) for k in self._shown) + r")(?:/|(?![\w.\-]))")

    def reply(self, content: Any, status: int = 200, headers: dict | None = None) -> Response:
        """A JSON response that names no absolute path: the project's files are shown
        relative to it, the output folder by its name, the home folder as ~."""
        def shown(m: re.Match) -> str:
            whole = m.group(0)
            inside, itself = self._shown[whole.rstrip("/")]
            return inside if whole.endswith("/") else itself

        text = self._absolute.sub(shown, dumps(content).decode("utf-8"))
        return Response(text.encode("utf-8"), status_code=status, headers=headers, media_type="application/json")

    def renders(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._renders is None or self._renders[0] is not loop:
            self._renders = (loop, asyncio.Semaphore(RENDERS))
        return self._renders[1]

    @contextlib.asynccontextmanager
    async def drawing(self, key):
        """The lock of one picture being drawn, held only while requests want it."""
        loop = asyncio.get_running_loop()
        entry = self._drawing.get(key)
        if entry is None or entry[0] is not loop:
            entry = self._drawing[key] = [loop, asyncio.Lock(), 0]
        entry[2] += 1
        try:
            async with entry[1]:
                yield
        finally:
            entry[2] -= 1
            if entry[2] == 0 and self._drawing.get(key) is entry:
                del self._drawing[key]

    # -- paths ----------------------------------------------------------------------
    def landmark_path(self, slug: str) -> Path | None:
        """The file of ``slug``, or None: only a valid slug naming a file in data/landmarks."""
        if len(slug) > MAX_SLUG or not SLUG.match(slug):
            return None
        folder = self.root / "data" / "landmarks"
        try:
            folder = folder.resolve()
            path = (folder / f"{slug}.yaml").resolve()
            if path.parent != folder or not path.is_file():
                return None
        except (OSError, ValueError):
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
        motifs = {name: {"kind": m.kind, "summary": m.summary, "name_zh": m.spec.name_zh,
                         "summary_zh": m.spec.summary_zh} for name, m in sorted(MOTIFS.items())}
        return self.reply({"project": self.root.name, "schema": schema_for(Landmark), "themes": themes,
                           "motifs": motifs})

    async def landmarks(self, request: Request) -> Response:
        folder = self.root / "data" / "landmarks"
        found = []
        for path in sorted(folder.glob("*.yaml")):
            title = await asyncio.to_thread(_title_of, path)
            found.append({"slug": path.stem, "title": title})
        return self.reply(found)

    async def dashboard(self, request: Request) -> Response:
        from ..build import manifest as record

        project = await asyncio.to_thread(self.engine.project)
        built = await asyncio.to_thread(record.load, self.out)  # read once; each input hashed once
        seen: dict[str, str] = {}
        cards = []
        for lm in project.landmarks:
            cards.append(await asyncio.to_thread(self._card, lm.slug, {"zh": lm.name.zh, "en": lm.name.en},
                                                 output_name("print", lm.slug), built, seen))
        for slug, problems in sorted(project.failed.items()):
            card = await asyncio.to_thread(self._card, slug, {"zh": slug, "en": slug},
                                            output_name("print", slug), built, seen)
            card["errors"] = [str(p) for p in problems]
            cards.append(card)
        b = project.campaign.brochure.title
        brochure = await asyncio.to_thread(self._card, BROCHURE, {"zh": b.zh, "en": b.en},
                                         output_name("print", BROCHURE), built, seen)
        return self.reply({"landmarks": cards, "brochure": brochure})

    def _card(self, slug: str, title: dict, rel: str, built, seen: dict[str, str]) -> dict:
        path = self.out / rel
        card = {"slug": slug, "title": title, "file": rel, "built": None, "preflight": None, "url": None,
                "changed": False, "version": None}
        source = self.landmark_path(slug) if slug != BROCHURE else None
        if source is not None:  # the saved data's version: a preview of it follows saves
            from .yamlsave import etag
            card["version"] = etag(source.read_bytes())[:16]
        if path.is_file():
            from ..build.manifest import changed_inputs
            card["changed"] = bool(changed_inputs(self.root, self.out, rel, built, seen))  # since the last export
            card["built"] = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            card["url"] = f"/files/{rel}"
            card["preflight"] = "pass" if all(r.ok for r in self._preflight(path, rel)) else "fail"
        return card

    async def get_landmark(self, request: Request) -> Response:
        from .yamlsave import etag, read, to_plain

        slug = request.path_params["slug"]
        path = self.landmark_path(slug)
        if path is None:
            return error(404, "no such landmark")
        try:
            doc, data = await asyncio.to_thread(read, path)
        except Exception:  # a file broken by hand: say what the loader says
            from ..errors import InputError
            from ..load.yamlsrc import read_yaml
            # its ETag all the same: a version can be put back over it (If-Match)
            tag = {"ETag": f'"{etag(path.read_bytes())}"'}
            try:
                read_yaml(path, f"data/landmarks/{slug}.yaml")
                message = "the file cannot be read for editing"
            except InputError as err:
                return self.reply({"errors": [{"field": p.field, "message": p.message, "where": str(p)}
                                              for p in err.problems]}, status=422, headers=tag)
            return self.reply({"error": message}, status=422, headers=tag)
        from .yamlsave import history_path
        return self.reply(to_plain(doc), headers={"ETag": f'"{etag(data)}"',
                                                  "X-Can-Undo": "1" if history_path(path).is_file() else "0"})

    async def put_landmark(self, request: Request) -> Response:
        from .versions import save
        from .yamlsave import StaleError

        slug = request.path_params["slug"]
        path = self.landmark_path(slug)
        if path is None:
            return error(404, "no such landmark")
        match = request.headers.get("if-match")
        if not match:
            return error(428, "send If-Match with the ETag you loaded, so nobody's edit is overwritten")
        body = await read_body(request)
        if isinstance(body, Response):
            return body
        try:
            await asyncio.to_thread(self.engine.validate, slug, body)
        except Invalid as err:
            return self.reply({"errors": err.errors}, status=422)
        except OSError as err:  # a file name in the data the filesystem cannot take
            return self.reply({"errors": [_unusable(err)]}, status=422)
        try:
            new = await asyncio.to_thread(save, path, body, match.strip('"'), who(request))
        except StaleError:
            return error(412, "the file changed on disk since you loaded it (a colleague, an editor?); "
                          "reload to see the changes — nothing was overwritten")
        return self.reply({"etag": new}, headers={"ETag": f'"{new}"'})

    async def undo_landmark(self, request: Request) -> Response:
        from .versions import undo
        from .yamlsave import NothingToUndo, StaleError

        path = self.landmark_path(request.path_params["slug"])
        if path is None:
            return error(404, "no such landmark")
        match = request.headers.get("if-match")
        if not match:
            return error(428, "send If-Match with the ETag you loaded")
        try:
            new = await asyncio.to_thread(undo, path, match.strip('"'), who(request))
        except StaleError:
            return error(412, "the file changed on disk since you loaded it; nothing was changed")
        except NothingToUndo:
            return error(409, "there is no earlier version to go back to")
        return self.reply({"etag": new}, headers={"ETag": f'"{new}"'})

    async def versions(self, request: Request) -> Response:
        """Every kept version of a landmark's file, newest first, each with its one-line diff."""
        from .versions import versions

        path = self.landmark_path(request.path_params["slug"])
        if path is None:
            return error(404, "no such landmark")
        kept = await asyncio.to_thread(versions, path)
        return self.reply({"versions": [v.as_json() for v in kept]})

    async def restore_version(self, request: Request) -> Response:
        """Put a kept version back (itself a new version: nothing is lost)."""
        from .versions import restore
        from .yamlsave import StaleError

        path = self.landmark_path(request.path_params["slug"])
        number = request.path_params["number"]
        if path is None or not number.isdigit() or len(number) > 9:
            return error(404, "no such version")
        match = request.headers.get("if-match")
        if not match:
            return error(428, "send If-Match with the ETag you loaded")
        try:
            new = await asyncio.to_thread(restore, path, int(number), match.strip('"'), who(request))
        except KeyError:
            return error(404, "no such version")
        except StaleError:
            return error(412, "the file changed on disk since you loaded it; nothing was changed")
        return self.reply({"etag": new}, headers={"ETag": f'"{new}"'})

    async def preview(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        if self.landmark_path(slug) is None:
            return error(404, "no such landmark")
        width = requested_width(request, 800)
        data = None
        if request.method == "POST":
            data = await read_body(request)
            if isinstance(data, Response):
                return data
        try:
            async with self.renders():
                shown = await asyncio.to_thread(self.engine.render, slug, data, width)
        except Invalid as err:
            return self.reply({"errors": err.errors}, status=422)
        except OSError as err:
            return self.reply({"errors": [_unusable(err)]}, status=422)
        # what each text field's frame holds as composed: the editor's counters
        capacity = json.dumps(shown.capacity, ensure_ascii=True, separators=(",", ":"))
        return Response(shown.png, media_type="image/png", headers={"Cache-Control": "no-store",
                                                                    "X-Capacity": capacity})

    async def start_build(self, request: Request) -> Response:
        job = self.jobs.start()
        return self.reply({"job": job.id}, status=202)

    async def build_state(self, request: Request) -> Response:
        job = self.jobs.get(request.path_params["job"])
        if job is None:
            return error(404, "no such build")
        return self.reply(job.as_json())

def _unusable(err: OSError) -> dict:
    """An error for the page when a name in the data cannot even be looked up (too long,
    say): which field is not known here, so it is listed above the form."""
    message = f"a file named in it cannot be opened: {err.strerror or type(err).__name__}"
    return {"field": "", "message": message, "where": message}


def _title_of(path: Path) -> dict:
    """A landmark's names from its file, even when the file does not validate."""
    from ..load.yamlsrc import read_yaml

    try:  # the safe reader: size and alias limits hold here too
        name = read_yaml(path, f"data/landmarks/{path.name}").value.get("name") or {}
        return {"zh": str(name.get("zh", path.stem)), "en": str(name.get("en", path.stem))}
    except Exception:  # an unreadable file still gets a card, named by its slug
        return {"zh": path.stem, "en": path.stem}


def _hex(cmyk) -> str:
    from ..page_model import CMYK

    r, g, b = CMYK(*cmyk).to_rgb()
    return "#%02x%02x%02x" % (round(r * 255), round(g * 255), round(b * 255))


class Static(StaticFiles):
    """The page's files: a name the filesystem cannot take is simply not there."""

    def lookup_path(self, path: str):
        if "\x00" in path or len(path) > MAX_PATH or any(p.startswith(".") for p in path.split("/") if p):
            return "", None
        try:
            return super().lookup_path(path)
        except (OSError, ValueError):
            return "", None


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
        Route("/api/landmarks/{slug}/versions", studio.versions, methods=["GET"]),
        Route("/api/landmarks/{slug}/image", studio.upload_image, methods=["POST"]),
        Route("/api/landmarks/{slug}/versions/{number}/restore", studio.restore_version, methods=["POST"]),
        Route("/api/preview/{slug}.png", studio.preview, methods=["GET", "POST"]),
        Route("/api/thumbnail/{path:path}", studio.thumbnail),
        Route("/api/build", studio.start_build, methods=["POST"]),
        Route("/api/build/{job}", studio.build_state),
        Route("/api/print-set.zip", studio.print_set),
        Route("/files/{path:path}", studio.files),
        Mount("/static", Static(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    guard = Guard(app, allowed_hosts(host, port), token, cookie=cookie_name(port))
    guard.studio = studio  # for tests and tools: its caches
    return guard
