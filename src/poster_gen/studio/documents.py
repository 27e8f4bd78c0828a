"""The documents the studio edits, and the routes that edit them: one set of handlers
over a small table of kinds. A landmark is ``data/landmarks/<slug>.yaml`` (a ``Landmark``,
previewed as its poster); the campaign is ``data/campaign.yaml`` (a ``Campaign``, whose
texts are in the brochure and on every poster, previewed a brochure page at a time).
Each is read with its ETag, saved with optimistic locking (If-Match) keeping the file's
comments and key order, every save a version with who made it; undo, the versions and
putting one back work the same for both.
"""
from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .bodies import error, read_body, who
from .engine import CAMPAIGN_FILE, Invalid, errors_of

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a landmark's key (as load.project.SLUG)
MAX_SLUG = 100


@dataclass(frozen=True)
class Kind:
    """One kind of document: where its file is, what checks it and how it is previewed."""

    name: str  # "landmark", "campaign"
    missing: str  # the 404's words
    folder: str  # under the project
    file_name: Callable[[str], str]  # the document's key (a landmark's slug) -> its file's name
    valid: Callable[[str], bool]  # whether a key from a request may name a file at all
    model: str  # the class in load.models: the form's schema
    validate: Callable[[Any, str, Any], Any]  # (engine, key, data) -> raises Invalid
    render: Callable[..., Any]  # (engine, key, data, width, page) -> engine.Preview
    paged: bool = False  # previewed a page at a time (?page=N, from 1)

    def shown(self, key: str) -> str:
        """The file as messages name it, relative to the project."""
        return f"{self.folder}/{self.file_name(key)}"


def _slug_ok(slug: str) -> bool:
    return len(slug) <= MAX_SLUG and bool(SLUG.match(slug))


LANDMARK = Kind("landmark", "no such landmark", "data/landmarks", lambda slug: f"{slug}.yaml", _slug_ok, "Landmark",
                lambda engine, key, data: engine.validate(key, data),
                lambda engine, key, data, width, page: engine.render(key, data, width))
CAMPAIGN = Kind("campaign", "no campaign file (data/campaign.yaml)", "data", lambda _: "campaign.yaml",
                lambda key: key == "", "Campaign",
                lambda engine, key, data: engine.validate_campaign(data),
                lambda engine, key, data, width, page: engine.render_campaign(data, width, page), paged=True)
KINDS = {k.name: k for k in (LANDMARK, CAMPAIGN)}
assert CAMPAIGN.shown("") == CAMPAIGN_FILE


