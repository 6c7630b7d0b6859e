"""Building the brief of one scope from its crosscheck (pure; never touches the store).

Every brief sentence is a claim's own sentence (its most typical wording that reads on its
own), so the words it states are the words of the spans it cites; the other reports of
the claim are cited too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from newsfuse.brief.records import (
    Brief,
    BriefSentence,
    Citation,
    SourceItem,
    StatementItem,
    TimelineItem,
)
from newsfuse.cluster.model import Event, Storyline
from newsfuse.crosscheck.claims import stands_alone
from newsfuse.crosscheck.records import Claim, ScopeCheck
from newsfuse.dedup.links import CopyLink
from newsfuse.extract.corpus import CorpusExtraction
from newsfuse.model import Article, Span, content_id

MAX_LIST = 60  # corroborated / single-source items listed per brief (the JSON keeps the ranking)


def _cite(span: Span, articles: Mapping[str, Article]) -> Citation:
    a = articles.get(span.article)
    return Citation(span.article, a.outlet if a else None, span)


def claim_sentence(claim: Claim, articles: Mapping[str, Article]) -> BriefSentence:
    """A claim as a brief sentence: its representative sentence with its own source,
    citing every report."""
    lead = next(m for m in claim.mentions if m.sentence.text == claim.text)
    spans = [lead.sentence] + [m.sentence for m in claim.mentions if m.sentence != lead.sentence]
    # the claim's first attribution is the shown sentence's own source ("" for the outlet's
    # voice); the other reports' sources stay on the claim: "according to X" after a
    # sentence X never said would misattribute it
    own = claim.attributions[0] if claim.attributions else ""
    return BriefSentence(claim.text, tuple(_cite(s, articles) for s in spans), claim.id, claim.status,
                         claim.origins, (own,) if own else ())


def _rank(claim: Claim) -> tuple[float, int, str]:
    return (-claim.score, min(m.sentence.start for m in claim.mentions), claim.id)


def build_brief(check: ScopeCheck, subject: Event | Storyline, level: str, articles: Mapping[str, Article],
                extract: CorpusExtraction, copy_links: Sequence[CopyLink], summary_sentences: int = 8) -> Brief:
    """The brief of one scope.

    Args:
        check: the scope's crosscheck.
        subject: its event or storyline (label, id).
        level: ``event`` or ``storyline``.
        articles: articles by id.
        extract: the extract stage's output (statements, timeline).
        copy_links: copy links (the sources section shows those inside the scope).
        summary_sentences: at most this many summary sentences (at least 3 when the
            scope has that many claims).
    """
    ids = set(check.article_ids)
    ranked = sorted(check.claims, key=_rank)
    corroborated = [c for c in ranked if c.status == "corroborated"]
    # a sentence that leans on its article ("He added that ...") goes after those of its status that read alone
    usable = sorted((c for c in ranked if c.status != "conflicting"),
                    key=lambda c: (c.status != "corroborated", not stands_alone(c.text)))
    picks = usable[:summary_sentences]
    picks = [c for c in picks if c.status == "corroborated"] or picks
    if len(picks) < 3:
        picks += [c for c in usable if c not in picks][: 3 - len(picks)]
    picks.sort(key=lambda c: (min(m.day or date.max for m in c.mentions), _rank(c)))
    summary = tuple(claim_sentence(c, articles) for c in picks)
    headline = subject.label or (corroborated[0].text if corroborated else (ranked[0].text if ranked else ""))
    statements = []
    for st in extract.statements:
        variants = [v for v in st.variants if v.article in ids]
        if len({v.article for v in variants}) >= 2:
            statements.append(StatementItem(st.speaker_name, st.text, st.said_on,
                                            tuple(_cite(v.content, articles) for v in variants),
                                            tuple(v.differences for v in variants)))
    timeline = tuple(
        TimelineItem(t.start, t.end, t.value, t.what, (_cite(t.sentence, articles), _cite(t.date, articles)))
        for t in extract.timeline if t.article in ids)
    published = {p.article: p.published for p in extract.publication_dates}
    links = [link for link in copy_links if link.a in ids and link.b in ids]
    sources = []
    for aid in check.article_ids:
        a = articles.get(aid)
        copies = tuple(f"{link.relation} {link.b if link.a == aid else link.a}" for link in links if aid in (link.a, link.b))
        day = a.published.date() if a is not None and a.published is not None else published.get(aid)
        sources.append(SourceItem(aid, a.outlet if a else None, a.title if a else None, day,
                                  next((o for o in _origin_of(aid, links)), aid), copies))
    return Brief(
        id=content_id("brief/v1", check.scope), level=level, subject=subject.id, headline=headline,
        summary=summary, corroborated=tuple(claim_sentence(c, articles) for c in corroborated[:MAX_LIST]),
        disputed=tuple(d for d in check.discrepancies if d.is_conflict),
        wordings=tuple(d for d in check.discrepancies if d.kind == "quote-wording"),
        changes=tuple(d for d in check.discrepancies if d.kind == "stance-change"),
        single_source=tuple(claim_sentence(c, articles) for c in ranked if c.status == "single-source")[:MAX_LIST],
        statements=tuple(statements), timeline=timeline, sources=tuple(sources), origins=check.origins,
        article_count=len(check.article_ids),
    )


def _origin_of(aid: str, links: Sequence[CopyLink]) -> list[str]:
    """The smallest id of the article's copy component inside the scope (its origin key)."""
    component, frontier = {aid}, [aid]
    while frontier:
        x = frontier.pop()
        for link in links:
            for y, z in ((link.a, link.b), (link.b, link.a)):
                if y == x and z not in component:
                    component.add(z)
                    frontier.append(z)
    copied = {link.copy for link in links if link.copy is not None}
    originals = sorted(c for c in component if c not in copied) or sorted(component)
    return originals[:1]
