"""JSON in and out of the studio, safely: a request's body is UTF-8 JSON, at most
1 MiB and ``MAX_DEPTH`` levels deep (counted before the parser, which recurses), its
text Unicode a file can hold; a response is written whatever text it carries.
"""
from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .security import is_json

MAX_BODY = 1024 * 1024
MAX_DEPTH = 64  # nesting of a JSON body: a landmark needs a handful of levels


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


def chinese(content: Any) -> Any:
    """A JSON answer with the Chinese of every message it carries, from the catalogue
    (``poster_gen.messages``): ``zh`` maps each English text as sent (an ``error``; each
    of ``errors``, a line or a problem's ``message`` and ``where``) to its Chinese, so
    the page shows either language, and switches, without asking again."""
    if not isinstance(content, dict):
        return content
    from ..messages import translate_line

    texts = [content.get("error")]
    for e in content.get("errors") or () if isinstance(content.get("errors"), list) else ():
        texts += [e] if isinstance(e, str) else [e.get("message"), e.get("where")] if isinstance(e, dict) else []
    zh = {t: translate_line(t, "zh") for t in texts if isinstance(t, str) and t}
    return {**content, "zh": {**content.get("zh", {}), **zh}} if zh else content


def error(status: int, message: str, **extra) -> Response:
    return JSON(chinese({"error": message, **extra}), status_code=status)


class BadBody(ValueError):
    pass


# a JSON string, its closing quote optional: an unterminated one runs to the end (the
# parser refuses it anyway) and no input makes the match backtrack (linear time)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
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


def clean(value: Any) -> Any:
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


async def read_bytes(request: Request, limit: int, too_big: str) -> bytes | Response:
    """The request's body, or a 413 saying ``too_big`` as soon as it passes ``limit``
    bytes (told by Content-Length, or counted as it streams in)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        return error(413, too_big)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return error(413, too_big)
        chunks.append(chunk)
    return b"".join(chunks)


async def read_body(request: Request):
    """The request's JSON body, or a response saying why not: 415 unless sent as
    application/json, 413 over 1 MiB, 400 when it is not JSON (UTF-8, at most 64 levels
    deep, its text Unicode)."""
    if not is_json(request.headers.get("content-type")):
        return error(415, "send the body as JSON (Content-Type: application/json)")
    raw = await read_bytes(request, MAX_BODY, "the body is over 1 MiB")
    if isinstance(raw, Response):
        return raw
    try:
        text = raw.decode("utf-8")
        check_depth(text)
        return clean(json.loads(text or "null", parse_constant=_no_constant))
    except BadBody as err:
        return error(400, str(err))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return error(400, "the body is not JSON")


def who(request: Request) -> str:
    """The name the page gives for who is saving (``X-Studio-User``, percent-encoded
    UTF-8, as headers carry only Latin-1), printable, short."""
    from urllib.parse import unquote

    name = unquote(request.headers.get("x-studio-user", "")[:400], errors="replace")
    return "".join(ch for ch in name if ch.isprintable())[:80]
