"""The line classifier on scraped text from imaginary sites: other wordings, other languages.

None of these lines occur in the seeds; the classifier has to recognise the
conventions, not the strings.
"""

from __future__ import annotations

from datetime import datetime

from newsfuse.clean import classify_lines, clean
from newsfuse.config import CleanConfig
from newsfuse.model import Article, DropReason, LineLabel, Provenance, RawDocument

R = DropReason
BODY, HEADING, TITLE = LineLabel.BODY, LineLabel.HEADING, LineLabel.TITLE


def _labels(text: str) -> list[object]:
    lines = text.strip("\n").split("\n")
    return [d.reason if d.reason is not None else d.label for d in classify_lines(lines)]


GAZETTE = """
Skip to main content
Home › Local › Transport
Riverside council approves new cycle lanes along the harbour
By Maria Lindqvist
Published 14 March 2024, 09:30
The Riverside city council voted on Tuesday evening to build four kilometres of protected cycle lanes along the harbour front, ending a two-year dispute between shop owners and cycling groups.
Follow us on Instagram
Councillor Ahmed Rahimi, who proposed the plan, said the lanes would be finished before the summer festival season and would cost about 3.2 million euros.
ADVERTISEMENT
Shop owners on Quay Street had argued that removing parking spaces would hurt trade. The final plan keeps 40 of the 65 existing spaces and adds a loading zone for deliveries.
Photo: Jonas Berg / Riverside Gazette
Cycling groups welcomed the decision but said the council should now connect the harbour lanes with the university campus.
Sign up for our morning newsletter
You might also like
Harbour ferry timetable changes from April
New bakery opens in the old fire station
Why the bridge repairs are taking so long
© 2024 Riverside Gazette Ltd. All rights reserved.
We use cookies to give you the best experience on our website. By continuing to browse, you agree to our cookie policy.
"""


def test_clean_generality_english_site() -> None:
    assert _labels(GAZETTE) == [
        R.NAVIGATION,
        R.NAVIGATION,
        TITLE,
        R.BYLINE,
        R.BYLINE,
        BODY,
        R.SHARE,
        BODY,
        R.ADVERTISEMENT,
        BODY,
        R.MEDIA,
        BODY,
        R.SUBSCRIBE,
        R.RELATED,
        R.RELATED,
        R.RELATED,
        R.RELATED,
        R.LEGAL,
        R.COOKIE,
    ]


def test_clean_generality_metadata_from_the_text() -> None:
    raw = RawDocument(Provenance("gazette.txt", "text"), "text", GAZETTE)
    article = clean(raw, CleanConfig(detect_language=False))
    assert isinstance(article, Article)
    assert article.title == "Riverside council approves new cycle lanes along the harbour"
    assert article.author == "Maria Lindqvist"
    assert article.published == datetime(2024, 3, 14)
    assert article.published_inferred
    assert article.text.count("\n\n") == 3  # four body paragraphs


STADTANZEIGER = """
Startseite > Politik > Region
Landtag beschließt neues Schulgesetz
Von Anna Schmidt
Der Landtag hat am Donnerstag mit knapper Mehrheit ein neues Schulgesetz beschlossen, das kleinere Klassen und mehr Lehrkräfte an Grundschulen vorsieht.
Anzeige
Die Opposition kritisierte, dass die Finanzierung der zusätzlichen Stellen noch nicht gesichert sei, und kündigte eine Klage vor dem Verfassungsgericht an.
Das könnte Sie auch interessieren
Streit um Busfahrpläne im Landkreis geht weiter
Neues Hallenbad soll 2026 eröffnen
Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Mit der Nutzung unserer Website stimmen Sie dem zu.
Alle akzeptieren
Kommentare
"""


def test_clean_generality_german_site() -> None:
    assert _labels(STADTANZEIGER) == [
        R.NAVIGATION,
        TITLE,
        R.BYLINE,
        BODY,
        R.ADVERTISEMENT,
        BODY,
        R.RELATED,
        R.RELATED,
        R.RELATED,
        R.COOKIE,
        R.COOKIE,
        R.COMMENTS,
    ]


COURRIER = """
Accueil
La mairie lance un budget participatif pour les quartiers nord
Partager sur Facebook
La mairie a présenté lundi un budget participatif de deux millions d'euros, qui permettra aux habitants des quartiers nord de proposer et de voter pour des projets locaux.
Lire aussi : Le tramway prolongé jusqu'à la gare en 2027
Les projets retenus seront financés dès l'automne, a précisé l'adjointe chargée de la démocratie locale, qui espère une forte participation des jeunes.
Abonnez-vous à notre newsletter
Tous droits réservés
"""


