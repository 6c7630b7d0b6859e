"""Publication dates for articles that have none (a corpus stage: ``fit``/``assign``).

An undated article is dated from the articles of its event (the grouping comes from the
events stage; without one the whole corpus is one group):

1. ``event-peers``: some articles of the group have a date; their median is the reference.
2. ``event-constraints``: none has; a weekday and a day-month that name the same happening
   in different articles ("meets Putin in Alaska on Friday", "scheduled for 15 August in
   Anchorage") fix the year: the first year, not before the latest year the group (or,
   when storylines are given, the group's storyline) mentions in the past, in which that
   day-month falls on that weekday. A developing story states its past years across its
   events: the pre-summit reports name 2014 (Crimea), the follow-up names 2022.
3. ``own-dates``: the latest full date (day, month and year) the group mentions.
4. ``storyline-peers``: none of these; another event of the same storyline has a
   reference day, and its happening orders this event's articles.

Each article then takes, within ``window`` days of the reference, the day that breaks no
ordering its own words state (before a future happening of the event, after a past one,
"on Wednesday" said in the past lies before it), that puts its most recent past weekday
closest, and is closest to the reference. Every result is marked inferred, with the
expressions that decided it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from newsfuse.extract import timexlex as lex
from newsfuse.extract.records import ArticleExtraction, DateMention, PublicationDate
from newsfuse.extract.timex import Timex, normalize
from newsfuse.model import Article

_WEEKDAY = re.compile(rf"\b({lex.WEEKDAY_WORDS})\b", re.IGNORECASE)
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True, slots=True)
class _Ref:
    """One piece of evidence in an article: a weekday, a day-month, or an event reference."""

    kind: str  # weekday | daymonth | event
    text: str
    tense: str | None
    places: frozenset[str]
    weekday: int | None = None
    month: int | None = None
    day: int | None = None


def _refs(ext: ArticleExtraction) -> list[_Ref]:
    out: list[_Ref] = []
    for h in ext.happenings:
        places = frozenset(ext.mentions[i].key for i in h.actors if ext.mentions[i].label in _PLACE_LABELS)
        if h.date is None:
            out.append(_Ref("event", h.clause.text, h.tense, places))
            continue
        mention = ext.dates[h.date]
        bare = normalize(mention.span.text, None, mention.tense)
        if bare is None:
            continue
        if re.fullmatch(r"XXXX-(\d\d)-(\d\d)", bare.value):
            out.append(_Ref("daymonth", mention.span.text, mention.tense, places,
                            month=int(bare.value[5:7]), day=int(bare.value[8:10])))
        elif bare.value == "XXXX-XX-XX" and (m := _WEEKDAY.search(mention.span.text)):
            out.append(_Ref("weekday", mention.span.text, mention.tense, places,
                            weekday=lex.WEEKDAYS[m.group(1).lower()]))
    return out


def _absolute(ext: ArticleExtraction) -> list[tuple[Timex, str, str | None]]:
    """Dates with a year written out, as (timex, text, tense)."""
    out: list[tuple[Timex, str, str | None]] = []
    for d in ext.dates:
        timex = normalize(d.span.text, None, d.tense)
        if timex is not None and re.match(r"\d{4}", timex.value) and timex.type == "DATE":
            out.append((timex, d.span.text, d.tense))
    return out


def _resolve_weekday(anchor: date, weekday: int, tense: str | None) -> date:
    if tense == "future":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _happening_date(group: Sequence[list[_Ref]], floor_year: int) -> tuple[date, frozenset[str], list[str]] | None:
    """The day a weekday and a day-month of the same happening (shared place) agree on."""
    weekdays = [r for refs in group for r in refs if r.kind == "weekday" and r.places]
    daymonths = [r for refs in group for r in refs if r.kind == "daymonth" and r.places]
    votes: Counter[date] = Counter()
    places: dict[date, set[str]] = {}
    evidence: dict[date, list[str]] = {}
    for w in weekdays:
        for dm in daymonths:
            if not (w.places & dm.places) or {w.tense, dm.tense} == {"past", "future"}:
                continue
            assert dm.month is not None and dm.day is not None
            for year in range(floor_year, floor_year + 12):
                try:
                    day = date(year, dm.month, dm.day)
                except ValueError:
                    break
                if day.weekday() == w.weekday:
                    votes[day] += 1
                    places.setdefault(day, set()).update(w.places | dm.places)
                    evidence.setdefault(day, []).extend([w.text, dm.text])
                    break
    if not votes:
        return None
    best = votes.most_common(1)[0][0]
    return best, frozenset(places[best]), sorted(set(evidence[best]))


def _cost(anchor: date, refs: Sequence[_Ref], event: tuple[date, frozenset[str]] | None,
          reference: date) -> tuple[int, int, int, int]:
    """(orderings broken by dates, by event words, days back to the lead's past weekday,
    days from the reference). The first past weekday of an article is its news peg ("the
    US president said on Wednesday"), usually the publication day or the day before."""
    broken_dates = broken_events = 0
    lead: int | None = None
    for r in refs:
        linked = event is not None and bool(r.places & event[1])
        if r.kind == "weekday":
            assert r.weekday is not None
            day = _resolve_weekday(anchor, r.weekday, r.tense)
            if r.tense != "future" and lead is None:
                lead = (anchor - day).days
            if linked and event is not None and r.tense == "future" and day != event[0]:
                broken_dates += 1
        elif r.kind == "daymonth" and linked and event is not None and (
                r.tense == "future" and anchor >= event[0] or r.tense == "past" and anchor <= event[0]):
            broken_dates += 1
        elif r.kind == "event" and linked and event is not None and (
                r.tense == "past" and anchor <= event[0] or r.tense == "future" and anchor >= event[0]):
            broken_events += 1
    return broken_dates, broken_events, lead or 0, abs((anchor - reference).days)


class PublicationDateInference:
    """Infers publication dates from event peers and the articles' own date expressions.

    Example:
        >>> inference = PublicationDateInference().fit(articles, extractions)   # doctest: +SKIP
        >>> inference.assign(article, extraction).published                     # doctest: +SKIP
    """

    def __init__(self, window: int = 10) -> None:
        self.window = window
        self.group_of: dict[str, str] = {}
        self.reference: dict[str, tuple[date, str, list[str]]] = {}  # group -> (day, method, evidence)
        self.event: dict[str, tuple[date, frozenset[str]]] = {}
        self.floor: dict[str, int] = {}

    def fit(self, articles: Sequence[Article], extractions: Sequence[ArticleExtraction],
            groups: Mapping[str, str] | None = None,
            storylines: Mapping[str, str] | None = None) -> PublicationDateInference:
        """Learn each group's reference day. ``groups`` maps article id -> event id; an
        article missing from it (or no mapping at all) is in the group ``"corpus"``.
        ``storylines`` (article id -> storyline id) widens the year floor to the
        group's storyline."""
        self.group_of = {a.id: (groups or {}).get(a.id, "corpus") for a in articles}
        members: dict[str, list[int]] = {}
        for i, a in enumerate(articles):
            members.setdefault(self.group_of[a.id], []).append(i)
        past_years = [[t.start.year for t, _, tense in _absolute(e) if t.start and tense != "future"]
                      for e in extractions]
        story_floor: Counter[str] = Counter()
        for a, years in zip(articles, past_years):
            story = (storylines or {}).get(a.id)
            if story is not None and years:
                story_floor[story] = max(story_floor[story], max(years))
        for group, indices in members.items():
            known = sorted(articles[i].published.date() for i in indices  # type: ignore[union-attr]
                           if articles[i].published is not None and not articles[i].published_inferred)
            absolute = [t for i in indices for t in _absolute(extractions[i])]
            years = [y for i in indices for y in past_years[i]]
            years += [story_floor[s] for s in {(storylines or {}).get(articles[i].id) for i in indices}
                      if s is not None and story_floor[s]]
            self.floor[group] = max(years) if years else 0
            refs = [_refs(extractions[i]) for i in indices]
            if known:
                self.reference[group] = (known[len(known) // 2], "event-peers",
                                         [f"{len(known)} dated article(s) of the event"])
            elif self.floor[group] and (found := _happening_date(refs, self.floor[group])):
                day, places, evidence = found
                self.reference[group] = (day, "event-constraints", evidence)
                self.event[group] = (day, places)
                continue
            else:
                days = [(t.start, text) for t, text, tense in absolute
                        if t.start and t.start == t.end and tense != "future"]
                if days:
                    day, text = max(days)
                    self.reference[group] = (day, "own-dates", [text])
            if group in self.reference and (found := _happening_date(refs, self.reference[group][0].year - 1)):
                self.event[group] = (found[0], found[1])
        self._borrow(members, articles, storylines or {})
        return self

    def _borrow(self, members: Mapping[str, list[int]], articles: Sequence[Article],
                storylines: Mapping[str, str]) -> None:
        """An event with no reference of its own takes the latest one of its storyline
        (``storyline-peers``): a follow-up ("the Monday after the summit") is dated from
        the reports it follows, and ordered against their happening."""
        story_of = {g: storylines.get(articles[idx[0]].id) for g, idx in members.items()}
        for group in members:
            story = story_of[group]
            if group in self.reference or story is None:
                continue
            donors = [g for g in members if g in self.reference and story_of[g] == story]
            if not donors:
                continue
            donor = max(donors, key=lambda g: self.reference[g][0])
            day, _, evidence = self.reference[donor]
            self.reference[group] = (day, "storyline-peers", [f"another event of the storyline: {', '.join(evidence[:3])}"])
            if donor in self.event:
                self.event[group] = self.event[donor]

    def assign(self, article: Article, extraction: ArticleExtraction) -> PublicationDate:
        """The publication date of ``article``: its own if it has one, else inferred."""
        if article.published is not None and not article.published_inferred:
            return PublicationDate(article.id, article.published.date(), False, "metadata")
        group = self.group_of.get(article.id, "corpus")
        if group not in self.reference:
            floor = self.floor.get(group, 0)
            return PublicationDate(article.id, None, True, "none", (),
                                   date(floor, 1, 1) if floor else None, None)
        reference, method, evidence = self.reference[group]
        event = self.event.get(group)
        refs = _refs(extraction)
        candidates = [reference + timedelta(days=d) for d in range(-self.window, self.window + 1)]
        best = min(candidates, key=lambda day: _cost(day, refs, event, reference))
        ok = [d for d in candidates if _cost(d, refs, event, reference)[:2] == (0, 0)]
        used = [r.text for r in refs if r.kind != "event" or event and r.places & event[1]]
        return PublicationDate(article.id, best, True, method, tuple(dict.fromkeys(evidence + used[:6])),
                               min(ok) if ok else None, max(ok) if ok else None)


def reanchor(ext: ArticleExtraction, anchor: date, quarterly: bool = False) -> ArticleExtraction:
    """The extraction with every date mention resolved again against ``anchor`` (an
    inferred publication date), without parsing again."""
    dates: list[DateMention] = []
    for d in ext.dates:
        timex = normalize(d.span.text, anchor, d.tense, quarterly)
        dates.append(replace(d, anchor=anchor, anchor_inferred=True,
                             type=timex.type if timex else d.type, value=timex.value if timex else None,
                             start=timex.start if timex else None, end=timex.end if timex else None,
                             relative=timex.relative if timex else False))
    return replace(ext, dates=tuple(dates))


def infer_publication_dates(articles: Sequence[Article], extractions: Sequence[ArticleExtraction],
                            groups: Mapping[str, str] | None = None) -> Iterable[PublicationDate]:
    """Fit on the corpus and assign every article (a convenience over the class)."""
    model = PublicationDateInference().fit(articles, extractions, groups)
    return [model.assign(a, e) for a, e in zip(articles, extractions)]

