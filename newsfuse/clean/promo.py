"""Is a short line between paragraphs a section heading or a promo for another story?

Both are short, unpunctuated, often capitalised lines between body paragraphs, so
shape alone cannot tell them apart. What does is *topicality*:

* a section heading announces what follows: its content words recur in the next
  paragraphs and rarely introduce terms the article never uses;
* a promo headline advertises a different story: it brings in entities and words
  that the surrounding article never mentions, and it has a news-headline shape
  (sentence case with a verb, a quotation, a ``headline: "quote"`` colon, an emoji
  lead, a ``– WSJ`` source suffix).

:func:`promo_score` adds these up; :data:`PROMO_THRESHOLD` separates the two. The
weights are hand-set from that reasoning (checked on the seed articles, not fitted).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from newsfuse.clean.features import LineFeatures
from newsfuse.clean.patterns import EMOJI_START, QUOTED, SOURCE_SUFFIX

PROMO_THRESHOLD = 1.5

# "1. Ditch the diet", "A: Lebron James", "- item": list items and Q&A are content.
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]\s|[A-Z][:.)]\s|[-–—•*·]\s)")


def is_list_item(text: str) -> bool:
    """Whether a line starts like a list item or a Q&A answer."""
    return bool(_LIST_ITEM.match(text))


def headline_shape(text: str) -> bool:
    """Shapes only a promo headline has: emoji lead, ``– Source`` suffix,
    ``headline: "quote"``, or a shouted ALL-CAPS headline."""
    if EMOJI_START.match(text) or SOURCE_SUFFIX.search(text):
        return True
    if QUOTED.search(text) and ": " in text:
        return True
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 4 and len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def promo_score(
    line: LineFeatures, article_stems: Collection[str], following_stems: Collection[str]
) -> float:
    """Score how much a short line looks like a promo headline rather than a heading.

    Args:
        line: features of the candidate line.
        article_stems: content stems of the article's body paragraphs and title
            (not including this line).
        following_stems: content stems of the next body paragraphs after the line.

    Returns:
        A score; at or above :data:`PROMO_THRESHOLD` the line is a promo.
    """
    content = line.content
    text = line.text
    score = 0.0
    if content:
        n = len(content)
        novel = sum(1 for s in content if s not in article_stems) / n
        follows = sum(1 for s in content if s in following_stems) / n
        score += 2.0 * novel + 1.0 * (1.0 - follows)
        if line.words >= 6:
            # Sentence-case headlines carry lower-case verbs and nouns ("announces",
            # "slams"); a Title Case or ALL CAPS section label does not.
            score += 1.0 * (1.0 - line.title_case)
    if EMOJI_START.match(text):
        score += 1.5
    if SOURCE_SUFFIX.search(text):
        score += 1.0
    if QUOTED.search(text):
        score += 1.0
    if ": " in text[:-2]:
        score += 0.5
    if line.words <= 4:
        score -= 1.0  # "Background", "What happens next": labels, not headlines
    if ", and " in text or text.count(",") >= 2:
        score -= 0.5  # "Details, Background, and Focus": an enumerating section label
    if line.title_case >= 0.8 and not QUOTED.search(text):
        score -= 0.5
    return score
