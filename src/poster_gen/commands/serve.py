"""poster-gen serve: the studio, a local web app over the same engine as the CLI."""
from __future__ import annotations

import argparse
import secrets
import signal
import webbrowser
from pathlib import Path

from ..cli import project_arg

HELP = "the studio: edit the landmarks, watch the posters change and export the print set in a browser"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="the build's output folder (default: <project>/output)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; any other needs the printed access token)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--open", action="store_true", help="open the studio in the default browser")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..errors import InputError, Problem
    from ..studio.app import create_app

    root = args.project.resolve()
    if not (root / "data" / "landmarks").is_dir():
        raise InputError([Problem(str(root), 0, 0, "", "not a poster-gen project (no data/landmarks/)")])
    token = None if args.host in LOOPBACK else secrets.token_urlsafe(18)
    app = create_app(root, args.out, host=args.host, port=args.port, token=token)
    url = f"http://{args.host}:{args.port}/" + (f"?token={token}" if token else "")
    print(f"poster-gen studio for {root}")
    print(f"open {url}")
    if token:
        print("listening beyond this computer: every request needs the token above")
    print("Ctrl-C stops it.", flush=True)
    if args.open:
        webbrowser.open(url)
    for sig in (signal.SIGINT, signal.SIGTERM):  # uvicorn shuts down cleanly on its own
        signal.signal(sig, signal.default_int_handler)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    print("studio stopped.")
    return 0
