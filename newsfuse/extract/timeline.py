"""Timeline entries: every dated happening with its calendar range, what, who, the
sentence and the article, in date order."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.extract.cues import SPEECH_VERBS
from newsfuse.extract.records import ArticleExtraction, TimelineEntry
from newsfuse.model import Span, content_id

_WHO_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# A clause opening on a relative pronoun or a subordinator ("which began in February
# 2022", "to meet Putin on Friday"), a phrase of a few words ("Friday's meeting"), or a
# reporting clause whose report was cut off ("Trump told reporters on Wednesday") does
# not say on its own what happened: the entry shows the whole sentence instead.
_DEPENDENT_OPENERS = frozenset({"which", "who", "whom", "whose", "that", "after", "before", "since", "when",
                                "while", "to", "as", "because", "if", "until", "where"})
_MIN_WHAT_WORDS = 5


def _what(clause: str, sentence: str, lemma: str) -> str:
    words = clause.split()
    if len(words) < _MIN_WHAT_WORDS or words[0].lower().strip("“\"'‘(") in _DEPENDENT_OPENERS \
            or lemma in SPEECH_VERBS:
        return sentence
    return clause


def timeline_entries(ext: ArticleExtraction, entity_ids: Sequence[str | None], text: str) -> list[TimelineEntry]:
    """The timeline entries of one article.

    Args:
        ext: the article's extraction, with dates resolved (re-anchored if its publication
            date was inferred).
        entity_ids: the canonical entity of each mention (``EntityResolver.assign``).
        text: the article text (sentence spans are cut from it).
    """
    out = []
    for h in ext.happenings:
        if h.date is None:
            continue
        mention = ext.dates[h.date]
        if mention.start is None or mention.end is None or mention.value is None:
            continue
        who = tuple(dict.fromkeys(entity_ids[i] for i in h.actors
                                  if entity_ids[i] is not None and ext.mentions[i].label in _WHO_LABELS))
        s, e = ext.sentences[h.sentence]
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(TimelineEntry(
            id=content_id("timeline/v1", ext.article, str(mention.span.start), str(mention.span.end)),
            start=mention.start, end=mention.end, value=mention.value, what=_what(h.clause.text, text[s:e], h.lemma),
            who=who,  # type: ignore[arg-type]
            sentence=Span(ext.article, s, e, text[s:e]), date=mention.span, article=ext.article,
            inferred=mention.anchor_inferred and mention.relative,
        ))
    return out


def sort_timeline(entries: Sequence[TimelineEntry]) -> list[TimelineEntry]:
    """Entries by date, shorter ranges first within a day (a day before its week)."""
    return sorted(entries, key=lambda t: (t.start, t.end, t.article, t.date.start))
