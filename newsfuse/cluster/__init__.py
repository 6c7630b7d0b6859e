"""Events and storylines: online clustering of the article stream (issue 4).

Entry points: :class:`EventClusterer` (``fit`` / ``assign`` / ``from_state``) and the
export helpers :func:`event_dict` and :func:`storyline_dict`.
"""

from newsfuse.cluster.model import (
    ClusterChange,
    ClusterUpdate,
    Event,
    Evidence,
    Membership,
    Storyline,
    change_dict,
    event_dict,
    membership_dict,
    storyline_dict,
)
from newsfuse.cluster.online import EventClusterer
from newsfuse.cluster.params import ClusterConfig, FittedParams

__all__ = [
    "ClusterChange", "ClusterConfig", "ClusterUpdate", "Event", "EventClusterer", "Evidence",
    "FittedParams", "Membership", "Storyline", "change_dict", "event_dict", "membership_dict",
    "storyline_dict",
]
