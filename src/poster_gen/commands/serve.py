"""poster-gen serve: the studio, a local web app over the same engine as the CLI."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .common import project_arg

if TYPE_CHECKING:
    import socket

HELP = "the studio: edit the landmarks, watch the posters change and export the print set in a browser"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="the build's output folder (default: <project>/output)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; any other needs the printed access token)")
    p.add_argument("--port", type=_port, default=8765, help="port (default 8765; 0 picks a free one)")
    p.add_argument("--open", action="store_true", help="open the studio in the default browser")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0-65535)")
    return port


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything is printed, so a port in use or an
    unknown host is one clear error instead of a server that starts and dies."""
    import socket

    from ..errors import InputError, Problem

    try:
        family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise InputError([Problem("--host", 0, 0, "", f"cannot listen on {host!r}: {exc.strerror}")]) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        why = "is in use (is the studio already running?)" if exc.errno in (48, 98) else f"cannot be used: {exc.strerror}"
        raise InputError([Problem("--port", 0, 0, "", f"port {port} on {host} {why}; choose another with --port")]) from None
    return sock


def _reachable(host: str) -> str:
    """A name to open the studio by: the host it listens on, or for every address
    (0.0.0.0, ::) this machine's name when it resolves (other computers on the network
    can usually reach it by that name), else 127.0.0.1."""
    import socket

    from ..studio.security import WILDCARD

    if host not in WILDCARD:
        return host
    name = socket.gethostname()
    try:
        if name and socket.getaddrinfo(name, None):
            return name
    except (OSError, UnicodeError):
        pass
    return "127.0.0.1"


def run(args: argparse.Namespace) -> int:
    import secrets
    import signal
    import webbrowser

    import uvicorn

    from ..errors import InputError, Problem
    from ..studio.app import create_app
    from ..studio.security import LOOPBACK, WILDCARD, url_host

    root = args.project.resolve()
    if not (root / "data" / "landmarks").is_dir():
        raise InputError([Problem(str(root), 0, 0, "", "not a poster-gen project (no data/landmarks/)")])
    sock = _listen(args.host, args.port)
    port = sock.getsockname()[1]
    token = None if args.host in LOOPBACK else secrets.token_urlsafe(18)
    app = create_app(root, args.out, host=args.host, port=port, token=token)
    # the one place the token is shown: uvicorn's access log (which would carry a
    # ?token= address) is off, and the page drops it from the address bar at once
    url = f"http://{url_host(_reachable(args.host))}:{port}/" + (f"?token={token}" if token else "")
    print(f"poster-gen studio for {root}")
    print(f"open {url}")
    if token:
        print("listening beyond this computer: every request needs the token above"
              + (f" (on this computer http://127.0.0.1:{port}/ takes it too)" if args.host in WILDCARD else ""))
    print("Ctrl-C stops it.", flush=True)
    if args.open:  # this computer's browser: the loopback address always reaches a wildcard
        webbrowser.open(url.replace(f"//{url_host(_reachable(args.host))}:", "//127.0.0.1:", 1)
                        if args.host in WILDCARD else url)
    for sig in (signal.SIGINT, signal.SIGTERM):  # uvicorn shuts down cleanly on its own
        signal.signal(sig, signal.default_int_handler)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    try:
        server.run(sockets=[sock])  # shuts down cleanly, then re-raises the signal
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print("studio stopped.")
    return 0
