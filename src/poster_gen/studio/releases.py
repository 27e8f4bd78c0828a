"""The studio's releases: the list of releases with their downloads, "Approve and release"
(the very function ``poster-gen release`` runs, with its refusals), the print shop's
hand-off ZIP of a release and its released PDFs, and what each poster and the brochure
is now against the last release ("as released", or changed since it).

A release is made off the event loop, one at a time: a second one asked for meanwhile,
or one asked for while an export runs, is refused (409) with one line, nothing written.
A refused release answers with the CLI's own line (409 when the build is not up to
date or the folder is busy, 422 when a print file fails preflight or the project does
not load), its Chinese beside it (``zh``).
"""
from __future__ import annotations

import asyncio
import hashlib
import io
import re
import tempfile
import threading
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from .bodies import error, read_body
from .outputs import file_under

MAX_BY, MAX_NOTE = 80, 2000  # characters of who releases and of why
NUMBER = re.compile(r"^[1-9][0-9]{0,8}$")
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


class ReleaseRoutes:
    """Mixed into ``app.Studio``: it provides ``root``, ``out``, ``jobs`` and ``reply``."""

    def _state(self) -> dict:
        """This studio's own: the lock that makes releases one at a time, and the hashes of
        the built files (by path: their stamp and SHA-256)."""
        return self.__dict__.setdefault("_releases_state", {"lock": threading.Lock(), "hashes": {}})

    # -- what is released, and what each output is against the last release ----------------
    def last_release(self) -> dict | None:
        """The newest release whose record reads (its ``release.json``), or None."""
        from ..release.store import Refusal, listing, read_record

        try:
            every = listing(self.root)
        except Refusal:
            return None
        for rel in reversed(every):
            try:
                return read_record(rel, self.root)
            except Refusal:
                continue
        return None

    def release_mark(self, card: dict, last: dict | None) -> dict | None:
        """A dashboard card against the last release: {"number", "state"} where state is
        "released" (the file built now is the one released, and nothing it is made from
        changed since the build) or "changed"; None when there is no release."""
        if last is None:
            return None
        released = {f["path"]: f["sha256"] for f in last["files"]}
        rel = card["file"]
        same = bool(card.get("built")) and not card.get("changed") and rel in released \
            and self._hash(self.out / rel) == released[rel]
        return {"number": last["number"], "state": "released" if same else "changed"}

    def _hash(self, path: Path) -> str | None:
        """The SHA-256 of a built file, taken again only when the file changed."""
        try:
            st = path.stat()
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        hashes = self._state()["hashes"]
        got = hashes.get(str(path))
        if got is None or got[0] != stamp:
            try:
                got = (stamp, hashlib.sha256(path.read_bytes()).hexdigest())
            except OSError:
                return None
            hashes[str(path)] = got
        return got[1]

    def _listing(self) -> dict:
        from ..release.store import Refusal, listing, read_record

        rows, damaged = [], []
        for rel in listing(self.root):
            try:
                record = read_record(rel, self.root)
            except Refusal as exc:
                damaged.append(str(exc.problems[0]))
                continue
            rows.append(_row(record, rel.name))
        rows.reverse()  # the newest first
        return {"releases": rows, "last": rows[0]["number"] if rows else None, "errors": damaged}

    def _outputs(self, last: dict | None) -> list[dict]:
        """Each poster and the brochure (their print files) against the last release."""
        from ..build import manifest as inc
        from ..build.formats import output_name
        from ..release.built import targets

        record, seen, found = inc.load(self.out), {}, []
        for target in targets(self.root):
            rel = output_name("print", target)
            built = (self.out / rel).is_file()
            changed = built and bool(inc.changed_inputs(self.root, self.out, rel, record, seen))
            card = {"slug": target, "file": rel, "built": built, "changed": changed}
            found.append({"slug": target, "file": rel, "release": self.release_mark(card, last)})
        return found

    async def releases(self, request: Request) -> Response:
        """GET /api/releases: every release, newest first, with its downloads; and each
        poster's and the brochure's state against the last release (``outputs``)."""
        from ..release.store import Refusal

        try:
            listed = await asyncio.to_thread(self._listing)
        except Refusal as exc:
            return self.reply({"error": str(exc.problems[0])}, status=409)
        last = await asyncio.to_thread(self.last_release)
        outputs = await asyncio.to_thread(self._outputs, last)
        return self.reply({**listed, "outputs": outputs})

    # -- approve and release ----------------------------------------------------------------
    async def make_release(self, request: Request) -> Response:
        """POST /api/releases {"by", "note"}: release exactly as ``poster-gen release`` does."""
        body = await read_body(request)
        if isinstance(body, Response):
            return body
        if not isinstance(body, dict):
            body = {}
        by, note = body.get("by", ""), body.get("note", "")
        if not isinstance(by, str) or not isinstance(note, str) or len(by) > MAX_BY or len(note) > MAX_NOTE:
            return error(400, "send by (a name of at most 80 characters) and note (at most 2000 characters) as texts")
        by, note = " ".join(by.split()), note.strip()
        if not by:
            return error(422, "give the name of who approves this release")
        if any(j.state in ("queued", "running") for j in list(self.jobs.jobs.values())):
            return error(409, "an export is running; release when it has finished")
        lock = self._state()["lock"]
        if not lock.acquire(blocking=False):
            return error(409, "another release is being made; wait for it to finish")
        try:
            made = await asyncio.to_thread(self._release, by, note)
        finally:
            lock.release()
        if isinstance(made, Response):
            return made
        return self.reply(made, status=201)

    def _release(self, by: str, note: str) -> dict | Response:
        from ..errors import InputError, MachineError
        from ..release.create import release

        try:
            made = release(self.root, note=note, by=by, out=self.out)
        except InputError as exc:  # a Refusal, the lock (a MachineError), or the project does not load
            one = len(exc.problems) == 1
            line = str(exc.problems[0]) if one else "the project's files do not load"
            busy = isinstance(exc, MachineError) and "fails preflight" not in line  # not up to date, locked
            return self.reply({"error": line, "errors": [] if one else [str(p) for p in exc.problems]},
                              status=409 if busy else 422)
        return {**_row(made.record, made.release.name), "warnings": list(made.warnings)}

    # -- downloads --------------------------------------------------------------------------
    def _find(self, number: str):
        """The release numbered ``number`` (as a request names it), or an error response."""
        from ..release.store import Refusal, find

        if not NUMBER.match(number):
            return error(404, "no such release")
        try:
            return find(self.root, int(number))
        except Refusal as exc:
            if "; the releases are" in exc.message or "there are no releases" in exc.message:
                return error(404, "no such release")
            return self.reply({"error": str(exc.problems[0])}, status=409)

    async def handoff(self, request: Request) -> Response:
        """GET /api/releases/{n}/handoff.zip: the print shop's hand-off (release/handoff.py),
        made in a temporary folder and sent; refused (409) when the release was altered."""
        from ..release.store import Refusal

        found = await asyncio.to_thread(self._find, request.path_params["n"])
        if isinstance(found, Response):
            return found
        try:
            data = await asyncio.to_thread(_handoff_bytes, self.root, found)
        except Refusal as exc:
            return self.reply({"error": str(exc.problems[0])}, status=409)
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="release-{found.name}.zip"'})

    async def released_file(self, request: Request) -> Response:
        """GET /api/releases/{n}/files/{path}: a file of the release as released (one its
        release.json names), as a download."""
        found = await asyncio.to_thread(self._find, request.path_params["n"])
        if isinstance(found, Response):
            return found
        path = await asyncio.to_thread(self._released_path, found, request.path_params["path"])
        if path is None:
            return error(404, "no such file in this release")
        name = path.name if SAFE_NAME.match(path.name) else "released.pdf"
        return FileResponse(path, media_type="application/pdf",
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})

    def _released_path(self, release, rel: str) -> Path | None:
        from ..release.store import FILES, Refusal, read_record

        try:
            named = {f["path"] for f in read_record(release, self.root)["files"]}
        except Refusal:
            return None
        return file_under(release.path / FILES, rel) if rel in named else None


    # -- the proof: what changed since the last release (release/proof) ---------------------
    def _proof(self, again: bool = True):
        """The proof of the outputs now built against the last release (``release.proof``'s
        gather: its changed facts, and each changed page then and now with the changed
        regions): made ``again`` (the proof's own checks: up to date, the release intact),
        else the one made last while neither the build record nor the releases changed."""
        from ..release.proof.gather import gather

        state = self._state()
        with state.setdefault("proof_lock", threading.Lock()):  # one proof drawn at a time
            key = (_stamp(self.out / ".poster-gen-manifest.json"), _stamp(self.root / "releases"))
            got = state.get("proof")
            if again or got is None or got[0] != key:
                got = state["proof"] = (key, gather(self.root, self.out))
            return got[1]

    async def proof(self, request: Request) -> Response:
        """GET /api/proof: the changed facts (in both languages) and the outputs, each changed
        page with its pictures (/api/proof/page.png) and its changed regions (fractions of the page)."""
        from ..errors import InputError

        try:
            got = await asyncio.to_thread(self._proof)
        except InputError as exc:  # not up to date, a release altered, the project does not load
            return self.reply({"error": str(exc.problems[0])}, status=409)
        outputs = []
        for o in got.outputs:
            pages = [{"number": pg.number, "regions": [[r.x0, r.y0, r.x1, r.y1] for r in pg.regions],
                      **{side: f"/api/proof/page.png?file={o.name}&page={pg.number}&side={side}"
                         if getattr(pg, side) is not None else None for side in ("old", "new")}} for pg in o.pages]
            outputs.append({"file": o.name, "kind": o.kind, "target": o.target, "status": o.status, "pages": pages,
                            "facts": [{"zh": f.zh, "en": f.en} for f in o.facts]})
        since = got.release.number if got.release is not None else None
        return self.reply({"since": since, "facts": [{"file": f.file, "zh": f.zh, "en": f.en} for f in got.facts],
                           "outputs": outputs, "names": got.names})

    async def proof_page(self, request: Request) -> Response:
        """GET /api/proof/page.png?file=&page=&side=old|new: a compared page, as the proof drew it."""
        from ..errors import InputError

        q = request.query_params
        side, number = q.get("side", ""), q.get("page", "")
        if side not in ("old", "new") or not NUMBER.match(number):
            return error(404, "no such page")
        try:
            got = await asyncio.to_thread(self._proof, False)  # the pictures of the proof last shown
        except InputError:
            return error(404, "no such page")
        page = next((pg for o in got.outputs if o.name == q.get("file") for pg in o.pages if pg.number == int(number)), None)
        img = getattr(page, side, None) if page is not None else None
        if img is None:
            return error(404, "no such page")
        png = await asyncio.to_thread(_png, img)
        return Response(png, media_type="image/png", headers={"Cache-Control": "no-cache"})


def _row(record: dict, name: str) -> dict:
    """A release as the page lists it: its record's words and its downloads."""
    n = record["number"]
    files = [{"path": f["path"], "kind": f.get("kind", "print"), "size": f.get("size"), "pages": f.get("pages"),
              "url": f"/api/releases/{n}/files/{f['path']}"} for f in record["files"]]
    return {"number": n, "name": name, "date": str(record.get("date", "")), "by": str(record.get("by") or ""),
            "note": str(record.get("note") or ""), "files": files, "handoff": f"/api/releases/{n}/handoff.zip"}


def _handoff_bytes(root: Path, release) -> bytes:
    from ..release.handoff import write_zip

    with tempfile.TemporaryDirectory(prefix="poster-gen-handoff-") as tmp:
        dest = write_zip(root, release, Path(tmp) / f"release-{release.name}.zip")
        return dest.read_bytes()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _png(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", compress_level=1)
    return buf.getvalue()
