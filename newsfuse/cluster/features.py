"""Cheap per-article signals for clustering: terms, entity proxies, dates, a lead.

Everything here is a pure function of one article and costs well under a millisecond
per kilobyte of text (regular expressions only, no model), so the whole fast pass of
the clusterer can run on every article. Sentence embeddings are computed elsewhere and
only for close calls (see :mod:`newsfuse.cluster.online`).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from newsfuse.model import Article

EPOCH = date(1970, 1, 1).toordinal()

# A compact English stop list: function words plus reporting verbs and newsroom words
# that appear in every story and so say nothing about which event it is.
STOPWORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "although", "am", "an", "and", "any", "are", "around", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "ever", "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "least", "less", "let", "like", "made", "make", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "near", "neither", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "others", "our", "ours", "ourselves", "out", "over", "own", "per", "perhaps", "rather", "same", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "though", "through", "thus", "to", "too", "toward", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself", "said", "says", "say", "saying", "told", "tell", "according", "reported", "reports", "report", "added", "adding", "stated", "noted", "news", "new", "year", "years", "day", "days", "week", "weeks", "today", "yesterday", "tomorrow", "time", "times", "people", "two", "three", "mr", "mrs", "ms", "dr", "also", "including", "include", "included", "get", "got", "going", "go", "goes", "went", "come", "came", "take", "took"])

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(k for k in _MONTHS if len(k) > 3)
_SKIP_TERMS = STOPWORDS | _CALENDAR_WORDS

_WORD = re.compile(r"[^\W\d_][\w'’\-]*[^\W_]|[^\W\d_]|\$?\d+(?:[.,]\d+)*(?:-\d+)?%?", re.UNICODE)
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_DATE_SLASH = re.compile(r"\b(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?((?:19|20)?\d\d)\b")
_DATE_MY = re.compile(rf"\b{_MONTH},?\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# Capitalised runs ("Vladimir Putin", "Betty Ford Center", "U.S."), optionally joined by
# "of"/"de"/"al-": the cheap stand-in for named entities until canonical ones are given.
_CAP = re.compile(
    r"(?:[A-Z][\w'’\-]*[a-z\d][\w'’\-]*|[A-Z](?:\.[A-Z])+\.?|[A-Z]{2,})"
    r"(?:[ \t]+(?:(?:of|de|del|la|al|von|van|der|bin)[ \t]+)?"
    r"(?:[A-Z][\w'’\-]*[a-z\d][\w'’\-]*|[A-Z](?:\.[A-Z])+\.?|[A-Z]{2,}))*"
)
# Words that introduce a name ("Russian President Vladimir Putin", "NATO Secretary General
# Jens Stoltenberg"): the name after the last of them is emitted on its own, so a run
# with a title and one without still meet.
_TITLES = frozenset(["president", "vice", "prime", "minister", "secretary", "chancellor", "king", "queen", "prince", "princess", "pope", "governor", "gov", "gov.", "senator", "sen.", "sen", "rep.", "rep", "representative", "congressman", "congresswoman", "mayor", "general", "gen.", "colonel", "col.", "captain", "capt.", "lieutenant", "lt.", "sergeant", "sgt.", "judge", "justice", "chief", "ceo", "chairman", "chairwoman", "chair", "director", "commissioner", "ambassador", "envoy", "spokesman", "spokeswoman", "dr.", "dr", "mr.", "mrs.", "ms.", "sir", "lord", "lady", "officer", "detective", "constable", "coach", "leader", "premier", "sheikh", "emir", "ayatollah", "foreign", "defense", "defence", "interior", "finance", "state", "attorney", "police", "supreme", "deputy", "former"])
# Last words of multi-word names that are not a surname ("Betty Ford Center", "White House").
_GENERIC_HEADS = frozenset(["center", "centre", "house", "party", "union", "council", "department", "ministry", "court", "university", "college", "school", "hospital", "company", "corp", "corp.", "inc", "inc.", "bank", "group", "agency", "office", "committee", "commission", "association", "organization", "organisation", "league", "club", "team", "street", "road", "avenue", "square", "park", "airport", "station", "county", "city", "state", "states", "island", "islands", "river", "lake", "mountain", "mount", "sea", "ocean", "coast", "valley", "region", "province", "district", "republic", "kingdom", "army", "navy", "force", "forces", "police", "service", "news", "times", "post", "journal", "network", "media", "press", "board", "fund", "foundation", "institute", "museum", "church", "hall", "tower", "towers", "bridge", "beach", "base", "day", "games", "cup", "award", "awards", "prize", "act", "bill", "law", "treaty", "summit", "war", "crisis", "festival", "show", "series", "social"])
_SENTENCE_START = re.compile(r'(?:^|[.!?:;"“”|]\s+|\n)\W*$')


@dataclass(frozen=True, slots=True)
class Signals:
    """What the clusterer reads from one article.

    Attributes:
        article_id: the article's id.
        day: the article's place in time in days since 1970-01-01 (publication date,
            else the explicit date its text mentions most), or ``None``.
        day_source: ``"published"``, ``"text"`` or ``None``.
        terms: stemmed content words and numbers with their counts.
        entities: lower-cased named-entity names (given, or the proxy) with their
            number of mentions (1 each when given).
        weekdays: how often each weekday (Monday first) is named in the text.
        headline: the title, else the first sentence (for labels).
        has_title: whether ``headline`` is a real title.
        lead: title plus the opening of the text (what the sentence model reads).
    """

    article_id: str
    day: float | None
    day_source: str | None
    terms: dict[str, int]
    entities: dict[str, int]
    weekdays: tuple[int, ...]
    headline: str
    lead: str
    has_title: bool = False


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """A deliberately light English stemmer (plural and verb endings only); cached, since
    a stream repeats the same words millions of times.

    Example:
        >>> [stem(w) for w in ("checks", "checked", "injuries", "killing", "press")]
        ['check', 'check', 'injury', 'kill', 'press']
    """
    return sys.intern(_stem(word))


def _stem(word: str) -> str:
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) <= 4 or not word.isalpha():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ing") and len(word) > 6:
        return _undouble(word[:-3])
    if word.endswith("ed") and len(word) > 5:
        return _undouble(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _undouble(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz" else word


def terms(text: str) -> Counter[str]:
    """Content terms of ``text``: stemmed lower-case words of 3+ letters and numbers."""
    out: Counter[str] = Counter()
    skip = _SKIP_TERMS
    for raw in _WORD.findall(text):
        word = raw.lower().strip("'’-")
        if word[:1].isdigit() or word[:1] == "$":
            if len(word) >= 2:  # a lone digit is list numbering, not an event detail
                out[sys.intern(word)] += 1
        elif len(word) >= 3 and word not in skip:
            out[stem(word)] += 1  # stem() interns: thousands of clusters share each word
    return out


MAX_NAME_WORDS = 6  # longer capitalised runs are Title Case headlines, not names


def entity_proxy(text: str) -> Counter[str]:
    """Capitalised word runs that are not just a capitalised first word of a sentence,
    with how often each was mentioned (runs never cross a line break).

    Example:
        >>> sorted(entity_proxy("Police said Vladimir Putin met the U.S. envoy in Anchorage on Friday."))
        ['anchorage', 'putin', 'u.s.', 'vladimir putin']
    """
    found: Counter[str] = Counter()
    for match in _CAP.finditer(text):
        name = match.group(0)
        if " " not in name and _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]) \
                or (match.start() == 0 and " " not in name):
            continue  # "Police said ...": capitalised only because it opens a sentence
        words = re.sub(r"['’]s$", "", name.lower()).split()
        while words and (words[0] in STOPWORDS or words[0] in _CALENDAR_WORDS):
            words.pop(0)  # "The U.S. Navy" opens a sentence with "The"
        if words and len(words) <= MAX_NAME_WORDS and \
                not all(w in STOPWORDS or w in _CALENDAR_WORDS for w in words):
            found.update(_name_forms(words))
    return found


def _name_forms(words: list[str]) -> set[str]:
    """The run itself, the name after its last title word, and a likely surname.

    Example:
        >>> sorted(_name_forms(["russian", "president", "vladimir", "putin"]))
        ['putin', 'russian president vladimir putin', 'vladimir putin']
    """
    forms = {" ".join(words)}
    last_title = max((i for i, w in enumerate(words) if w in _TITLES), default=-1)
    rest = words[last_title + 1 :]
    if rest and last_title >= 0:
        forms.add(" ".join(rest))
    tail = rest[-1] if rest else ""
    if 2 <= len(rest) <= 3 and len(tail) >= 3 and tail.isalpha() and tail not in _GENERIC_HEADS \
            and tail not in STOPWORDS:
        forms.add(tail)
    return forms


def mentioned_days(text: str) -> list[tuple[float, int]]:
    """Explicit dates in ``text`` as (days since 1970-01-01, precision: 1 day or 30 month).

    Example:
        >>> [d for d, _ in mentioned_days("On August 13, 2025 and 15 Aug 2025")]
        [20313.0, 20315.0]
    """
    found: list[tuple[int, float, int]] = []
    spans: list[tuple[int, int]] = []  # full dates read, so "August 2025" inside one is skipped

    def add(pos: int, y: int, m: int, d: int | None, end: int = -1) -> None:
        spans.append((pos, end))
        if y < 100:
            y += 2000 if y < 50 else 1900
        try:
            day = date(y, m, d or 15).toordinal() - EPOCH
        except ValueError:
            return
        found.append((pos, float(day), 1 if d else 30))

    for m in _year_ending(_DATE_MDY, text):
        add(m.start(), int(m.group(3)), _month(m.group(1)), int(m.group(2)), m.end())
    for m in _year_ending(_DATE_DMY, text):
        add(m.start(), int(m.group(3)), _month(m.group(2)), int(m.group(1)), m.end())
    for m in _DATE_ISO.finditer(text):
        add(m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3)), m.end())
    for m in _DATE_SLASH.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
        if month <= 12:
            add(m.start(), int(m.group(3)), month, day, m.end())
    full = list(spans)
    for m in _year_ending(_DATE_MY, text):
        if not any(start <= m.start() < end for start, end in full):
            add(m.start(), int(m.group(2)), _month(m.group(1)), None)
    found.sort()
    return [(day, precision) for _pos, day, precision in found]


_YEAR = re.compile(r"\b\d{4}\b")
_BEFORE_YEAR = 48  # the longest "<day> of <month>, " or "<month> <day>th, " before a year


def _year_ending(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for the date patterns that end with a four-digit year,
    matched only in a short window before each year: a month-name regex tried at every
    word boundary of a long article cost more than the rest of the signals together."""
    out: list[re.Match[str]] = []
    last_end = 0
    for year in _YEAR.finditer(text):
        lo = max(last_end, year.start() - _BEFORE_YEAR)
        m = pattern.search(text, lo, year.end())
        while m is not None and m.end() != year.end():
            m = pattern.search(text, m.start() + 1, year.end())
        if m is not None:
            out.append(m)
            last_end = m.end()
    return out


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key, _MONTHS.get(key[:3], 0)) or 1


