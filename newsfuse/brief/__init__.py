"""Briefs: what the sources say about an event or storyline, with citations.

Per event and storyline: headline, cited summary, corroborated / disputed / single-source
items, key statements with variants, timeline and sources. Built by
:func:`newsfuse.brief.build.build_brief` inside :func:`newsfuse.crosscheck.crosscheck_step`;
rendered by :func:`brief_markdown`, :func:`brief_html`; exported by :func:`export_dict`
(keys ``claims`` and ``briefs``). ``newsfuse.brief.tls`` is the timeline summariser.
Names are imported on first use, so importing a submodule stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "build_brief": "newsfuse.brief.build",
    "Brief": "newsfuse.brief.records", "BriefSentence": "newsfuse.brief.records",
    "Citation": "newsfuse.brief.records", "SourceItem": "newsfuse.brief.records",
    "StatementItem": "newsfuse.brief.records", "TimelineItem": "newsfuse.brief.records",
    "brief_html": "newsfuse.brief.render", "brief_markdown": "newsfuse.brief.render",
    "briefs_dict": "newsfuse.brief.render", "claims_dict": "newsfuse.brief.render",
    "export_dict": "newsfuse.brief.render",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'newsfuse.brief' has no attribute {name!r}")
