"""The studio: a local web app over the same engine as the CLI (Starlette).

Routes: the page and its static files; a JSON API for the documents the studio edits,
the landmarks and the campaign (read, save with optimistic locking, undo, versions:
``documents``), previews of saved and unsaved data, builds with progress, the output
files and a ZIP of the print set; the releases, "Approve and release" and their
downloads (``releases``).

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
from .documents import CAMPAIGN, KINDS, LANDMARK, DocumentRoutes, document_routes
from .engine import Engine
from .bodies import chinese, dumps, error, read_body
from .jobs import Jobs
from .lru import LRU
from .uploads import UploadRoutes
from .assets import AssetRoutes
from .outputs import ALLOWED_WIDTHS, MAX_PATH, PREFLIGHT_ENTRIES, THUMB_BUDGET, OutputRoutes
from .releases import ReleaseRoutes
from .security import Guard, allowed_hosts, cookie_name

STATIC = Path(__file__).resolve().parent / "static"
RENDERS = 4  # pictures drawn at once (thumbnails, previews); the rest wait their turn


class Studio(DocumentRoutes, OutputRoutes, UploadRoutes, AssetRoutes, ReleaseRoutes):
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

        text = self._absolute.sub(shown, dumps(chinese(content)).decode("utf-8"))
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
        return self.document_path(LANDMARK, slug)

    # -- handlers --------------------------------------------------------------------
    async def index(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    async def info(self, request: Request) -> Response:
        """The forms' schemas (``schemas``: one per kind of document; ``schema``: the
        landmark's), the landmark themes and the motifs."""
        from ..errors import InputError
        from ..load import models
        from ..load.json_schema import schema_for
        from ..compose.motifs import MOTIFS

        try:
            project = await asyncio.to_thread(self.engine.project)
        except InputError:  # a file broken by hand: the editors still open (to mend it, or put a version back)
            project = None
        themes = {name: {"name": {"zh": t.name.zh, "en": t.name.en},
                         "colours": {k: {"name": c.name, "name_zh": c.name_in("zh"), "cmyk": c.cmyk, "rgb": _hex(c.cmyk)}
                                     for k, c in t.colours.items()}}
                  for name, t in sorted(project.themes.items()) if name != project.layouts["poster"].campaign_theme
                  } if project is not None and "poster" in project.layouts else {}
        motifs = {name: {"kind": m.kind, "summary": m.summary, "name_zh": m.spec.name_zh,
                         "summary_zh": m.spec.summary_zh} for name, m in sorted(MOTIFS.items())}
        schemas = {name: schema_for(getattr(models, kind.model)) for name, kind in KINDS.items()}
        return self.reply({"project": self.root.name, "schema": schemas["landmark"], "schemas": schemas,
                           "themes": themes, "motifs": motifs})

    async def landmarks(self, request: Request) -> Response:
        folder = self.root / "data" / "landmarks"
        found = []
        for path in sorted(folder.glob("*.yaml")):
            title = await asyncio.to_thread(_title_of, path)
            found.append({"slug": path.stem, "title": title})
        return self.reply(found)

    async def dashboard(self, request: Request) -> Response:
        from ..build import manifest as record
        from ..errors import InputError

        try:
            project = await asyncio.to_thread(self.engine.project)
        except InputError as err:  # a shared file broken by hand: say where; the campaign's can be mended here
            return self.reply({"error": "the project's files do not load", "errors": [str(p) for p in err.problems],
                               "campaign": any(p.file == CAMPAIGN.shown("") for p in err.problems)}, status=422)
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
        last = await asyncio.to_thread(self.last_release)  # each card against it: as released, or changed
        for c in [*cards, brochure]:
            c["release"] = await asyncio.to_thread(self.release_mark, c, last)
        return self.reply({"landmarks": cards, "brochure": brochure})

    def _card(self, slug: str, title: dict, rel: str, built, seen: dict[str, str]) -> dict:
        path = self.out / rel
        card = {"slug": slug, "title": title, "file": rel, "built": None, "preflight": None, "url": None,
                "changed": False, "version": None}
        source = self.landmark_path(slug) if slug != BROCHURE else self.document_path(CAMPAIGN, "")
        if source is not None:  # the saved data's version: a preview of it follows saves
            from .yamlsave import etag
            card["version"] = etag(source.read_bytes())[:16]
        if slug == BROCHURE:  # the brochure is edited as the campaign's texts, previewed a page at a time
            card["preview"] = "/api/campaign/preview.png"
        if path.is_file():
            from ..build.manifest import changed_inputs
            card["changed"] = bool(changed_inputs(self.root, self.out, rel, built, seen))  # since the last export
            card["built"] = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            card["url"] = f"/files/{rel}"
            card["preflight"] = "pass" if all(r.ok for r in self._preflight(path, rel)) else "fail"
        return card

    async def start_build(self, request: Request) -> Response:
        """Export the print set: in the bilingual edition, or in the one the body names
        ({"edition": "ja-en"}; ``build.options.EDITIONS``)."""
        from ..build.options import EDITIONS

        edition = "zh-en"
        if request.headers.get("content-type"):  # a body is sent: it must be JSON and name an edition
            body = await read_body(request)
            if isinstance(body, Response):
                return body
            edition = body.get("edition", edition) if isinstance(body, dict) else edition if body is None else None
            if edition not in EDITIONS:
                return error(400, f"edition must be one of {', '.join(EDITIONS)}")
        job = self.jobs.start(edition)
        return self.reply({"job": job.id, "edition": edition}, status=202)

    async def edition_preview(self, request: Request) -> Response:
        """The saved poster, or a page of the brochure (``?page=N``), in another edition, as
        a PNG (``?edition=ja-en``); 422 with what that edition lacks (a text not
        translated, one that does not fit)."""
        from ..build.options import EDITIONS
        from .engine import Invalid
        from .outputs import requested_page, requested_width

        slug = request.path_params.get("slug")  # None: the brochure (/api/campaign/edition.png?page=N)
        if slug is not None and self.landmark_path(slug) is None:
            return error(404, "no such landmark")
        edition = request.query_params.get("edition", "zh-en")
        if edition not in EDITIONS:
            return error(400, f"edition must be one of {', '.join(EDITIONS)}")
        page = requested_page(request)
        if page is None:
            return error(400, "page must be a page number, from 1")
        width = requested_width(request, 800)
        try:
            async with self.renders():
                png = await asyncio.to_thread(self.engine.edition, slug, edition, width, page)
        except Invalid as err:
            return self.reply({"errors": err.errors}, status=422)
        except IndexError:
            return error(404, "no such page")
        return Response(png, media_type="image/png", headers={"Cache-Control": "no-store"})

    async def build_state(self, request: Request) -> Response:
        job = self.jobs.get(request.path_params["job"])
        if job is None:
            return error(404, "no such build")
        return self.reply(job.as_json())

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
        *document_routes(studio),  # /api/landmarks/{slug} and /api/campaign: read, save, undo, versions, preview
        Route("/api/landmarks/{slug}/image", studio.upload_image, methods=["POST"]),
        Route("/api/landmarks/{slug}/edition.png", studio.edition_preview),
        Route("/api/campaign/edition.png", studio.edition_preview),
        Route("/api/thumbnail/{path:path}", studio.thumbnail),
        Route("/api/assets/{path:path}", studio.asset_image),  # the project's pictures, as previews
        Route("/api/build", studio.start_build, methods=["POST"]),
        Route("/api/build/{job}", studio.build_state),
        Route("/api/print-set.zip", studio.print_set),
        Route("/files/{path:path}", studio.files),
        Route("/api/releases", studio.releases),  # the releases, and each output against the last
        Route("/api/releases", studio.make_release, methods=["POST"]),  # approve and release
        Route("/api/releases/{n}/handoff.zip", studio.handoff),
        Route("/api/releases/{n}/files/{path:path}", studio.released_file),
        Route("/api/proof", studio.proof),  # what changed since the last release: facts, pages, regions
        Route("/api/proof/page.png", studio.proof_page),
        Mount("/static", Static(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    guard = Guard(app, allowed_hosts(host, port), token, cookie=cookie_name(port))
    guard.studio = studio  # for tests and tools: its caches
    return guard
