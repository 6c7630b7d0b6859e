"""PostgreSQL backend (``--db postgresql://user@host:port/dbname``), via psycopg 3."""

from __future__ import annotations

from newsfuse.errors import MissingDependency, StoreError
from newsfuse.store.sql import Dialect, SQLStore

POSTGRES = Dialect("postgresql", "%s", {"text": "TEXT", "bigint": "BIGINT", "real": "DOUBLE PRECISION"})


class PostgresStore(SQLStore):
    dialect = POSTGRES

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise MissingDependency("psycopg[binary]", purpose="PostgreSQL stores") from None
        try:
            conn = psycopg.connect(url, connect_timeout=10)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(
                f"{_redact(url)}: cannot connect to PostgreSQL ({reason}); "
                "check that the server runs and the URL is right"
            ) from None
        super().__init__(_redact(url), conn)


def _redact(url: str) -> str:
    """Hide a password in the URL before it reaches a message or the run record."""
    scheme, sep, rest = url.partition("://")
    if "@" in rest and ":" in rest.split("@", 1)[0]:
        user = rest.split("@", 1)[0].split(":", 1)[0]
        rest = f"{user}:***@{rest.split('@', 1)[1]}"
    return f"{scheme}{sep}{rest}"
