"""Stores: SQLite by default, PostgreSQL when configured, behind one ``Store`` protocol."""

from __future__ import annotations

from newsfuse.errors import StoreURLError
from newsfuse.store.base import SourceMark, Store, StoreCounts, WriteBatch, WriteResult

__all__ = ["SourceMark", "Store", "StoreCounts", "WriteBatch", "WriteResult", "open_store"]


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store at ``url``.

    Accepted URLs: ``sqlite:///relative.db``, ``sqlite:////absolute.db``,
    ``sqlite:///:memory:``, a bare file path (SQLite), ``postgresql://...`` or
    ``postgres://...``.

    Example:
        >>> store = open_store("sqlite:///:memory:")
        >>> store.counts().articles
        0
    """
    store: Store
    if url.startswith(("postgresql://", "postgres://")):
        from newsfuse.store.postgres import PostgresStore

        store = PostgresStore(url)
    elif url.startswith("sqlite://"):
        path = url[len("sqlite://") :]
        if not path.startswith("/"):
            raise StoreURLError(f"{url}: a SQLite URL is sqlite:///path/to/file.db (three slashes)")
        from newsfuse.store.sqlite import SQLiteStore

        store = SQLiteStore(url, path[1:] or ":memory:")
    elif "://" in url:
        scheme = url.split("://", 1)[0]
        raise StoreURLError(
            f"{url}: unknown store scheme {scheme!r}; use sqlite:///file.db or postgresql://..."
        )
    else:
        from newsfuse.store.sqlite import SQLiteStore

        store = SQLiteStore(f"sqlite:///{url}", url)
    if migrate:
        store.migrate()
    return store
