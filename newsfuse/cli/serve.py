"""``newsfuse serve``: the web UI and the HTTP API over a store."""

from __future__ import annotations

import socket

import click

from newsfuse.cli.common import db_options
from newsfuse.errors import InputError


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``, or an :class:`InputError` that says how to fix it."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)  # connections wait in the backlog until the server accepts them
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                         "choose another --port or --host") from None
    sock.set_inheritable(True)
    return sock


@click.command()
@db_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface: the API has no login).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
def serve(db: str | None, config_path: str | None, host: str, port: int) -> None:
    """Serve the web UI (/) and the HTTP API (/api, docs at /docs) over the store."""
    import uvicorn

    from newsfuse.config import load_config
    from newsfuse.web.app import create_app
    from newsfuse.web.gateway import require_existing

    config = load_config(config_path, overrides={"store": {"url": db} if db else {}})
    require_existing(config.store.url)
    app = create_app(config.store.url, config)
    sock = listen(host, port)
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsfuse: serving {app.state.gateway.url} at http://{shown}:{bound_port}/ "
               "(API docs at /docs); Ctrl+C to stop", err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])
    if server.should_exit:
        # Stopped by Ctrl+C or SIGTERM. uvicorn re-raises the signal after its graceful
        # shutdown, but asyncio's own SIGINT handler turns that into a KeyboardInterrupt
        # only if the main task has not finished yet: a race. Say it the same way each time.
        raise KeyboardInterrupt
