"""Discrepancies between reports: different amounts for one quantity, different people
in one single-holder role at overlapping dates, different wordings of one quote, and
polarity conflicts (an :class:`~newsfuse.crosscheck.nli.NLIBackend` decides), which
become a change of stance when the same actor's two statements are on different days.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date

import numpy as np

from newsfuse.crosscheck.facts import format_amount, key_terms
from newsfuse.crosscheck.nli import NLIBackend
from newsfuse.crosscheck.records import ClaimMention, Discrepancy, Fact, Side
from newsfuse.extract.records import Entity, Role, Statement
from newsfuse.model import Span, content_id

# Heads of titles one person holds at a time; with a qualifier ("nato secretary general",
# "us president") they name one office. A bare "president" or "envoy" does not.
_SINGLE_HOLDER = ("secretary general", "secretary-general", "prime minister", "president",
                  "chancellor", "secretary of state", "foreign minister", "defence minister",
                  "defense minister", "finance minister", "treasury secretary", "king", "queen",
                  "pope", "chief executive", "ceo", "chairman", "chair", "governor", "mayor",
                  "attorney general", "speaker", "premier", "director general")
_GENERIC_QUALIFIERS = {"vice", "former", "deputy", "acting", "interim", "late", "then", "ex"}
_DISTINCT_CUE = re.compile(r"\b(?:also|another|additional|separate|further|extra|second)\b\W+(?:\w+\W+){0,4}$",
                           re.IGNORECASE)
_QUOTED = re.compile(r"[“\"]([^”\"]{2,})[”\"]")


def _side(m: ClaimMention, value: str, fact: Span | None = None, claim: str | None = None) -> Side:
    who = m.attribution.speaker_name if m.attribution is not None else ""
    return Side(value, m.sentence, fact, who, m.day, claim)


def _did(scope: str, kind: str, sides: Sequence[Side]) -> str:
    parts = [f"{s.sentence.article}:{s.sentence.start}:{(s.fact or s.sentence).start}" for s in sides]
    return content_id("discrepancy/v1", scope, kind, *sorted(parts))


_DETERMINERS = frozenset({"the", "a", "an", "one", "some", "several", "two", "three"})


def _speaker_name(m: ClaimMention) -> str:
    return m.attribution.speaker_name if m.attribution and m.attribution.source_kind != "unresolved" else ""


def _named_source(m: ClaimMention, source: Callable[[ClaimMention], str]) -> str | None:
    """The source a claim is given to by name (``source`` names it): a known person or
    organisation, or a name the article writes ("The Financial Times"), not a
    description ("One small study")."""
    a = m.attribution
    if a is None or a.source_kind == "unresolved" or not a.speaker_name:
        return None
    if a.speaker is None:
        words = a.speaker_name.split()
        while words and words[0].lower() in _DETERMINERS:
            words.pop(0)
        if not any(w[:1].isupper() for w in words):
            return None
    return source(m)


def _different_sources(a: ClaimMention, b: ClaimMention, origin: Callable[[str], str],
                       source: Callable[[ClaimMention], str]) -> bool:
    if origin(a.article) != origin(b.article):
        return True
    named = (_named_source(a, source), _named_source(b, source))
    return all(named) and named[0] != named[1]


def amount_discrepancies(scope: str, mentions: Sequence[ClaimMention], vectors: np.ndarray,
                         min_similarity: float = 0.45, max_ratio: float = 2.0,
                         origin: Callable[[str], str] = lambda a: a,
                         source: Callable[[ClaimMention], str] = _speaker_name) -> list[Discrepancy]:
    """Different values for what reads as one quantity from different sources: reports of
    different origins (``origin`` maps an article to its copy group's), or two sources one
    article names (``source`` names a mention's source, canonically where it can: "Trump"
    and "Donald Trump" are one; "the Financial Times reported $100 billion", "Zelensky
    said $90 billion" are two); two numbers of one article that it does not give to two sources are two
    quantities ("17,000 died", "of Ali's side 25,000 died"). Same unit, related sentences
    (cosine at least ``min_similarity``, 0.6 for plain counts), values within
    ``max_ratio`` of each other, and neither introduced as another one ("also a $50
    billion agreement")."""
    found: list[tuple[int, Fact]] = [(i, f) for i, m in enumerate(mentions) for f in m.facts
                                     if f.kind in ("amount", "number")]
    by_unit: dict[tuple[str, str], list[tuple[int, Fact]]] = {}
    for i, f in found:
        before = mentions[i].sentence.text[:f.span.start - mentions[i].sentence.start]
        if _DISTINCT_CUE.search(before):
            continue
        by_unit.setdefault((f.kind, f.unit), []).append((i, f))
    pairs: dict[tuple[str, str], list[tuple[int, Fact, int, Fact, float]]] = {}
    for (kind, unit), items in by_unit.items():
        floor = min_similarity if kind == "amount" else 0.6
        rows = [i for i, _ in items]
        values = np.array([float(f.value.split()[-1]) for _, f in items])
        sims = vectors[rows] @ vectors[rows].T
        lo, hi = np.minimum.outer(values, values), np.maximum.outer(values, values)
        ok = (sims >= floor) & (lo > 0) & (hi != lo) & (hi < max_ratio * np.where(lo > 0, lo, 1.0))
        for x, y in zip(*np.nonzero(np.triu(ok, 1))):  # vectorised: pairs grow with amounts squared
            (i, fa), (j, fb) = items[int(x)], items[int(y)]
            if _different_sources(mentions[i], mentions[j], origin, source):
                pairs.setdefault((kind, unit), []).append((i, fa, j, fb, float(sims[x, y])))
    out = []
    for (kind, unit), pair_list in pairs.items():
        for i, fa, j, fb, cos in pair_list:
            sides = sorted([_side(mentions[i], fa.label or fa.span.text, fa.span),
                            _side(mentions[j], fb.label or fb.span.text, fb.span)],
                           key=lambda s: (s.day or date.max, s.sentence.article, s.sentence.start))
            context = [t for t in key_terms(mentions[i].sentence.text) if t in set(mentions[j].terms)][:3]
            subject = f"{unit} {'amount' if kind == 'amount' else 'count'}" + (f": {' '.join(context)}" if context else "")
            out.append(Discrepancy(_did(scope, "amount", sides), scope, "amount", subject, tuple(sides), "rule",
                                   round(cos, 4), f"{sides[0].value} vs {sides[1].value} for one quantity"))
    return out


def _single_holder(title: str) -> bool:
    words = title.split()
    for head in _SINGLE_HOLDER:
        if title.endswith(head):
            qualifier = title[: -len(head)].split()
            return bool(qualifier) and not set(qualifier) & _GENERIC_QUALIFIERS and len(words) >= 2
    return False


def _same_person(a: Entity, b: Entity) -> bool:
    last = {x.split()[-1].lower().strip(".") for x in a.aliases if x}
    return bool(last & {x.split()[-1].lower().strip(".") for x in b.aliases if x})


# "the assassination of U.S. President John F. Kennedy": a holder of the past, named as such
_PAST_HOLDER = re.compile(r"\b(?:assassination|killing|murder|death|funeral|burial|legacy|memory|era|reign|"
                          r"tenure|days|widow|memoirs?|library)\s+of\s+(?:the\s+)?(?:late\s+)?$", re.IGNORECASE)


def role_discrepancies(scope: str, article_ids: set[str], entities: Sequence[Entity],
                       mentions: Sequence[ClaimMention], window_days: int = 60) -> list[Discrepancy]:
    """Different people given one single-holder title by articles dated within
    ``window_days`` of each other (undated roles count as overlapping); a title given
    as a past holder's ("the assassination of President Kennedy") is left out."""
    by_article: dict[str, list[ClaimMention]] = {}
    for m in mentions:
        by_article.setdefault(m.article, []).append(m)

    def of_the_past(r: Role) -> bool:
        sentence = next((m.sentence for m in by_article.get(r.span.article, [])
                         if m.sentence.start <= r.span.start < m.sentence.end), None)
        return sentence is not None and bool(_PAST_HOLDER.search(sentence.text[:r.span.start - sentence.start]))

    holders: dict[str, dict[str, list]] = {}
    for e in entities:
        if e.label != "PERSON":
            continue
        for r in e.roles:
            if r.span.article in article_ids and _single_holder(r.normalized) and not of_the_past(r):
                holders.setdefault(r.normalized, {}).setdefault(e.id, []).append(r)
    people = {e.id: e for e in entities}
    out = []
    for title, who in sorted(holders.items()):
        ids = sorted(who)
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = people[ids[x]], people[ids[y]]
                if _same_person(a, b):
                    continue
                ra, rb = who[ids[x]][0], who[ids[y]][0]
                if ra.date and rb.date and abs((ra.date - rb.date).days) > window_days:
                    continue
                sides = []
                for entity, role in ((a, ra), (b, rb)):
                    sentence = next((m for m in by_article.get(role.span.article, [])
                                     if m.sentence.start <= role.span.start < m.sentence.end), None)
                    span = sentence.sentence if sentence else role.span
                    who_said = sentence.attribution.speaker_name if sentence and sentence.attribution else ""
                    sides.append(Side(entity.name, span, role.span, who_said, role.date))
                sides.sort(key=lambda s: (s.day or date.max, s.sentence.article))
                out.append(Discrepancy(_did(scope, "role", sides), scope, "role", title, tuple(sides), "rule", 1.0,
                                       f"{sides[0].value} and {sides[1].value} are both given as {title}"))
    return out


def _wording(text: str) -> str:
    quoted = _QUOTED.findall(text)
    return " … ".join(quoted) if quoted else text


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("“", '"')
                  .replace("”", '"').replace("–", "-")).strip().lower()


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", _norm(text)))


def wording_discrepancies(scope: str, article_ids: set[str], statements: Sequence[Statement],
                          min_overlap: float = 0.3) -> list[Discrepancy]:
    """One quote worded differently by different articles: variants of one statement whose
    quoted words overlap (Jaccard at least ``min_overlap``) but are not the same."""
    out = []
    for st in statements:
        variants = [v for v in st.variants if v.article in article_ids]
        chosen: list = []
        for v in variants:
            w = _wording(v.content.text)
            for other in variants:
                if other.article == v.article:
                    continue
                ow = _wording(other.content.text)
                wa, wb = _words(w), _words(ow)
                if _norm(w) != _norm(ow) and wa and wb and len(wa & wb) / len(wa | wb) >= min_overlap:
                    chosen.append(v)
                    break
        if len({v.article for v in chosen}) < 2:
            continue
        sides = tuple(Side(_wording(v.content.text), v.content, None, st.speaker_name, st.said_on)
                      for v in chosen)
        out.append(Discrepancy(_did(scope, "quote-wording", sides), scope, "quote-wording", st.text, sides,
                               "rule", 1.0, f"{len(sides)} wordings of one statement by {st.speaker_name}"))
    return out


def _common_noun(term: str, text: str) -> bool:
    """The term occurs in lower case: a topic ("ceasefire"), not a name ("Putin")."""
    return re.search(rf"\b{re.escape(term)}", text) is not None


def polarity_discrepancies(scope: str, mentions: Sequence[ClaimMention], vectors: np.ndarray,
                           nli: NLIBackend, people: Mapping[str, Entity],
                           min_similarity: float = 0.38,
                           origin: Callable[[str], str] = lambda a: a) -> list[Discrepancy]:
    """Negation and antonym conflicts between what one actor is reported to hold; on
    different days the same conflict is a change of stance, not a conflict of reports.

    Candidates: pairs from different origins (``origin`` maps an article to its copy
    group's canonical one) with the same person as actor, a shared lower-case key term
    that is not the actor's name, a related sentence (cosine at least
    ``min_similarity``), and a negation cue in exactly one of them; ``nli`` decides."""
    by_actor: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.actor is not None and m.actor in people and people[m.actor].label == "PERSON":
            by_actor.setdefault(m.actor, []).append(i)
    grouped: dict[tuple[str, str, str], list[tuple[Side, Side, float, str]]] = {}
    for actor, items in by_actor.items():
        own = {t for alias in people[actor].aliases for t in key_terms(alias)}
        sub = vectors[items]
        neg = np.array([mentions[i].negated for i in items])
        close = (sub @ sub.T >= min_similarity) & (neg[:, None] != neg[None, :])
        for x, y in zip(*np.nonzero(np.triu(close, 1))):  # only related pairs, one negated
            i, j = items[int(x)], items[int(y)]
            a, b = mentions[i], mentions[j]
            if a.negated == b.negated or origin(a.article) == origin(b.article):
                continue  # one origin does not disagree with itself
            shared = tuple(sorted(t for t in (set(a.terms) & set(b.terms)) - own
                                  if _common_noun(t, a.sentence.text) and _common_noun(t, b.sentence.text)))
            if not shared or float(vectors[i] @ vectors[j]) < min_similarity:
                continue
            if (a.day or date.min) > (b.day or date.min):
                a, b = b, a
            result = nli.predict(a.sentence.text, b.sentence.text, shared)
            if result.label != "contradiction":
                continue
            changed = a.day is not None and b.day is not None and a.day != b.day
            kind = "stance-change" if changed else "negation"
            pa, pb = ("negates", "affirms") if a.negated else ("affirms", "negates")
            grouped.setdefault((kind, actor, result.topic), []).append(
                (_side(a, pa), _side(b, pb), result.score, result.method))
    out = []
    for (kind, actor, topic), found in sorted(grouped.items()):
        seen: dict[str, Side] = {}
        for sa, sb, _, _ in found:
            seen.setdefault(f"{sa.sentence.article}:{sa.sentence.start}", sa)
            seen.setdefault(f"{sb.sentence.article}:{sb.sentence.start}", sb)
        sides = tuple(sorted(seen.values(), key=lambda s: (s.day or date.max, s.sentence.article, s.sentence.start)))
        name = people[actor].name
        if kind == "stance-change":
            note = (f"{name} on {topic}: {sides[0].value} on {sides[0].day}, "
                    f"{sides[-1].value} on {sides[-1].day}: a change over time, not a conflict of reports")
        else:
            note = f"reports disagree on whether {name} holds it ({topic})"
        out.append(Discrepancy(_did(scope, kind, sides), scope, kind, f"{name} on {topic}", sides,  # type: ignore[arg-type]
                               found[0][3], max(f[2] for f in found), note))
    return out


__all__ = ["amount_discrepancies", "format_amount", "polarity_discrepancies", "role_discrepancies",
           "wording_discrepancies"]
