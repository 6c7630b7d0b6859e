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
from newsfuse.clean.features import LineFeatures, line_features
from newsfuse.clean.promo import PROMO_THRESHOLD, headline_shape, is_list_item, promo_score
from newsfuse.model import DropReason, LineLabel

R = DropReason

# Body-score weights: a menu item costs about as much as three words of prose earn.
_SHORT_PENALTY = -3.0
_PATTERN_PENALTY = -6.0
_MARKER_PENALTY = -12.0  # "Related", "Comments": a section of something else starts
_LEGAL_PENALTY = -20.0
_BYLINE_PENALTY = -12.0
_MIN_ARTICLE = 50.0  # score (about words of prose) of a run that is an article on its own
_REGION_SHARE = 0.2
_PROSE_STOP_DENSITY = 0.3
_ISLAND_WEIGHT = 0.4
_TITLE_WINDOW = 25
_TITLE_MAX_WORDS = 20  # news headlines run about 6-16 words  # non-blank lines before the body searched for the title


@dataclass(frozen=True, slots=True)
class LineDecision:
    """What the classifier decided for one line.

    ``reason`` is set exactly when ``label`` is :attr:`LineLabel.BOILERPLATE`.
    Blank lines are paragraph separators: they get ``BODY`` with no reason and carry
    no text.
    """

    label: LineLabel
    reason: DropReason | None = None


BODY = LineDecision(LineLabel.BODY)
HEADING = LineDecision(LineLabel.HEADING)
TITLE = LineDecision(LineLabel.TITLE)


