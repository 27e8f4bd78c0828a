"""The studio's guard at the door, as ASGI middleware.

- Headers: every response, the Guard's own refusals and static files included, says
  how a browser may use it: a strict Content-Security-Policy (no framing by any page:
  no clickjacking), X-Frame-Options, nosniff, no Referer, same-origin resources only.
- Host: without a token (the loopback address) a request whose Host header is not the
  server's own address is refused (a DNS rebinding page cannot talk to the studio under
  another name). With a token the token decides: a rebinding page cannot know it, so any
  name of the machine (127.0.0.1, localhost, its LAN name) works.
- Origin and Fetch Metadata: a state-changing request (POST, PUT, PATCH, DELETE) from
  another origin is refused, and so is any request another site's page makes (an <img>
  on another site asking for thumbnails, previews or files), except a plain navigation
  to the page itself. Requests without these headers (curl, scripts) are not browsers'
  and pass.
- Bodies: a request that carries a body sends JSON, said so (415 otherwise): no HTML
  form or text/plain "simple request" reaches a handler.
- Token: when the studio listens beyond the loopback address, every request needs the
  access token printed at start: `?token=` once (answered by a redirect to the same
  address without it, setting an HttpOnly SameSite=Strict cookie, so the token leaves
  the address bar and the history), or an `Authorization: Bearer` header for scripts.
"""
from __future__ import annotations

import hmac
import re
import json
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
COOKIE = "pg_studio_token"

