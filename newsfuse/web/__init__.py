"""The web UI and the HTTP API: one FastAPI app over the store.

* :func:`newsfuse.web.app.create_app` builds the app (``newsfuse serve`` runs it);
* :mod:`newsfuse.web.queries` reads the store into the API's JSON forms, reusing the
  export's dict builders (:mod:`newsfuse.export`, the stages' ``*_dict`` helpers);
* :mod:`newsfuse.web.routes` and :mod:`newsfuse.web.routes_corpus` are the endpoints
  (``/api/...``; the OpenAPI docs are at ``/docs``), :mod:`newsfuse.web.schemas` their
  response models;
* ``static/`` is the UI: plain HTML and JavaScript that call the API.

Errors follow STYLE rule 6: ``{"error": message, "code": code}`` with the HTTP status of
the :mod:`newsfuse.errors` class (404 unknown id, 400/422 bad parameters, 503 store).
FastAPI is imported only when the app is built, so importing ``newsfuse`` stays fast.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Build the app; see :func:`newsfuse.web.app.create_app`."""
    from newsfuse.web.app import create_app as build

    return build(*args, **kwargs)