def drop(reason: DropReason) -> LineDecision:
    return LineDecision(LineLabel.BOILERPLATE, reason)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Decisions plus what the lines said about the document."""

    decisions: list[LineDecision]
    title: str | None
    outlet: str | None


def _pattern_reason(f: LineFeatures, conservative: bool = False) -> DropReason | None:
    """The boilerplate family a line belongs to by its wording, if any.

    ``conservative`` (an extractor's main text) skips the bare-timestamp rule: dates
    there are content (embedded posts, event dates), not a page's dateline.
    """
    text, words = f.text, f.words
    if words <= 80 and pat.COOKIE.search(text):
        return R.COOKIE
    if words <= 60 and (pat.LEGAL_ANY.search(text) or pat.COMMENT_FORM.search(text)):
        return R.LEGAL if pat.LEGAL_ANY.search(text) else R.COMMENTS
    if words > 30:
        return None
    if words <= 16 and (
        pat.BYLINE.match(text) or (not conservative and pat.is_timestamp(text, words))
    ):
        return R.BYLINE
    if pat.COMMENTS_COUNT.match(text) or pat.COMMENT_AUTHOR.match(text):
        return R.COMMENTS
    if words <= 12:
        if pat.COMMENTS_MARKER.match(text):
            return R.COMMENTS
        if pat.RELATED_MARKER.match(text):
            return R.RELATED
        if pat.CONSENT_BUTTON.match(text):
            return R.COOKIE
        if pat.SHARE.match(text):
            return R.SHARE
        if pat.ADVERTISEMENT.match(text):
            return R.ADVERTISEMENT
        if pat.NAVIGATION.match(text) or pat.BREADCRUMB.match(text) or pat.TAGS.match(text):
            return R.NAVIGATION
        if pat.LEGAL_SHORT.match(text):
            return R.LEGAL
        if pat.MEDIA.search(text):
            return R.MEDIA
    if pat.RELATED_INLINE.match(text):
        return R.RELATED
    if words <= 25 and not f.sentence and pat.SUBSCRIBE.search(text):
        return R.SUBSCRIBE
    if words <= 12 and pat.SUBSCRIBE.search(text):
        return R.SUBSCRIBE
    return None


def _body_score(f: LineFeatures, known_language: bool = True) -> float:
    """Positive for prose, negative for menu items and headline lists.

    Prose ends like a sentence; headlines and teaser blurbs mostly do not, which is
    what keeps long teaser lists below an article out of its main text.
    """
    w = f.words
    if f.sentence:
        if w >= 12:
            if f.unspaced or not known_language:
                return float(w)
            # Prose is about a third function words; notices and lists of names are not.
            return w * min(1.0, f.stop_density / _PROSE_STOP_DENSITY)
        if w >= 5:
            return 0.5 * w if f.stop_density >= 0.1 else -1.0
        return 0.5 if w >= 3 else _SHORT_PENALTY
    if w >= 25 and f.stop_density >= 0.25:
        return 0.7 * w  # a paragraph that lost its final full stop
    if w >= 12:
        return -1.0
    return -2.0 if w >= 5 else _SHORT_PENALTY


def _max_segment(
    order: list[int], scores: dict[int, float]
) -> tuple[tuple[int, int], float] | None:
    """(first, last) line of the contiguous run with the largest score sum, and the sum."""
    best = 0.0
    best_span: tuple[int, int] | None = None
    run = 0.0
    start = 0
    for pos, i in enumerate(order):
        if run <= 0:
            run, start = 0.0, pos
        run += scores[i]
        if run > best:
            best, best_span = run, (order[start], i)
    return (best_span, best) if best_span is not None else None


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
            reason = _pattern_reason(f, conservative=not main_block)
            if reason is not None:
                decisions[i] = drop(reason)
                if reason in (R.RELATED, R.COMMENTS) and _is_marker(f):
                    markers[i] = reason
        seen.add(f.key)

    # 3. The main text: the best-scoring contiguous run of lines.
    scores = _scores(order, feats, decisions, markers)
    span = _main_segment(order, scores, markers) if main_block else None
    if span is None:  # no prose at all (or already-extracted text): everything is "inside"
        first, last = (order[0], order[-1]) if order else (0, -1)
    else:
        first, last = _extend(order, feats, decisions, span)

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


def _is_marker(f: LineFeatures) -> bool:
    """A line that opens a related-links or comments section."""
    text = f.text
    return bool(
        pat.RELATED_MARKER.match(text)
        or pat.COMMENTS_MARKER.match(text)
        or pat.COMMENTS_COUNT.match(text)
    )


def _scores(
    order: list[int],
    feats: dict[int, LineFeatures],
    decisions: list[LineDecision | None],
    markers: dict[int, DropReason],
) -> dict[int, float]:
    """Body score of every non-blank line given what is already decided about it."""
    scores: dict[int, float] = {}
    known = _stopwords_cover(order, feats)
    for i in order:
        d = decisions[i]
        if d is None:
            scores[i] = _body_score(feats[i], known)
        elif i in markers:
            scores[i] = _MARKER_PENALTY
        elif d.reason is R.LEGAL:
            scores[i] = _LEGAL_PENALTY  # copyright notices close a page, not a paragraph
        elif d.reason is R.BYLINE:
            scores[i] = _BYLINE_PENALTY  # dates between paragraphs mean a list of stories
        else:
            scores[i] = _PATTERN_PENALTY if d.label is LineLabel.BOILERPLATE else _SHORT_PENALTY
    # A lone paragraph between non-prose lines on both sides is how teaser lists
    # look (headline / author / date / blurb): it counts less, so such lists below
    # an article do not get pulled into it. Articles have runs of paragraphs.
    for k in range(1, len(order) - 1):
        i = order[k]
        if scores[i] > 0 and scores[order[k - 1]] <= 0 and scores[order[k + 1]] <= 0:
            scores[i] *= _ISLAND_WEIGHT
    return scores


def _extend(
    order: list[int],
    feats: dict[int, LineFeatures],
    decisions: list[LineDecision | None],
    span: tuple[int, int],
) -> tuple[int, int]:
    """Grow the main text over adjacent list items (jusText's near-good next to good).

    Bullet points and "Key facts:" lists are phrase-like lines without a full stop,
    so they score below zero, yet they belong to the article when they touch it.
    Growth stops at any line already known as boilerplate or that reads like a
    menu item or a bare name.
    """
    pos = {i: p for p, i in enumerate(order)}
    first, last = pos[span[0]], pos[span[1]]
    while first > 0 and _list_item(feats[order[first - 1]], decisions[order[first - 1]]):
        first -= 1
    while last + 1 < len(order) and _list_item(feats[order[last + 1]], decisions[order[last + 1]]):
        last += 1
    return order[first], order[last]


def _list_item(f: LineFeatures, decision: LineDecision | None) -> bool:
    return decision is None and f.words >= 5 and f.stop_density >= 0.15


def _stopwords_cover(order: list[int], feats: dict[int, LineFeatures]) -> bool:
    """Whether the stopword lists know the document's language (its prose is dense in them)."""
    stops = total = 0.0
    for i in order:
        f = feats[i]
        if f.sentence and f.words >= 12:
            stops += f.stop_density * f.words
            total += f.words
    return total == 0 or stops / total >= 0.12


def _main_segment(
    order: list[int], scores: dict[int, float], markers: dict[int, DropReason]
) -> tuple[int, int] | None:
    """The main text: the best-scoring run of lines, with comment threads fenced off.

    A comments marker splits the page into regions. Comments are prose too, and a
    long thread can outweigh a short story, so the *first* region holding an
    article-sized run wins, not the largest; a "Comments" button above the story
    does not count because nothing article-sized precedes it.
    """
    regions: list[list[int]] = [[]]
    for i in order:
        if markers.get(i) is R.COMMENTS:
            regions.append([])
        else:
            regions[-1].append(i)
    found = [_max_segment(region, scores) for region in regions if region]
    found = [f for f in found if f is not None]
    if not found:
        return None
    best = max(value for _, value in found)
    for span, value in found:
        if value >= max(_MIN_ARTICLE, _REGION_SHARE * best):
            return span
    return max(found, key=lambda f: f[1])[0]


def _find_title(
    order: list[int],
    feats: dict[int, LineFeatures],
    decisions: list[LineDecision | None],
    scores: dict[int, float],
    first: int,
    last: int,
) -> str | None:
    """The headline-shaped line before the body whose words the body uses most."""
    body_stems: set[str] = set()
    for i in order:
        if first <= i <= last and scores[i] > 0:
            body_stems |= feats[i].content
    if not body_stems:
        return None
    pos = order.index(first)
    window = order[max(0, pos - _TITLE_WINDOW) : pos + 1]
    best, best_score = None, 0.0
    for rank, i in enumerate(reversed(window)):
        f = feats[i]
        if decisions[i] is not None or not _is_title_like(f) or not f.content:
            continue
        if i == first and f.stop_density >= 0.4:
            continue
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
    article: set[str] = set()
    for i in prose:
        article |= feats[i].content
    for i in order:
        if decisions[i] is not None and decisions[i].label is LineLabel.TITLE:
            article |= feats[i].content
    after_related = False
    for k, i in enumerate(inside):
        d = decisions[i]
        if d is not None:
            if i in markers or d.reason is not R.RELATED:
                after_related = markers.get(i) is R.RELATED
            continue
        f = feats[i]
        if i in prose_set:
            decisions[i] = BODY
            after_related = False
            continue
        if not any(ch.isalpha() for ch in f.text):
            decisions[i] = BODY if conservative else drop(R.SHORT_FRAGMENT)
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
        if eligible and promo_score(f, article, following) >= PROMO_THRESHOLD:
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
        elif f.words < 12 or _body_score(f) <= 0:
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