class DocumentRoutes:
    """Mixed into ``app.Studio``: it provides ``root``, ``engine``, ``reply`` and ``renders``."""

    def document_path(self, kind: Kind, key: str) -> Path | None:
        """The file of ``kind``'s document ``key``, or None: only a valid key naming a
        file in the kind's folder."""
        if not kind.valid(key):
            return None
        try:
            folder = (self.root / kind.folder).resolve()
            path = (folder / kind.file_name(key)).resolve()
            if path.parent != folder or not path.is_file():
                return None
        except (OSError, ValueError):
            return None
        return path

    def _located(self, kind: Kind, request: Request) -> tuple[str, Path | None]:
        key = request.path_params.get("slug", "") if kind is LANDMARK else ""
        return key, self.document_path(kind, key)

    # -- reading and writing --------------------------------------------------------
    async def get_document(self, request: Request, kind: Kind) -> Response:
        from .yamlsave import etag, history_path, read, to_plain

        key, path = self._located(kind, request)
        if path is None:
            return error(404, kind.missing)
        try:
            doc, data = await asyncio.to_thread(read, path)
        except Exception:  # a file broken by hand: say what the loader says
            from ..errors import InputError
            from ..load.yamlsrc import read_yaml
            # its ETag all the same: a version can be put back over it (If-Match)
            tag = {"ETag": f'"{etag(path.read_bytes())}"'}
            try:
                read_yaml(path, kind.shown(key))
                message = "the file cannot be read for editing"
            except InputError as err:
                return self.reply({"errors": [{"field": p.field, "message": p.message, "where": str(p)}
                                              for p in err.problems]}, status=422, headers=tag)
            return self.reply({"error": message}, status=422, headers=tag)
        return self.reply(to_plain(doc), headers={"ETag": f'"{etag(data)}"',
                                                  "X-Can-Undo": "1" if history_path(path).is_file() else "0"})

    async def put_document(self, request: Request, kind: Kind) -> Response:
        from .versions import save
        from .yamlsave import StaleError

        key, path = self._located(kind, request)
        if path is None:
            return error(404, kind.missing)
        match = request.headers.get("if-match")
        if not match:
            return error(428, "send If-Match with the ETag you loaded, so nobody's edit is overwritten")
        body = await read_body(request)
        if isinstance(body, Response):
            return body
        try:
            await asyncio.to_thread(kind.validate, self.engine, key, body)
        except Invalid as err:
            return self.reply({"errors": err.errors}, status=422)
        except OSError as err:  # a file name in the data the filesystem cannot take
            return self.reply({"errors": [unusable(err)]}, status=422)
        try:
            new = await asyncio.to_thread(save, path, body, match.strip('"'), who(request))
        except StaleError:
            return error(412, "the file changed on disk since you loaded it (a colleague, an editor?); "
                         "reload to see the changes — nothing was overwritten")
        return self.reply({"etag": new}, headers={"ETag": f'"{new}"'})

    async def undo_document(self, request: Request, kind: Kind) -> Response:
        from .versions import undo
        from .yamlsave import NothingToUndo

        _, path = self._located(kind, request)
        if path is None:
            return error(404, kind.missing)
        return await self._put_back(request, lambda tag, by: undo(path, tag, by),
                                    {NothingToUndo: (409, "there is no earlier version to go back to")})

    async def _put_back(self, request: Request, change, refusals: dict) -> Response:
        """An earlier version written over the file (undo, restore) by ``change(etag, who)``,
        only over the version the user loaded (If-Match); ``refusals``: exception -> answer."""
        from .yamlsave import StaleError

        match = request.headers.get("if-match")
        if not match:
            return error(428, "send If-Match with the ETag you loaded")
        try:
            new = await asyncio.to_thread(change, match.strip('"'), who(request))
        except StaleError:
            return error(412, "the file changed on disk since you loaded it; nothing was changed")
        except tuple(refusals) as err:
            return error(*refusals[type(err)])
        return self.reply({"etag": new}, headers={"ETag": f'"{new}"'})

    async def list_versions(self, request: Request, kind: Kind) -> Response:
        """Every kept version of the document's file, newest first, each with its one-line diff."""
        from .versions import versions

        _, path = self._located(kind, request)
        if path is None:
            return error(404, kind.missing)
        kept = await asyncio.to_thread(versions, path)
        return self.reply({"versions": [v.as_json() for v in kept]})

    async def restore_document(self, request: Request, kind: Kind) -> Response:
        """Put a kept version back (itself a new version: nothing is lost)."""
        from .versions import restore

        _, path = self._located(kind, request)
        number = request.path_params["number"]
        if path is None or not number.isdigit() or len(number) > 9:
            return error(404, "no such version")
        return await self._put_back(request, lambda tag, by: restore(path, int(number), tag, by),
                                    {KeyError: (404, "no such version")})

    # -- previews -------------------------------------------------------------------
    async def preview_document(self, request: Request, kind: Kind) -> Response:
        """The document as printed (a landmark's poster, a page of the brochure) as a PNG,
        of the saved file (GET) or of the data sent (POST, validated as a save is). Headers:
        X-Capacity, what each text field's frame holds as composed (the editor's counters);
        X-Problems, the texts of the data sent that do not fit ({field, message, where}, as a
        save's 422 lists them), drawn past their frames on the picture and marked;
        for a paged document X-Page, X-Pages and X-Field-Pages (text field -> its pages)."""
        from ..errors import InputError
        from .outputs import requested_page, requested_width

        key, path = self._located(kind, request)
        if path is None:
            return error(404, kind.missing)
        width = requested_width(request, 800)
        page = 1
        if kind.paged:
            page = requested_page(request)
            if page is None:
                return error(400, "page must be a page number, from 1")
        data = None
        if request.method == "POST":
            data = await read_body(request)
            if isinstance(data, Response):
                return data
            if data is None:  # JSON null: not the saved file, nothing at all
                message = "expected a mapping of keys to values"
                return self.reply({"errors": [{"field": "", "message": message,
                                               "where": f"{kind.shown(key)}: {message}"}]}, status=422)
        try:
            async with self.renders():
                shown = await asyncio.to_thread(kind.render, self.engine, key, data, width, page)
        except Invalid as err:
            return self.reply({"errors": err.errors}, status=422)
        except InputError as err:  # the project itself does not load (a file broken by hand)
            return self.reply({"errors": [{"field": p.field if p.file == kind.shown(key) else "",
                                           "message": p.message, "where": str(p)} for p in err.problems]},
                              status=422)
        except OSError as err:
            return self.reply({"errors": [unusable(err)]}, status=422)
        except IndexError:
            return error(404, "no such page")
        headers = {"Cache-Control": "no-store", "X-Capacity": _header(shown.capacity)}
        if shown.problems:  # texts that do not fit: drawn past their frames on the picture, marked
            headers["X-Problems"] = _header(errors_of(shown.problems))
        if kind.paged:
            headers.update({"X-Page": str(page), "X-Pages": str(shown.pages),
                            "X-Field-Pages": _header(shown.where or {})})
        return Response(shown.png, media_type="image/png", headers=headers)


def _header(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def unusable(err: OSError) -> dict:
    """An error for the page when a name in the data cannot even be looked up (too long,
    say): which field is not known here, so it is listed above the form."""
    message = f"a file named in it cannot be opened: {err.strerror or type(err).__name__}"
    return {"field": "", "message": message, "where": message}


def document_routes(studio: DocumentRoutes) -> list[Route]:
    """The same routes for every kind: ``/api/landmarks/{slug}`` and ``/api/campaign``,
    each with ``/undo``, ``/versions`` and ``/versions/{number}/restore``; the previews
    at ``/api/preview/{slug}.png`` and ``/api/campaign/preview.png?page=N``."""
    def bound(handler, kind: Kind):
        async def endpoint(request: Request) -> Response:
            return await handler(request, kind)
        endpoint.__name__ = f"{handler.__name__}_{kind.name}"
        return endpoint

    routes = []
    for kind, base, preview in ((LANDMARK, "/api/landmarks/{slug}", "/api/preview/{slug}.png"),
                                (CAMPAIGN, "/api/campaign", "/api/campaign/preview.png")):
        routes += [
            Route(base, bound(studio.get_document, kind), methods=["GET"]),
            Route(base, bound(studio.put_document, kind), methods=["PUT"]),
            Route(f"{base}/undo", bound(studio.undo_document, kind), methods=["POST"]),
            Route(f"{base}/versions", bound(studio.list_versions, kind), methods=["GET"]),
            Route(f"{base}/versions/{{number}}/restore", bound(studio.restore_document, kind), methods=["POST"]),
            Route(preview, bound(studio.preview_document, kind), methods=["GET", "POST"]),
        ]
    return routes
