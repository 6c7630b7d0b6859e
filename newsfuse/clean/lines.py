"""The line classifier: body, heading, title or boilerplate (with a reason).

It works on scraped text from sites nobody has seen, so it uses generic evidence
only (in the spirit of jusText):

1. **Patterns** per boilerplate family (:mod:`newsfuse.clean.patterns`), a scraper
   header ``Title | Section | host.tld``, lines repeated verbatim, repeats of the title.
2. **A body score** per line from length, stopword density and sentence shape; the
   main text is the contiguous run of lines with the largest total score (a
   maximum-sum segment), so short menu lines between long paragraphs are bridged
   while menus, link lists and footers around the article fall outside.
3. **Context**: headline runs after a "Related" marker are related links; after a
   "Comments" marker, comments; a short line inside the body is a heading unless its
   words are foreign to the article and it has a headline's shape
   (:mod:`newsfuse.clean.promo`).
4. **The title**: the given title, the header's title, or the best headline-shaped
   line just before the body whose words the body uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsfuse.clean import patterns as pat
from newsfuse.clean import segment
from newsfuse.clean.decision import BODY, HEADING, TITLE, LineDecision, drop
from newsfuse.clean.features import LineFeatures, line_features
from newsfuse.clean.promo import PROMO_THRESHOLD, headline_shape, is_list_item, promo_score
from newsfuse.model import DropReason

__all__ = ["Analysis", "LineDecision", "analyse", "classify_lines", "matches_title", "title_key_of"]

R = DropReason
_TITLE_WINDOW = 25  # non-blank lines before the body searched for the title
_TITLE_MAX_WORDS = 20  # news headlines run about 6-16 words
_MIN_PROSE_LINES = 2  # paragraphs needed before short lines can be headings or promos

@dataclass(frozen=True, slots=True)
class Analysis:
    """Decisions plus what the lines said about the document."""

    decisions: list[LineDecision]
    title: str | None
    outlet: str | None


def title_key_of(title: str | None) -> str | None:
    return " ".join(title.casefold().split()) if title else None


def matches_title(key: str, title_key: str) -> bool:
    """A line is the title if equal, or the title with a ``| Site`` style suffix cut."""
    if key == title_key:
        return True
    if title_key.startswith(key) and len(key) >= 0.6 * len(title_key):
        rest = title_key[len(key) :].lstrip()
        return rest[:1] in {"|", "-", "–", "—", ":"}
    return False


def _is_title_like(f: LineFeatures) -> bool:
    text = f.text
    return (
        3 <= f.words <= _TITLE_MAX_WORDS
        and not f.sentence
        and text[-1] not in ",;:"
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'«")
        and f.stop_density < 0.45
    )


def analyse(
    lines: Sequence[str], *, title: str | None = None, main_block: bool = True
) -> Analysis:
    """Classify every line and read the title and outlet the lines reveal.

    Args:
        lines: the document's lines, blank ones included.
        title: the title known from metadata, if any.
        main_block: find the main text as the best-scoring run of lines (scraped
            pages). ``False`` when the lines are already an extractor's main text.
    """
    n = len(lines)
    decisions: list[LineDecision | None] = [None] * n
    order = [i for i in range(n) if lines[i].strip()]
    feats = {i: line_features(lines[i].strip()) for i in order}
    outlet: str | None = None
    markers: dict[int, DropReason] = {}

    # 1. Scraper header lines at the top, "Share this @host" anywhere.
    for i in order[:3]:
        header = pat.site_header(feats[i].text)
        if header is not None:
            decisions[i] = drop(R.SITE_HEADER)
            outlet = outlet or header[1]
            title = title or header[0]
    for i in order:
        if decisions[i] is None and feats[i].words <= 8:
            host = pat.share_host(feats[i].text)
            if host is not None:
                decisions[i] = drop(R.SHARE)
                outlet = outlet or host

    # 2. The known title and its repeats; other verbatim repeats; patterns.
    title_key = title_key_of(title)
    title_taken = False
    hints = pat.document_hints("\n".join(f.text for f in feats.values()).lower())
    seen: set[str] = set()
    for i in order:
        f = feats[i]
        if decisions[i] is not None:
            seen.add(f.key)
            continue
        if title_key and matches_title(f.key, title_key):
            decisions[i] = drop(R.DUPLICATE_TITLE) if title_taken else TITLE
            title_taken = True
        elif f.key in seen and main_block:
            decisions[i] = drop(R.DUPLICATE)  # (an extractor's text repeats on purpose)
        else:
            reason = pat.pattern_reason(
                f.text, f.words, f.sentence, conservative=not main_block, hints=hints
            )
            if reason is not None:
                decisions[i] = drop(reason)
                if reason in (R.RELATED, R.COMMENTS) and pat.is_marker(f.text):
                    markers[i] = reason
        seen.add(f.key)

    # 3. The main text: the best-scoring contiguous run of lines.
    scores = segment.scores(order, feats, decisions, markers)
    span = segment.main_segment(order, scores, markers) if main_block else None
    if span is None:  # no prose at all (or already-extracted text): everything is "inside"
        first, last = (order[0], order[-1]) if order else (0, -1)
    else:
        first, last = segment.extend(order, feats, decisions, span)

    # 4. The title, when no metadata or header named one.
    if title_key is None:
        title = _find_title(order, feats, decisions, scores, first, last)
        if title is not None:
            title_key = title_key_of(title)
            for i in order:
                if decisions[i] is None and matches_title(feats[i].key, title_key):  # type: ignore[arg-type]
                    decisions[i] = drop(R.DUPLICATE_TITLE) if title_taken else TITLE
                    title_taken = True

    # 5. Inside the main text: body, headings, promos; outside: why not.
    _label_inside(order, feats, decisions, markers, first, last, conservative=not main_block)
    _label_outside(order, feats, decisions, markers, first, last)
    final = [d if d is not None else BODY for d in decisions]
    return Analysis(decisions=final, title=title, outlet=outlet)


def _find_title(
    order: list[int],
    feats: dict[int, LineFeatures],
    decisions: list[LineDecision | None],
    scores: dict[int, float],
    first: int,
    last: int,
) -> str | None:
    """The headline-shaped line before the body whose words the body uses most."""
    if first not in feats:
        return None
    pos = order.index(first)
    window = order[max(0, pos - _TITLE_WINDOW) : pos + 1]
    candidates = [
        (rank, i)
        for rank, i in enumerate(reversed(window))
        if decisions[i] is None
        and _is_title_like(feats[i])
        and not (i == first and feats[i].stop_density >= 0.4)
        and feats[i].content
    ]
    if not candidates:  # most scraped articles: skip the vocabulary work
        return None
    body_stems: set[str] = set()
    for i in order:
        if first <= i <= last and scores[i] > 0:
            body_stems |= feats[i].content
    best, best_score = None, 0.0
    for rank, i in candidates:
        f = feats[i]
        overlap = len(f.content & body_stems) / len(f.content)
        if overlap < 0.34:
            continue
        score = overlap + 0.3 * f.title_case + 0.2 * min(f.words, 12) / 12 - 0.01 * rank
        if score > best_score:
            best, best_score = f.text, score
    return best


def _label_inside(
    order: list[int],
    feats: dict[int, LineFeatures],
    decisions: list[LineDecision | None],
    markers: dict[int, DropReason],
    first: int,
    last: int,
    conservative: bool = False,
) -> None:
    """Label the lines of the main text.

    ``conservative`` is for an extractor's main text, where tables, lists and Q&A
    lines are content: only a line sandwiched between two paragraphs may be a promo,
    and nothing is dropped as a stray fragment.
    """
    inside = [i for i in order if first <= i <= last]
    prose = [i for i in inside if decisions[i] is None and _is_prose(feats[i])]
    prose_set = set(prose)
    vocabulary: list[set[str]] = []  # the article's stems, built on first need

    def article() -> set[str]:
        if not vocabulary:
            stems: set[str] = set()
            for i in prose:
                stems |= feats[i].content
            for i in order:
                if decisions[i] == TITLE:
                    stems |= feats[i].content
            vocabulary.append(stems)
        return vocabulary[0]

    after_related = False
    for k, i in enumerate(inside):
        d = decisions[i]
        if d is not None:
            if i in markers or d.reason is not R.RELATED:
                after_related = markers.get(i) is R.RELATED
            continue
        f = feats[i]
        if i not in prose_set and not any(ch.isalpha() for ch in f.text):
            decisions[i] = BODY if conservative else drop(R.SHORT_FRAGMENT)
            continue
        if i in prose_set or len(prose) < _MIN_PROSE_LINES:
            # Without paragraphs (tables, results, short notices) there is no article
            # for a line to be foreign to, and nothing for a heading to head.
            decisions[i] = BODY
            after_related = False
            continue
        if after_related and _is_title_like(f):
            decisions[i] = drop(R.RELATED)  # headline list under a "Related" marker
            continue
        following: set[str] = set()
        taken = 0
        for j in inside[k + 1 :]:
            if j in prose_set:
                following |= feats[j].content
                taken += 1
                if taken == 2:
                    break
        # In an extractor's text, only a headline-shaped line between two paragraphs
        # may be a promo; tables, lists and Q&A lines look novel but are content.
        eligible = not is_list_item(f.text) and (
            not conservative
            or (
                0 < k < len(inside) - 1
                and inside[k - 1] in prose_set
                and (inside[k + 1] in prose_set or feats[inside[k + 1]].words <= 12)
                and headline_shape(f.text)
            )
        )
        if eligible and promo_score(f, article(), following) >= PROMO_THRESHOLD:
            decisions[i] = drop(R.PROMO)
        elif conservative:
            decisions[i] = HEADING if _is_title_like(f) else BODY
        elif f.words <= 2 and not (f.text[0].isupper() or f.text[0].isdigit()):
            decisions[i] = drop(R.SHORT_FRAGMENT)
        elif _is_title_like(f) or (f.words <= 3 and f.text[0].isupper()):
            decisions[i] = HEADING
        else:
            decisions[i] = BODY


def _is_prose(f: LineFeatures) -> bool:
    """Lines kept as body without asking whether they are headings or promos."""
    if f.sentence and f.words >= 3:
        return True
    return f.words > 25 or (f.words >= 16 and f.stop_density >= 0.35)


def _label_outside(
    order: list[int],
    feats: dict[int, LineFeatures],
    decisions: list[LineDecision | None],
    markers: dict[int, DropReason],
    first: int,
    last: int,
) -> None:
    run: DropReason | None = None  # set after a "Related"/"Comments" marker
    for i in order:
        if first <= i <= last:
            run = None
            continue
        if i in markers:
            # A comments button above the story opens nothing; a marker below it does.
            run = markers[i] if (markers[i] is R.RELATED or i > last) else None
            continue
        if decisions[i] is not None:
            continue
        f = feats[i]
        if run is not None:
            decisions[i] = drop(run)
        elif f.words < 12 or segment.body_score(f) <= 0:
            decisions[i] = drop(R.NAVIGATION)
        else:
            decisions[i] = drop(R.NOT_MAIN_CONTENT)


def classify_lines(lines: Sequence[str], *, title: str | None = None) -> list[LineDecision]:
    """Label every line of scraped text as body, heading, title or boilerplate.

    Args:
        lines: the lines of one scraped article, blank lines included.
        title: the article title if metadata knows it; otherwise the first
            headline-shaped line before the body whose words the body uses.

    Returns:
        One :class:`LineDecision` per input line, in order.

    Example:
        >>> [d.reason.value if d.reason else d.label.value for d in classify_lines(
        ...     ["Share on Facebook", "The council approved the plan on Monday after a long debate."]
        ... )]
        ['share', 'body']
    """
    return analyse(lines, title=title).decisions
