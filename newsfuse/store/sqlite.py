"""SQLite backend: the embedded default store (WAL journal)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsfuse.errors import StoreError
from newsfuse.store.sql import Dialect, SQLStore

SQLITE = Dialect("sqlite", "?", {"text": "TEXT", "bigint": "INTEGER", "real": "REAL"})


class SQLiteStore(SQLStore):
    dialect = SQLITE

    def __init__(self, url: str, path: str) -> None:
        self._path = None if path == ":memory:" else Path(path).expanduser().resolve()
        if self._path is not None and not self._path.parent.is_dir():
            raise StoreError(
                f"{url}: the folder {self._path.parent} does not exist; create it or choose another --db"
            )
        try:
            conn = sqlite3.connect(path, timeout=30.0)
            conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against process kills (the WAL is in the OS page cache);
            # only a power cut can lose the last commits, never corrupt the file.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(f"{url}: cannot open the SQLite store ({exc})") from None
        super().__init__(url, conn)

    def local_files(self) -> tuple[Path, ...]:
        """The database file and its journals."""
        if self._path is None:
            return ()
        return (self._path, *(self._path.with_name(self._path.name + s) for s in ("-wal", "-shm", "-journal")))
