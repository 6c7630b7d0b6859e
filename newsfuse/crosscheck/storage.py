"""Rows of the crosscheck tables (migration ``0007_crosscheck``) and back, for every SQL
backend. The store methods in :mod:`newsfuse.store.sql` only delegate here.

Each claim, discrepancy and brief is one row: indexed columns (scope, status, kind) next
to its lossless JSON body. Writing a result replaces every row of the scopes it checked,
so a rerun leaves exactly one copy; other scopes are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsfuse.brief.records import Brief
from newsfuse.crosscheck.records import Claim, Discrepancy
from newsfuse.serial import from_json, to_json

_CHUNK = 500


def _dump(record: Any) -> str:
    return json.dumps(to_json(record), ensure_ascii=False, sort_keys=True)


def _scope_of(brief: Brief) -> str:
    return f"{brief.level}:{brief.subject}"


def write_crosscheck(store: Any, claims: Iterable[Claim], discrepancies: Iterable[Discrepancy],
                     briefs: Iterable[Brief], replace: bool = False) -> int:
    """Write one crosscheck result in one transaction; returns the claims written."""
    claims, discrepancies, briefs = list(claims), list(discrepancies), list(briefs)
    scopes = sorted({c.scope for c in claims} | {d.scope for d in discrepancies} | {_scope_of(b) for b in briefs})
    with store._transaction() as cur:
        if replace:
            for table in ("claims", "discrepancies", "briefs"):
                cur.execute(f"DELETE FROM {table}")
        else:
            for i in range(0, len(scopes), _CHUNK):
                chunk = tuple(scopes[i:i + _CHUNK])
                marks = ", ".join("?" for _ in chunk)
                for table in ("claims", "discrepancies", "briefs"):
                    cur.execute(store._sql(f"DELETE FROM {table} WHERE scope IN ({marks})"), chunk)
        if claims:
            cur.executemany(store._sql("INSERT INTO claims (id, scope, status, origins, position, body) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"),
                            [(c.id, c.scope, c.status, c.origins, i, _dump(c)) for i, c in enumerate(claims)])
        if discrepancies:
            cur.executemany(store._sql("INSERT INTO discrepancies (id, scope, kind, position, body) "
                                       "VALUES (?, ?, ?, ?, ?)"),
                            [(d.id, d.scope, d.kind, i, _dump(d)) for i, d in enumerate(discrepancies)])
        if briefs:
            cur.executemany(store._sql("INSERT INTO briefs (id, scope, level, subject, position, body) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"),
                            [(b.id, _scope_of(b), b.level, b.subject, i, _dump(b)) for i, b in enumerate(briefs)])
    return len(claims)


def _where(scope: str | None, status_col: str | None = None, status: str | None = None) -> tuple[str, tuple[str, ...]]:
    parts, params = [], []
    if scope is not None:
        parts.append("scope = ?")
        params.append(scope)
    if status_col and status is not None:
        parts.append(f"{status_col} = ?")
        params.append(status)
    return (" WHERE " + " AND ".join(parts)) if parts else "", tuple(params)


def read_claims(store: Any, scope: str | None = None, status: str | None = None) -> list[Claim]:
    """Claims (of one scope, of one status), in the order written."""
    where, params = _where(scope, "status", status)
    rows = store._query(f"SELECT body FROM claims{where} ORDER BY scope, position", params)
    return [from_json(Claim, json.loads(r[0])) for r in rows]


def read_discrepancies(store: Any, scope: str | None = None, kind: str | None = None) -> list[Discrepancy]:
    where, params = _where(scope, "kind", kind)
    rows = store._query(f"SELECT body FROM discrepancies{where} ORDER BY scope, position", params)
    return [from_json(Discrepancy, json.loads(r[0])) for r in rows]


def read_briefs(store: Any, scope: str | None = None) -> list[Brief]:
    where, params = _where(scope)
    rows = store._query(f"SELECT body FROM briefs{where} ORDER BY position, scope", params)
    return [from_json(Brief, json.loads(r[0])) for r in rows]
