"""Publication-date inference from event peers and the articles' own dates (no model)."""

from __future__ import annotations

from datetime import date, datetime

from newsfuse.extract.names import name_key
from newsfuse.extract.pubdate import PublicationDateInference, reanchor
from newsfuse.extract.records import ArticleExtraction, DateMention, Happening, Mention
from newsfuse.model import Article, Provenance, Span


def build(article_id: str, text: str, dates: list[tuple[str, str | None, str]],
          published: datetime | None = None) -> tuple[Article, ArticleExtraction]:
    """An article whose dated happenings each name "Alaska"; ``dates`` are (expression,
    tense, place) and must occur in ``text`` in order."""
    article = Article(article_id, Provenance(f"{article_id}.txt", "text"), text, None, None, None,
                      published, "en")
    mentions, mentions_dates, happenings = [], [], []
    for expression, tense, place in dates:
        start = text.index(expression)
        span = Span(article_id, start, start + len(expression), expression)
        place_at = text.index(place)
        mentions.append(Mention(Span(article_id, place_at, place_at + len(place), place), "GPE", "name",
                                name_key(place, "GPE"), 0))
        mentions_dates.append(DateMention(span, "DATE", "DATE", None, None, None, tense, 0))  # type: ignore[arg-type]
        happenings.append(Happening(len(mentions_dates) - 1, 0, span, "meet", span, (len(mentions) - 1,),
                                    tense))  # type: ignore[arg-type]
    ext = ArticleExtraction(article_id, published, ((0, len(text)),), tuple(mentions), (), (),
                            tuple(mentions_dates), tuple(happenings))
    return article, ext


def test_extract_pubdate_weekday_and_day_month_fix_the_year() -> None:
    a = build("a", "He will meet Putin in Alaska on Friday, he said on Wednesday.",
              [("Friday", "future", "Alaska"), ("Wednesday", "past", "Alaska")])
    b = build("b", "The summit in Alaska is scheduled for 15 August.", [("15 August", "future", "Alaska")])
    c = build("c", "The war began in February 2022 far from Alaska.", [("February 2022", "past", "Alaska")])
    articles, extractions = zip(a, b, c)
    model = PublicationDateInference().fit(list(articles), list(extractions))
    inferred = model.assign(a[0], a[1])
    assert inferred.inferred and inferred.method == "event-constraints"
    assert inferred.published == date(2025, 8, 13)  # the Wednesday before Friday 15 August 2025
    assert model.assign(b[0], b[1]).published < date(2025, 8, 15)
    resolved = reanchor(a[1], inferred.published)
    assert [d.value for d in resolved.dates] == ["2025-08-15", "2025-08-13"]
    assert all(d.anchor_inferred for d in resolved.dates)


def test_extract_pubdate_dated_peers_give_the_reference() -> None:
    dated = build("d", "They met in Alaska on Friday.", [("Friday", "past", "Alaska")],
                  datetime(2025, 8, 16, 9, 0))
    undated = build("u", "Leaders met in Alaska on Friday.", [("Friday", "past", "Alaska")])
    model = PublicationDateInference().fit([dated[0], undated[0]], [dated[1], undated[1]],
                                           groups={"d": "e1", "u": "e1"})
    assert model.assign(*dated).method == "metadata"
    result = model.assign(*undated)
    assert result.method == "event-peers" and result.published == date(2025, 8, 15)


def test_extract_pubdate_no_evidence_is_said_plainly() -> None:
    lone = build("x", "Nothing dated happens in Alaska.", [])
    result = PublicationDateInference().fit([lone[0]], [lone[1]]).assign(*lone)
    assert result.published is None and result.method == "none"
