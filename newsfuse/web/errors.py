"""HTTP forms of the :mod:`newsfuse.errors` hierarchy.

Every error the API returns is ``{"error": message, "code": code}``; ``status_of`` gives
the HTTP status of a newsfuse error class.

    InputError
    ├── NotFound        404  no record with that id (or id prefix)
    └── AmbiguousId     400  an id prefix that matches several records
"""

from __future__ import annotations

from newsfuse.errors import (
    ConfigError,
    InputError,
    MissingDependency,
    NewsfuseError,
    SignatureMismatch,
    StoreError,
)


class NotFound(InputError):
    """No stored record has this id (or unique id prefix)."""

    code = "not_found"


class AmbiguousId(InputError):
    """An id prefix matches more than one record: give more characters."""

    code = "ambiguous_id"


# most specific first: the first class the error is an instance of decides
_STATUS: tuple[tuple[type[NewsfuseError], int], ...] = (
    (NotFound, 404),
    (AmbiguousId, 400),
    (InputError, 400),
    (StoreError, 503),
    (ConfigError, 500),
    (MissingDependency, 500),
    (SignatureMismatch, 500),
)


def status_of(error: NewsfuseError) -> int:
    """The HTTP status for a newsfuse error (500 for anything not listed).

    Example:
        >>> status_of(NotFound("no event 'x'"))
        404
    """
    for cls, status in _STATUS:
        if isinstance(error, cls):
            return status
    return 500


def body(message: str, code: str) -> dict[str, str]:
    """The one error shape of the API."""
    return {"error": message, "code": code}
