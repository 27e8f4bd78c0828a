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
import io
import json
import re
import threading
import time
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..build.formats import BROCHURE, output_name
from .engine import Engine, Invalid
from .jobs import Jobs
from .security import Guard, allowed_hosts, cookie_name, is_json

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 1024 * 1024
MAX_DEPTH = 64  # nesting of a JSON body: a landmark needs a handful of levels
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 100
MAX_PATH, MAX_PART = 1024, 255  # characters of a path under output/, bytes of one name in it
ALLOWED_WIDTHS = (200, 400, 800, 1200, 2400)  # a thumbnail's width snaps to the nearest
THUMB_BUDGET = 64 * 1024 * 1024  # bytes of PNG kept in memory
PREFLIGHT_ENTRIES = 512  # built files whose preflight results are kept
RENDERS = 4  # pictures drawn at once (thumbnails, previews); the rest wait their turn


def dumps(content: Any) -> bytes:
    """JSON as UTF-8, or as ASCII escapes when the content has text UTF-8 cannot carry
    (a lone surrogate a client sent): an error response is never itself an error."""
    try:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def _error(status: int, message: str, **extra) -> Response:
    return JSON({"error": message, **extra}, status_code=status)


class LRU:
    """A cache bounded by entries and by bytes (``size`` of a value), least recently used
    out first; thread-safe."""

    def __init__(self, max_bytes: int, max_entries: int, size: Callable[[Any], int] = lambda v: 1):
        self.max_bytes, self.max_entries, self.size = max_bytes, max_entries, size
        self.items: OrderedDict = OrderedDict()
        self.bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        n = self.size(value)
        with self._lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.bytes -= self.size(old)
            if n > self.max_bytes:
                return  # larger than the whole budget: not kept
            self.items[key] = value
            self.bytes += n
            while self.bytes > self.max_bytes or len(self.items) > self.max_entries:
                _, gone = self.items.popitem(last=False)
                self.bytes -= self.size(gone)

    def __len__(self) -> int:
        return len(self.items)

    def keys(self) -> list:
        with self._lock:
            return list(self.items)


class Studio:
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

    def output_path(self, rel: str) -> Path | None:
        """A file under the output folder, or None: no '..', no absolute paths, no symlinks
        out, no hidden files (a name starting with '.'), no name the filesystem cannot take."""
        if not _fine_rel(rel):
            return None
        try:
            path = (self.out / rel).resolve()
            if not path.is_relative_to(self.out):
                return None
            if any(part.startswith(".") for part in path.relative_to(self.out).parts) or not path.is_file():
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
        motifs = {name: {"kind": m.kind, "summary": m.summary} for name, m in sorted(MOTIFS.items())}
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
        return self.reply({"landmarks": cards, "brochure": brochure})

    def _card(self, slug: str, title: dict, rel: str) -> dict:
        path = self.out / rel
        card = {"slug": slug, "title": title, "file": rel, "built": None, "preflight": None, "url": None,
                "changed": False, "version": None}
        source = self.landmark_path(slug) if slug != BROCHURE else None
        if source is not None:  # the saved data's version: a preview of it follows saves
            from .yamlsave import etag
            card["version"] = etag(source.read_bytes())[:16]
        if path.is_file():
            from ..build.manifest import changed_inputs
            card["changed"] = bool(changed_inputs(self.root, self.out, rel))  # since the last export
            card["built"] = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
            card["url"] = f"/files/{rel}"
            card["preflight"] = "pass" if all(r.ok for r in self._preflight(path, rel)) else "fail"
        return card

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
            return _error(404, "no such built file")
        width = snap_width(_width(request, 400))
        try:
            png = self._cached_thumbnail(path, rel, width)
            if png is None:
                async with self.drawing((rel, width)):  # one request draws it, the others wait
                    png = self._cached_thumbnail(path, rel, width)  # drawn while this one waited?
                    if png is None:
                        async with self.renders():
                            png = await asyncio.to_thread(self._draw_thumbnail, path, rel, width)
        except OSError:  # gone or unreadable since it was found
            return _error(404, "no such built file")
        except Exception:  # not a PDF the rasteriser can open
            return _error(422, "this file cannot be drawn (is it a PDF?)")
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
                return self.reply({"errors": [{"field": p.field, "message": p.message, "where": str(p)}
                                              for p in err.problems]}, status=422)
            return _error(422, message)
        from .yamlsave import history_path
        return self.reply(to_plain(doc), headers={"ETag": f'"{etag(data)}"',
                                                  "X-Can-Undo": "1" if history_path(path).is_file() else "0"})

    async def put_landmark(self, request: Request) -> Response:
        from .versions import save
        from .yamlsave import StaleError

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
            return self.reply({"errors": err.errors}, status=422)
        except OSError as err:  # a file name in the data the filesystem cannot take
            return self.reply({"errors": [_unusable(err)]}, status=422)
        try:
            new = await asyncio.to_thread(save, path, body, match.strip('"'), _who(request))
        except StaleError:
            return _error(412, "the file changed on disk since you loaded it (a colleague, an editor?); "
                          "reload to see the changes — nothing was overwritten")
        return self.reply({"etag": new}, headers={"ETag": f'"{new}"'})

    async def undo_landmark(self, request: Request) -> Response:
        from .versions import undo
        from .yamlsave import NothingToUndo, StaleError

        path = self.landmark_path(request.path_params["slug"])
        if path is None:
            return _error(404, "no such landmark")
        match = request.headers.get("if-match")
        if not match:
            return _error(428, "send If-Match with the ETag you loaded")
        try:
            new = await asyncio.to_thread(undo, path, match.strip('"'), _who(request))
        except StaleError:
            return _error(412, "the file changed on disk since you loaded it; nothing was changed")
        except NothingToUndo:
            return _error(409, "there is no earlier version to go back to")
        return self.reply({"etag": new}, headers={"ETag": f'"{new}"'})

    async def versions(self, request: Request) -> Response:
        """Every kept version of a landmark's file, newest first, each with its one-line diff."""
        from .versions import versions

        path = self.landmark_path(request.path_params["slug"])
        if path is None:
            return _error(404, "no such landmark")
        kept = await asyncio.to_thread(versions, path)
        return self.reply({"versions": [v.as_json() for v in kept]})

    async def restore_version(self, request: Request) -> Response:
        """Put a kept version back (itself a new version: nothing is lost)."""
        from .versions import restore
        from .yamlsave import StaleError

        path = self.landmark_path(request.path_params["slug"])
        number = request.path_params["number"]
        if path is None or not number.isdigit() or len(number) > 9:
            return _error(404, "no such version")
        match = request.headers.get("if-match")
        if not match:
            return _error(428, "send If-Match with the ETag you loaded")
        try:
            new = await asyncio.to_thread(restore, path, int(number), match.strip('"'), _who(request))
        except KeyError:
            return _error(404, "no such version")
        except StaleError:
            return _error(412, "the file changed on disk since you loaded it; nothing was changed")
        return self.reply({"etag": new}, headers={"ETag": f'"{new}"'})

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
            return _error(404, "no such build")
        return self.reply(job.as_json())

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


