"""One thread that owns the store connection; every request's reads run on it.

SQLite connections may be used only by the thread that opened them, and the API serves
requests from an event loop (and FastAPI's thread pool), so the gateway opens the store
inside its own worker thread and runs each read there, one at a time. Reads are short and
the store is local, so one connection serialising them is simpler than a pool and keeps a
single consistent view per call.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from newsfuse.errors import StoreError
from newsfuse.store import Store, open_store

T = TypeVar("T")


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite store URL (``None`` for in-memory and non-SQLite URLs).

    Example:
        >>> sqlite_path("sqlite:///data/nf.db")
        'data/nf.db'
        >>> sqlite_path("postgresql://localhost/db") is None
        True
    """
    if url.startswith(("postgresql://", "postgres://")):
        return None
    path = url.removeprefix("sqlite:///")
    return None if path in ("", ":memory:") or "://" in path else path


def require_existing(url: str) -> None:
    """Raise :class:`StoreError` when ``url`` names a SQLite file that does not exist.

    Opening such a URL would silently create an empty store; serving one is almost always
    a mistyped ``--db``.
    """
    path = sqlite_path(url)
    if path is not None and not Path(path).expanduser().is_file():
        raise StoreError(
            f"sqlite:///{path}: no store there; create one with `newsfuse run PATH --db "
            f"sqlite:///{path}` or pass the right --db")


class StoreGateway:
    """Runs functions of the store on one dedicated thread.

    Args:
        source: a store URL (opened, and migrated, on the worker thread) or an open
            :class:`~newsfuse.store.Store`. A SQLite store object is reopened from its
            URL on the worker thread (its own connection belongs to the caller's
            thread); other backends' connections are thread-safe and used as they are.

    Raises:
        StoreError: the store cannot be opened, or is an in-memory SQLite store that
            another thread opened (it cannot be shared; use a file store).
    """

    def __init__(self, source: str | Store) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsfuse-store")
        self._owned = True
        self._store: Store = self._executor.submit(self._open, source).result()
        self.url = self._store.url

    def _open(self, source: str | Store) -> Store:
        if isinstance(source, str):
            return open_store(source)
        if source.url.startswith("sqlite:"):
            if sqlite_path(source.url) is None:
                raise StoreError(
                    f"{source.url}: an in-memory SQLite store cannot be served from another "
                    "thread; write it to a file store (sqlite:///file.db) and serve that")
            return open_store(source.url, migrate=False)
        self._owned = False
        return source

    def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run ``fn(store, *args, **kwargs)`` on the store thread and wait for it."""
        return self._executor.submit(fn, self._store, *args, **kwargs).result()

    async def run(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Like :meth:`call`, awaited without blocking the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, self._store, *args, **kwargs))

    def close(self) -> None:
        """Close the store (if the gateway opened it) and stop the thread."""
        if self._owned:
            try:
                self._executor.submit(self._store.close).result()
            except (sqlite3.Error, StoreError):
                pass  # closing a store that already failed: nothing more to release
        self._executor.shutdown(wait=True)
