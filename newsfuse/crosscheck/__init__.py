"""Cross-checking claims over independent sources (STYLE: a pure corpus step).

:func:`crosscheck_step` turns an event's (and a storyline's) articles into
:class:`Claim` s with a status counted over independent origins only, the
:class:`Discrepancy` s between reports (amounts, roles, quote wordings, negation; and
changes of stance over time, which are not conflicts), and one brief per scope
(:mod:`newsfuse.brief`). Heavy models load lazily: MiniLM for alignment, spaCy for the
heuristic NLI backend.
"""

from newsfuse.crosscheck.nli import HeuristicNLI, LocalModelNLI, NLIBackend, NLIResult, nli_backend
from newsfuse.crosscheck.records import (
    CONFLICT_KINDS,
    DROP_REASONS,
    Attribution,
    Claim,
    ClaimMention,
    Discrepancy,
    Fact,
    ScopeCheck,
    Side,
)
from newsfuse.crosscheck.step import CrosscheckParams, CrosscheckResult, crosscheck_scope, crosscheck_step

__all__ = [
    "CONFLICT_KINDS", "DROP_REASONS", "Attribution", "Claim", "ClaimMention", "CrosscheckParams",
    "CrosscheckResult", "Discrepancy", "Fact", "HeuristicNLI", "LocalModelNLI", "NLIBackend", "NLIResult",
    "ScopeCheck", "Side", "crosscheck_scope", "crosscheck_step", "nli_backend",
]