def _who(request: Request) -> str:
    """The name the page gives for who is saving (``X-Studio-User``, percent-encoded
    UTF-8, as headers carry only Latin-1), printable, short."""
    from urllib.parse import unquote

    name = unquote(request.headers.get("x-studio-user", "")[:400], errors="replace")
    return "".join(ch for ch in name if ch.isprintable())[:80]


def _unusable(err: OSError) -> dict:
    """An error for the page when a name in the data cannot even be looked up (too long,
    say): which field is not known here, so it is listed above the form."""
    message = f"a file named in it cannot be opened: {err.strerror or type(err).__name__}"
    return {"field": "", "message": message, "where": message}


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


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


def snap_width(width: int) -> int:
    """The allowed thumbnail width nearest ``width`` (the larger one on a tie)."""
    return min(ALLOWED_WIDTHS, key=lambda w: (abs(w - width), -w))


class BadBody(ValueError):
    pass


# a JSON string, its closing quote optional: an unterminated one runs to the end (the
# parser refuses it anyway) and no input makes the match backtrack (linear time)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Refuse JSON nested deeper than ``limit``, counted without recursion (and before
    the parser, which recurses) over the brackets outside strings."""
    depth = 0
    for c in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        if c in "[{":
            depth += 1
            if depth > limit:
                raise BadBody(f"the body is nested more than {limit} levels deep")
        else:
            depth -= 1


def _clean(value: Any) -> Any:
    """A form's cleared optional fields arrive as null: they mean "not given", and go.
    Every text, keys too, must be Unicode a file can hold (no lone surrogates, no NUL).
    Iterative: no body can exhaust the stack."""
    def check(s: str) -> None:
        if "\x00" in s:
            raise BadBody("the body has a NUL character in a text")
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            raise BadBody("the body has text that is not Unicode (a lone surrogate)") from None

    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            check(v)
        elif isinstance(v, dict):
            for k in [k for k, x in v.items() if x is None]:
                del v[k]
            for k, x in v.items():
                check(k)
                stack.append(x)
        elif isinstance(v, list):
            stack.extend(v)
    return value


def _no_constant(name: str):
    raise BadBody(f"{name} is not a JSON number")


async def _body(request: Request):
    """The request's JSON body, or a response saying why not: 415 unless sent as
    application/json, 413 over 1 MiB, 400 when it is not JSON (UTF-8, at most 64 levels
    deep, its text Unicode)."""
    if not is_json(request.headers.get("content-type")):
        return _error(415, "send the body as JSON (Content-Type: application/json)")
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
        text = b"".join(chunks).decode("utf-8")
        _check_depth(text)
        return _clean(json.loads(text or "null", parse_constant=_no_constant))
    except BadBody as err:
        return _error(400, str(err))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _error(400, "the body is not JSON")


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
