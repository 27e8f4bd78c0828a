"""The studio's guard at the door, as ASGI middleware.

- Host: a request whose Host header is not the server's own address is refused (a DNS
  rebinding page cannot talk to the studio under another name).
- Origin: a state-changing request (POST, PUT, PATCH, DELETE) from another origin is
  refused (no cross-site requests, whatever the browser's cookies).
- Token: when the studio listens beyond the loopback address, every request needs the
  access token printed at start: `?token=` once (which sets a cookie for the page), or
  an `Authorization: Bearer` header for scripts.
"""
from __future__ import annotations

import hmac
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
COOKIE = "pg_studio_token"


class Guard:
    def __init__(self, app, hosts: set[str], token: str | None):
        self.app = app
        self.hosts = {h.lower() for h in hosts}
        self.token = token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            return await _refuse(send, 421, f"this studio answers to {sorted(self.hosts)[0]} only")
        method = scope.get("method", "GET")
        origin = headers.get("origin")
        if method in UNSAFE:
            if origin is not None and origin.lower() not in {f"http://{h}" for h in self.hosts}:
                return await _refuse(send, 403, "cross-site requests are refused")
            if headers.get("sec-fetch-site") == "cross-site":
                return await _refuse(send, 403, "cross-site requests are refused")
        set_cookie = False
        if self.token is not None:
            given = _token_of(scope, headers)
            if given is None or not hmac.compare_digest(given, self.token):
                return await _refuse(send, 401, "this studio needs the access token printed when it started")
            set_cookie = _query_token(scope) is not None
        if not set_cookie:
            return await self.app(scope, receive, send)

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
                message = dict(message, headers=list(message.get("headers", [])) +
                               [(b"set-cookie", cookie.encode("latin-1"))])
            await send(message)
        return await self.app(scope, receive, send_with_cookie)


def _query_token(scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None


def _token_of(scope, headers: dict[str, str]) -> str | None:
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
    morsel = cookie.get(COOKIE)
    return morsel.value if morsel else None


async def _refuse(send, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


LOOPBACK = ("127.0.0.1", "localhost", "::1")  # addresses only this computer reaches: no token needed


def url_host(host: str) -> str:
    """The host as a URL (and a Host header) writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers that name this server."""
    names = {url_host(host)}
    if host in LOOPBACK:
        names |= {"127.0.0.1", "localhost"}
    return {f"{n}:{port}" for n in names} | (names if port == 80 else set())
