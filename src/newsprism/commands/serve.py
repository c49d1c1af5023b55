"""`newsprism serve`: the web app over a store, until interrupted."""

from __future__ import annotations

import os
import socket
import sys

from ..config import Settings
from ..errors import NewsprismError
from . import error, warning


def serve(store: str, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> int:
    """Runs the app; refuses a missing store or a busy port, and says when the app is reachable from outside."""
    import uvicorn

    from ..web.app import LOOPBACK_NAMES, create_app, is_loopback

    if not os.path.exists(store):
        error(f"no store at {store}; create one with: newsprism ingest FILES --store {store}")
        return 2
    loopback = is_loopback(host)
    if not loopback:
        warning(f"serving on {host}, reachable from other machines; the app has no login")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        error(f"cannot listen on {host}:{port} ({exc.strerror}); pick another --port")
        return 2
    try:
        app = create_app(store, settings=settings, allowed_hosts=LOOPBACK_NAMES if loopback else None)
    except NewsprismError as exc:
        error(str(exc))
        return 2
    print(f"newsprism: serving {store} on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
          "(Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
    return 0
