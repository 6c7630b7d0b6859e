"""Row forms of copy links and signatures, shared by every store backend.

Plain tuples of str/float/int, so the SQL layer stays dialect-neutral: JSON for params
and evidence, base64 for MinHash bytes.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from newsfuse.dedup.links import CopyLink, copy_link_dict, copy_link_from_dict
from newsfuse.dedup.signature import Signature, SignatureParams

LINK_COLUMNS = "a, b, relation, direction, direction_evidence, score, method, params, evidence"
SIGNATURE_COLUMNS = "article_id, params, exact, minhash, terms, words"


def link_row(link: CopyLink) -> tuple[Any, ...]:
    data = copy_link_dict(link)
    return (link.a, link.b, link.relation, link.direction, link.direction_evidence,
            float(link.score), link.method, json.dumps(data["params"], sort_keys=True),
            json.dumps(data["evidence"], ensure_ascii=False))


def link_from_row(row: tuple[Any, ...]) -> CopyLink:
    a, b, relation, direction, why, score, method, params, evidence = row
    return copy_link_from_dict({
        "a": a, "b": b, "relation": relation, "direction": direction, "direction_evidence": why,
        "score": score, "method": method, "params": json.loads(params), "evidence": json.loads(evidence),
    })


def signature_row(signature: Signature) -> tuple[Any, ...]:
    return (signature.article, signature.params.to_json(), signature.exact,
            base64.b64encode(signature.minhash).decode("ascii"),
            base64.b64encode(signature.terms).decode("ascii"), signature.words)


def signature_from_row(row: tuple[Any, ...]) -> Signature:
    article, params, exact, minhash, terms, words = row
    return Signature(article, SignatureParams.from_json(params), exact, base64.b64decode(minhash),
                     base64.b64decode(terms), int(words))