def test_clean_generality_french_site() -> None:
    assert _labels(COURRIER) == [
        R.NAVIGATION,
        TITLE,
        R.SHARE,
        BODY,
        R.RELATED,
        BODY,
        R.SUBSCRIBE,
        R.LEGAL,
    ]


THREAD = """
Water board raises prices for the first time in six years
The regional water board will raise household prices by eight percent from July, citing the cost of replacing pipes that were laid in the 1960s.
The board said the average family would pay about four euros more each month, and that low-income households could apply for a reduction.
Consumer groups said the board had known about the ageing network for years and should have spread the cost more evenly.
A spokesperson for the board said the increase would be reviewed after two years, once the first phase of the replacement programme is complete.
3 comments
riverfan says:
March 3, 2024 at 9:12 am
Four euros a month is nothing compared to what we pay for electricity these days.
k_jansen says:
March 3, 2024 at 10:40 am
They should have fixed the pipes years ago instead of building that new office in the city centre.
Leave a Reply
"""


def test_clean_generality_comment_thread_is_not_the_article() -> None:
    labels = _labels(THREAD)
    assert labels[:5] == [TITLE, BODY, BODY, BODY, BODY]
    assert labels[5:] == [R.COMMENTS, R.COMMENTS, R.BYLINE, R.COMMENTS] * 1 + [
        R.COMMENTS,
        R.BYLINE,
        R.COMMENTS,
        R.COMMENTS,
    ]


PROMO_AND_HEADINGS = """
The city's largest hospital will open a new emergency wing in May, doubling the number of treatment rooms and adding a dedicated children's ward, its director said on Friday.
Children's Ward and Treatment Rooms
The children's ward will have twelve treatment rooms and a waiting area designed with local schools, the director said, and it will be staffed around the clock.
Actor stuns fans with surprise wedding in Tuscany: "We kept it secret for a year"
The hospital has struggled with waiting times since the regional clinic closed two years ago, and the new emergency wing is meant to cut them by half.
Staff, Funding and Opening Date
The wing cost 48 million euros, most of it paid by the regional government, and the hospital will hire 60 nurses and 15 doctors before the opening date in May.
"""


def test_clean_generality_promo_versus_section_heading() -> None:
    assert _labels(PROMO_AND_HEADINGS) == [BODY, HEADING, BODY, R.PROMO, BODY, HEADING, BODY]


def test_clean_generality_metadata_title_used_and_repeats_dropped() -> None:
    lines = ["Budget talks collapse", "Budget talks collapse", "Talks on the city budget collapsed on Monday after the two largest parties failed to agree."]
    decisions = classify_lines(lines, title="Budget talks collapse")
    assert [d.label for d in decisions] == [TITLE, LineLabel.BOILERPLATE, BODY]
    assert decisions[1].reason is R.DUPLICATE_TITLE


def test_clean_generality_hard_wrapped_wire_copy_is_rejoined() -> None:
    body = (
        "Showers continued throughout the week in\n"
        "the cocoa zone, alleviating the drought since early\n"
        "January and improving prospects for the coming harvest,\n"
        "the exporters said in their weekly review.\n"
        "    Arrivals for the week ended February 22 were 155,221 bags\n"
        "of 60 kilos, bringing the total for the season to 5.93\n"
        "mln against 5.81 at the same stage last year.\n"
    )
    raw = RawDocument(Provenance("wire.txt", "text"), "text", body)
    article = clean(raw, CleanConfig(detect_language=False))
    assert isinstance(article, Article)
    assert article.text.split("\n\n") == [
        "Showers continued throughout the week in the cocoa zone, alleviating the drought "
        "since early January and improving prospects for the coming harvest, the exporters "
        "said in their weekly review.",
        "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos, bringing "
        "the total for the season to 5.93 mln against 5.81 at the same stage last year.",
    ]
    assert article.headings == ()


def test_clean_generality_table_only_wire_story_is_kept() -> None:
    # An earnings table has no prose: no line is a promo or heading of anything.
    body = (
        "Shr one dlr vs 73 cts\n    Net 12.6 mln vs 15.8 mln\n    Revs 337.3 mln vs 315.2 mln\n"
        "    Nine mths\n    Shr 3.07 dlrs vs 3.08 dlrs\n Reuter\n"
    )
    article = clean(RawDocument(Provenance("r.txt", "text"), "text", body), CleanConfig(detect_language=False))
    assert isinstance(article, Article)
    assert article.text.split("\n\n") == [
        "Shr one dlr vs 73 cts",
        "Net 12.6 mln vs 15.8 mln",
        "Revs 337.3 mln vs 315.2 mln",
        "Nine mths",
        "Shr 3.07 dlrs vs 3.08 dlrs",
        "Reuter",
    ]
    assert article.dropped == () and article.headings == ()
