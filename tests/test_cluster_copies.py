"""Copy groups: one canonical article per group is clustered; its copies join its event
with "copy" evidence and add nothing to its signals; origins are counted by the caller."""

from __future__ import annotations

from newsfuse.cluster import EventClusterer
from tests.test_cluster_online import articles


def test_cluster_copies_join_the_event_of_their_canonical() -> None:
    arts = articles()
    canonical, copy, other = arts[0], arts[4], arts[1]
    clusterer = EventClusterer(embedder=None)
    update = clusterer.fit([copy, canonical, other], copy_groups={canonical.id: [canonical.id, copy.id]},
                           origins=lambda ids: 1 if copy.id in ids else len(ids))
    by_article = {m.article_id: m for m in update.memberships}
    assert by_article[copy.id].evidence.decision == "copy"
    assert by_article[copy.id].evidence.copy_of == canonical.id
    assert by_article[copy.id].event_id == by_article[canonical.id].event_id
    event = next(e for e in update.events if copy.id in e.article_ids)
    assert event.article_ids == (canonical.id, copy.id) and event.origins == 1
    # the copy was not clustered: the event's sums count one article
    assert clusterer.events[event.id].agg.n == 1


def test_cluster_copies_of_a_known_canonical_attach_in_a_later_call() -> None:
    arts = articles()
    clusterer = EventClusterer(embedder=None)
    clusterer.fit(arts[:2])
    update = clusterer.assign([arts[4]], copy_groups={arts[0].id: [arts[0].id, arts[4].id]})
    (member,) = update.memberships
    assert member.evidence.decision == "copy"
    assert member.event_id == clusterer.article_event[arts[0].id]


def test_cluster_copies_without_their_canonical_are_clustered_as_themselves() -> None:
    arts = articles()
    clusterer = EventClusterer(embedder=None)
    update = clusterer.fit([arts[2]], copy_groups={"missing-canonical": ["missing-canonical", arts[2].id]})
    assert update.memberships[0].evidence.decision == "opened"
