"""The Copies stage: exact copies, near duplicates, rewrites and partial rewrites, and
who copied whom. Dedup decides, it does not delete: every relation is a
:class:`CopyLink` with its method, parameters and evidence.

Typical use (the pipeline does this; stages never touch the store)::

    from newsfuse.dedup import CopiesConfig, CopyDetector, fingerprints
    detector = CopyDetector(CopiesConfig()).fit(articles)
    detector.links_            # links among the fitted articles
    detector.signatures_       # what to store for an incremental index
    detector.assign(new_article)
"""

from __future__ import annotations

from newsfuse.dedup.config import CopiesConfig
from newsfuse.dedup.detector import CopyDetector
from newsfuse.dedup.links import (
    AlignedPair,
    CopyGroup,
    CopyLink,
    copy_groups,
    copy_link_dict,
    copy_link_from_dict,
    independent_origins,
)
from newsfuse.dedup.signature import Signature, SignatureParams, fingerprint, fingerprints

__all__ = [
    "AlignedPair",
    "CopiesConfig",
    "CopyDetector",
    "CopyGroup",
    "CopyLink",
    "Signature",
    "SignatureParams",
    "copy_groups",
    "copy_link_dict",
    "copy_link_from_dict",
    "fingerprint",
    "fingerprints",
    "independent_origins",
]
