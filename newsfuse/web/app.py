"""The FastAPI app: the HTTP API under ``/api``, the web UI at ``/``, docs at ``/docs``.

Example:
    >>> from newsfuse.web.app import create_app
    >>> app = create_app("sqlite:///:memory:")  # doctest: +SKIP
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from newsfuse import __version__
from newsfuse.config import Config, load_config
from newsfuse.errors import NewsfuseError
from newsfuse.store import Store
from newsfuse.web.errors import body, status_of
from newsfuse.web.gateway import StoreGateway

STATIC = Path(__file__).parent / "static"

# the UI loads nothing but its own files; article text can never become markup or script
UI_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

DESCRIPTION = """
Everything newsfuse stores, read-only: articles with their clean text and every dropped
line with its reason, copies (who copied whom), events and storylines with the "why
together" evidence, entities, quotes, statements, the timeline, claims with their status
over independent origins, and the cited briefs (JSON, or Markdown with `?format=md`).

Every id accepts a unique prefix. Every span is `{article, start, end, text}` with
`text == article.text[start:end]` (offsets in Unicode code points). Lists are paged with
`offset` and `limit`. Errors are `{"error": message, "code": code}`: 404 unknown id,
400 ambiguous prefix or bad input, 422 invalid parameter, 503 the store cannot be read.
"""


def _store_errors() -> tuple[type[Exception], ...]:
    """Driver exceptions that mean the store could not be read (locked, gone, unreachable)."""
    errors: list[type[Exception]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover - psycopg is a core dependency
        pass
    return tuple(errors)


def _install_error_handlers(app: FastAPI, store_url: str) -> None:
    async def newsfuse_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, NewsfuseError)
        return JSONResponse(body(str(exc), exc.code), status_code=status_of(exc))

    async def invalid_request(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'query')}: {e.get('msg')}"
                    for e in exc.errors()]
        content = body("invalid request: " + "; ".join(problems) + "; see /docs", "invalid_request")
        return JSONResponse(content, status_code=422)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            content = body(f"no such endpoint: {request.url.path}; the API is listed at /docs",
                           "not_found")
        elif exc.status_code == 405:
            content = body(f"{request.method} is not allowed on {request.url.path}; the API is "
                           "read-only (GET)", "method_not_allowed")
        else:
            content = body(str(exc.detail), "http_error")
        return JSONResponse(content, status_code=exc.status_code, headers=exc.headers)

    async def store_failed(request: Request, exc: Exception) -> JSONResponse:
        message = f"{store_url}: the store cannot be read ({str(exc).strip()}); check that it " \
                  "exists, is reachable and is not locked, then retry"
        return JSONResponse(body(message, "store_error"), status_code=503)

    app.add_exception_handler(NewsfuseError, newsfuse_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    for error in _store_errors():
        app.add_exception_handler(error, store_failed)


def create_app(store: str | Store | None = None, config: Config | None = None) -> FastAPI:
    """The newsfuse web app over one store.

    Args:
        store: a store URL or an open store; default: ``config.store.url``.
        config: the configuration (default: loaded as the CLI loads it).

    Returns:
        The FastAPI app; serve it with uvicorn (``newsfuse serve`` does).

    Raises:
        StoreError: the store cannot be opened (raised now, not on the first request).
    """
    config = config or load_config()
    gateway = StoreGateway(store if store is not None else config.store.url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        gateway.close()

    app = FastAPI(title="newsfuse", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.gateway = gateway
    app.state.config = config
    _install_error_handlers(app, gateway.url)

    from newsfuse.web import routes, routes_corpus

    app.include_router(routes.router)
    app.include_router(routes_corpus.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _install_docs(app)

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.middleware("http")
    async def ui_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]
                         ) -> Response:
        response = await call_next(request)
        if request.url.path == "/" or request.url.path.startswith("/static/"):
            response.headers.update(UI_HEADERS)
        return response

    return app


def _install_docs(app: FastAPI) -> None:
    """The API docs at ``/docs`` from the Swagger UI files of the pinned
    ``swagger-ui-bundle`` package: FastAPI's default page loads them from a CDN, which an
    offline reader (and these machines) cannot reach."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="newsfuse API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")
