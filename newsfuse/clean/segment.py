"""Where the main text of a scraped page is: the best-scoring run of lines.

Every line gets a *body score*: positive for prose (about one point per word),
negative for menu items, headline lists and known boilerplate. The main text is the
contiguous run of lines with the largest sum (Kadane's maximum-sum segment), so the
short lines between paragraphs (sub-headings, an "Advertisement") are bridged while
menus, teaser lists and footers around the article fall outside. This is the
text-only counterpart of the body-text-extraction idea behind BTE and jusText's
context rules.

The weights below are set by reasoning about what each kind of line is worth
("a menu item costs as much as three words of prose earn"); the few that were
checked against the Zyte development pages are marked.
"""

from __future__ import annotations

from newsfuse.clean.decision import LineDecision
from newsfuse.clean.features import LineFeatures
from newsfuse.model import DropReason, LineLabel

R = DropReason

SHORT_PENALTY = -3.0
PATTERN_PENALTY = -6.0
MARKER_PENALTY = -12.0  # "Related", "Comments": a section of something else starts
LEGAL_PENALTY = -20.0  # copyright notices close a page, not a paragraph
BYLINE_PENALTY = -12.0  # dates between paragraphs mean a list of stories (zyte-dev checked)
MIN_ARTICLE = 50.0  # score (about words of prose) of a run that is an article on its own
REGION_SHARE = 0.2
PROSE_STOP_DENSITY = 0.3  # prose is about a third function words
ISLAND_WEIGHT = 0.4  # a lone paragraph among non-prose lines (zyte-dev checked)


def body_score(f: LineFeatures, known_language: bool = True) -> float:
    """Positive for prose, negative for menu items and headline lists.

    Prose ends like a sentence; headlines and teaser blurbs mostly do not, which is
    what keeps long teaser lists below an article out of its main text.
    """
    w = f.words
    if f.sentence:
        if w >= 12:
            if f.unspaced or not known_language:
                return float(w)
            # Notices and lists of names are poor in function words; prose is not.
            return w * min(1.0, f.stop_density / PROSE_STOP_DENSITY)
        if w >= 5:
            return 0.5 * w if f.stop_density >= 0.1 else -1.0
        return 0.5 if w >= 3 else SHORT_PENALTY
    if w >= 25 and f.stop_density >= 0.25:
        return 0.7 * w  # a paragraph that lost its final full stop
    if w >= 12:
        return -1.0
    return -2.0 if w >= 5 else SHORT_PENALTY


def stopwords_cover(order: list[int], feats: dict[int, LineFeatures]) -> bool:
    """Whether the stopword lists know the document's language (its prose is dense in them).

    When they do not (a language without a list), stopword density says nothing
    and long sentences count by length alone.
    """
    stops = total = 0.0
    for i in order:
        f = feats[i]
        if f.sentence and f.words >= 12:
            stops += f.stop_density * f.words
            total += f.words
    return total == 0 or stops / total >= 0.12


def scores(
    order: list[int],
    feats: dict[int, LineFeatures],
    decisions: list[LineDecision | None],
    markers: dict[int, DropReason],
) -> dict[int, float]:
    """Body score of every non-blank line given what is already decided about it."""
    out: dict[int, float] = {}
    known = stopwords_cover(order, feats)
    for i in order:
        d = decisions[i]
        if d is None:
            out[i] = body_score(feats[i], known)
        elif i in markers:
            out[i] = MARKER_PENALTY
        elif d.reason is R.LEGAL:
            out[i] = LEGAL_PENALTY
        elif d.reason is R.BYLINE:
            out[i] = BYLINE_PENALTY
        else:
            out[i] = PATTERN_PENALTY if d.label is LineLabel.BOILERPLATE else SHORT_PENALTY
    # A lone paragraph between non-prose lines on both sides is how teaser lists
    # look (headline / author / date / blurb): it counts less, so such lists below
    # an article do not get pulled into it. Articles have runs of paragraphs.
    for k in range(1, len(order) - 1):
        i = order[k]
        if out[i] > 0 and out[order[k - 1]] <= 0 and out[order[k + 1]] <= 0:
            out[i] *= ISLAND_WEIGHT
    return out


def max_segment(order: list[int], score: dict[int, float]) -> tuple[tuple[int, int], float] | None:
    """(first, last) line of the contiguous run with the largest score sum, and the sum."""
    best = 0.0
    best_span: tuple[int, int] | None = None
    run = 0.0
    start = 0
    for pos, i in enumerate(order):
        if run <= 0:
            run, start = 0.0, pos
        run += score[i]
        if run > best:
            best, best_span = run, (order[start], i)
    return (best_span, best) if best_span is not None else None


def main_segment(
    order: list[int], score: dict[int, float], markers: dict[int, DropReason]
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
    found: list[tuple[tuple[int, int], float]] = []
    for region in regions:
        segment = max_segment(region, score) if region else None
        if segment is not None:
            found.append(segment)
    if not found:
        return None
    best = max(value for _, value in found)
    for span, value in found:
        if value >= max(MIN_ARTICLE, REGION_SHARE * best):
            return span
    return max(found, key=lambda item: item[1])[0]


def extend(
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