def text_day(text: str) -> float | None:
    """The date an undated article is about: its most often mentioned explicit day
    (the first one on a tie; a dateline comes first), else its first month."""
    days = mentioned_days(text)
    exact = Counter(day for day, precision in days if precision == 1)
    if exact:
        top = max(exact.values())
        return next(day for day, precision in days if precision == 1 and exact[day] == top)
    return days[0][0] if days else None


def weekdays(text: str) -> tuple[int, ...]:
    counts = Counter(m.group(1).lower() for m in _WEEKDAY.finditer(text))
    return tuple(counts[d] for d in WEEKDAYS)


# a sentence ends at . ! ? before a capital, but not after an initial ("John D. Sutter", "U.S. officials")
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<![\s.][A-Z]\.)\s+(?=[A-Z“\"])")
_BYLINE = re.compile(r"^\W*by\s", re.IGNORECASE)


def _first_sentence(text: str, limit: int = 200, min_words: int = 5) -> str:
    """An untitled article's headline: its first sentence that reads as one (a byline
    such as "By John D. Sutter, CNN" or a four-word fragment does not), else its first."""
    sentences = [s for line in text.strip().split("\n") if line.strip() for s in _SENTENCE_END.split(line.strip())]
    sentence = next((s for s in sentences[:8] if len(s.split()) >= min_words and not _BYLINE.match(s)),
                    sentences[0] if sentences else "")
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + "…"


def signals(article: Article, entities: Iterable[str] | None = None, lead_chars: int = 300) -> Signals:
    """Read the clustering signals of one article.

    Args:
        article: a cleaned article.
        entities: canonical entity names for this article when another stage found them;
            ``None`` falls back to :func:`entity_proxy`.
        lead_chars: how much of the text opening goes into ``lead``.
    """
    body = article.text
    title = (article.title or "").strip()
    full = f"{title}\n{body}" if title else body
    if article.published is not None:
        day: float | None = _days(article.published)
        source: str | None = "published"
    else:
        day = text_day(full)
        source = "text" if day is not None else None
    ents = dict.fromkeys((e.lower() for e in entities), 1) if entities is not None \
        else dict(entity_proxy(full))
    opening = body[:lead_chars]
    if len(body) > lead_chars and " " in opening:
        opening = opening.rsplit(" ", 1)[0]  # end on a whole word
    lead = (f"{title}. " if title else "") + opening
    return Signals(
        article_id=article.id,
        day=day,
        day_source=source,
        terms=dict(terms(full)),
        entities=ents,
        weekdays=weekdays(full),
        headline=title or _first_sentence(body),
        lead=lead,
        has_title=bool(title),
    )


def _days(moment: datetime) -> float:
    return float(moment.date().toordinal() - EPOCH)



def publication_order(articles: list[Article]) -> list[Article]:
    """Dated articles by publication time; an undated one keeps the time of the dated
    article before it in the input, so a mixed batch keeps its neighbours together."""
    keyed, last = [], None
    for i, article in enumerate(articles):
        if article.published is not None:
            last = article.published.timestamp()
        keyed.append((last if last is not None else float("-inf"), i, article))
    keyed.sort(key=lambda x: (x[0], x[1]))
    return [a for _, _, a in keyed]
