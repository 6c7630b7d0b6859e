"""The Copies stage: exact copies, near duplicates, rewrites and partial rewrites, and
who copied whom. Dedup decides, it does not delete: every relation is a
:class:`CopyLink` with its method, parameters and evidence.

Typical use (the pipeline does this; stages never touch the store)::

    from newsfuse.dedup import CopiesConfig, copies_step
    result = copies_step(store.articles(), store.copy_signatures(), CopiesConfig(),
                         lookup=store.article)
    store.write_copies(result.links, result.signatures)

or, in memory::

    detector = CopyDetector(CopiesConfig()).fit(articles)
    detector.links_            # links among the fitted articles
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
from newsfuse.dedup.stage import CopiesResult, copies_step

__all__ = [
    "AlignedPair",
    "CopiesConfig",
    "CopiesResult",
    "CopyDetector",
    "CopyGroup",
    "CopyLink",
    "Signature",
    "SignatureParams",
    "copies_step",
    "copy_groups",
    "copy_link_dict",
    "copy_link_from_dict",
    "fingerprint",
    "fingerprints",
    "independent_origins",
]