# The page: its own scripts and style sheet only, no inline script or style (the page
# sets styles through the CSSOM, el.style.x = ..., which a CSP allows); images may be
# data: (the favicon) or blob: (previews fetched by script); nothing may frame it.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")
# Built files (PDFs opened in a tab): the browser's PDF viewer draws its own page inside
# the response's policy (an <embed> of the file, inline styles), so that much is allowed;
# no script, and nothing may frame it.
FILE_CSP = ("default-src 'none'; object-src 'self'; img-src 'self' data: blob:; style-src 'unsafe-inline'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
COMMON_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
SET_BY_GUARD = {name for name, _ in COMMON_HEADERS} | {b"content-security-policy"}


def security_headers(path: str) -> list[tuple[bytes, bytes]]:
    csp = FILE_CSP if path.startswith("/files/") else PAGE_CSP
    return COMMON_HEADERS + [(b"content-security-policy", csp.encode())]


class Guard:
    def __init__(self, app, hosts: set[str], token: str | None, cookie: str = COOKIE):
        self.app = app
        self.hosts = {h.lower() for h in hosts}
        self.token = token
        self.cookie = cookie

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = security_headers(scope.get("path", ""))

        async def send_secured(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in SET_BY_GUARD]
                message = dict(message, headers=kept + extra)
            await send(message)

        refusal = self.refusal(scope)
        if refusal is not None:
            return await _refuse(send_secured, *refusal)
        if self.token is not None and _query_token(scope) is not None and scope.get("method") in ("GET", "HEAD"):
            return await self._login(scope, send_secured)
        return await self.app(scope, receive, send_secured)

    def refusal(self, scope) -> tuple[int, str] | None:
        """Why this request is refused (status, message), or None."""
        headers = _headers(scope)
        host = headers.get("host", "").lower()
        method = scope.get("method", "GET")
        if self.token is not None:
            given = _token_of(scope, headers, self.cookie)
            if given is None or not hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode()):
                return 401, "this studio needs the access token printed when it started"
        elif host not in self.hosts:
            return 421, f"this studio answers to {sorted(self.hosts)[0]} only"
        # the page's own origin: the names it answers to (any, with a valid token)
        origins = {f"http://{h}" for h in self.hosts | {host}}
        site = headers.get("sec-fetch-site")
        if method in UNSAFE:
            origin = headers.get("origin")
            if origin is not None and origin.lower() not in origins:
                return 403, "cross-site requests are refused"
            if site in ("cross-site", "same-site"):
                return 403, "cross-site requests are refused"
            if _has_body(headers) and not is_json(headers.get("content-type")) and \
                    not (is_image(headers.get("content-type")) and UPLOAD.match(scope.get("path", ""))):
                return 415, "send the body as JSON (Content-Type: application/json)"
        elif site in ("cross-site", "same-site"):
            # another site's page (or another port's) asking for work: refused; following
            # a link to the studio itself is fine (the page then loads from here)
            navigation = headers.get("sec-fetch-mode") == "navigate" and headers.get("sec-fetch-dest", "document") == "document"
            if not (navigation and scope.get("path") == "/"):
                return 403, "requests from other sites are refused"
        return None

    async def _login(self, scope, send) -> None:
        """A valid `?token=`: the cookie is set and the browser goes to the same address
        without the token. A page another site linked to gets a same-origin refresh instead
        of a redirect, because the browser would not send the new SameSite=Strict cookie
        with a redirect that started on another site."""
        query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                 if k != "token"]
        target = _same_site_path(scope.get("path", "/")) + (f"?{urlencode(query)}" if query else "")
        cookie = f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/"
        headers = [(b"set-cookie", cookie.encode("latin-1")), (b"cache-control", b"no-store")]
        if _headers(scope).get("sec-fetch-site") in ("cross-site", "same-site"):
            body = (f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={_html(target)}">'
                    f'<title>poster-gen studio</title><a href="{_html(target)}">poster-gen studio</a>').encode()
            await send({"type": "http.response.start", "status": 200,
                        "headers": headers + [(b"content-type", b"text/html; charset=utf-8"),
                                              (b"content-length", str(len(body)).encode())]})
            return await send({"type": "http.response.body", "body": body})
        await send({"type": "http.response.start", "status": 303,
                    "headers": headers + [(b"location", target.encode("latin-1")), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _has_body(headers: dict[str, str]) -> bool:
    length = headers.get("content-length", "").strip()
    return "transfer-encoding" in headers or (length not in ("", "0") and length.strip("0") != "")


#: The one route that takes a picture rather than JSON: a landmark's hero image.
UPLOAD = re.compile(r"^/api/landmarks/[a-z0-9-]{1,100}/image$")
IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif"}


def is_image(content_type: str | None) -> bool:
    """A photo type the build prints (JPEG, PNG, TIFF)."""
    return (content_type or "").split(";")[0].strip().lower() in IMAGE_TYPES


def is_json(content_type: str | None) -> bool:
    """application/json, with or without parameters (charset)."""
    return (content_type or "").split(";")[0].strip().lower() == "application/json"


def _same_site_path(path: str) -> str:
    """The request's path as a redirect target that stays on this site (never '//host')."""
    from urllib.parse import quote

    return "/" + quote(path.lstrip("/"), safe="/-._~!$&'()*+,;=:@", errors="replace")


def _html(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _query_token(scope) -> str | None:
    values = [v for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
              if k == "token"]
    return values[0] if values else None


def _token_of(scope, headers: dict[str, str], name: str = COOKIE) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    q = _query_token(scope)
    if q is not None:
        return q
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no token
        return None
    morsel = cookie.get(name)
    return morsel.value if morsel else None


async def _refuse(send, status: int, message: str) -> None:
    from ..messages import translate_line

    body = json.dumps({"error": message, "zh": {message: translate_line(message, "zh")}}).encode()  # ASCII: any text survives
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})


LOOPBACK = ("127.0.0.1", "localhost", "::1")  # addresses only this computer reaches: no token needed
WILDCARD = ("0.0.0.0", "::", "")  # every address of this computer


def url_host(host: str) -> str:
    """The host as a URL (and a Host header) writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers that name this server (without a token, the only ones it answers)."""
    names = {url_host(host)}
    if host in LOOPBACK or host in WILDCARD:
        names |= {"127.0.0.1", "localhost"}
    return {f"{n}:{port}" for n in names} | (names if port == 80 else set())


def cookie_name(port: int) -> str:
    """The token's cookie, one per port: cookies do not tell ports apart, two studios on one
    machine would otherwise overwrite each other's."""
    return f"{COOKIE}_{port}"
