"""Cheap per-line features for the line classifier (jusText-style evidence).

Everything here is computed once per line with one tokenising regex and set
look-ups, because plain-text cleaning has to run at thousands of articles per
second. The stopword lists are small on purpose: stopword *density* separates
running prose from menus and headline lists in any of these languages, it does not
need to be exhaustive (jusText uses the same idea with larger lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Sentence end: terminal punctuation, optionally followed by closing quotes/brackets.
_TERMINAL = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Small function-word lists (en, de, fr, es, it, pt, nl, ru, id, pl, sv, tr). Lower-cased.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours out over own same she should so some such than that
    the their theirs them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours said says say one two new after would may might must shall us who's it's
    that's there's he's she's they're we're i'm don't didn't won't can't isn't wasn't
    der die das den dem des ein eine einen einem einer und oder aber nicht ist sind war
    wurde werden hat haben mit von zu zum zur auf für im in an bei aus nach wie auch als
    sich es er sie wir ich noch nur so dass daß über unter vor
    le la les un une des du de et ou mais ne pas est sont était été avec pour par sur
    dans au aux ce cette ces qui que il elle ils nous vous se sa son ses leur plus
    el los las unos unas del y o pero no es son fue con por para en al lo que su sus
    se como más este esta estos
    il lo gli uno una di e ma non è sono era con per su nel nella che gli della dei
    o os um uma do da dos das em no na ao não é são foi com por para que seu sua
    het een en of maar niet is zijn was met van voor op aan bij uit naar ook dat die
    и в не на что с по как а то это из у за от для же о так но его все она они мы
    yang dan di ke dari ini itu dengan untuk tidak akan pada juga dalam ada adalah
    i w z na nie się że do to jest jak po co ale za od
    och att det som en på är av för med till den har inte om ett
    ve bir bu da de için ile çok daha gibi olarak
    """.split()
)


def tokens(line: str) -> list[str]:
    """Word tokens of a line (apostrophe contractions stay one token)."""
    return _WORD.findall(line)


def stem(word: str) -> str:
    """A crude, language-agnostic stem: lower-case prefix of five characters.

    Good enough to match "sanctions"/"sanction" or "discussions"/"discussed" when
    asking whether a short line's words recur in the article; no stemmer is needed.
    """
    return word.lower()[:5]


@dataclass(slots=True)
class LineFeatures:
    """Features of one stripped, non-empty line.

    Attributes:
        text: the stripped line.
        words: number of word tokens (CJK text counts two characters per word).
        stop_density: share of tokens that are function words.
        sentence: the line ends like a sentence (``.``, ``!``, ``?`` ...).
        title_case: share of content words that start upper-case.
        content: content-word stems (no stopwords, no digits).
        key: case- and space-normalised form used to find repeats.
        unspaced: written without spaces between words (CJK), where stopword
            density says nothing.
    """

    text: str
    words: int
    stop_density: float
    sentence: bool
    title_case: float
    content: frozenset[str]
    key: str
    unspaced: bool = False


def line_features(text: str) -> LineFeatures:
    """Compute :class:`LineFeatures` for a stripped, non-empty line."""
    toks = tokens(text)
    n = len(toks)
    # Scripts written without spaces: count two CJK characters as one word.
    cjk = len(_CJK.findall(text)) if n < 8 else 0
    words = max(n, cjk // 2)
    stops = 0
    caps = 0
    content: set[str] = set()
    for tok in toks:
        low = tok.lower()
        if low in STOPWORDS:
            stops += 1
            continue
        if tok.isdigit():
            continue
        content.add(stem(tok))
        if tok[0].isupper():
            caps += 1
    n_content = n - stops
    return LineFeatures(
        text=text,
        words=words,
        stop_density=stops / n if n else 0.0,
        sentence=bool(_TERMINAL.search(text)),
        title_case=caps / n_content if n_content else 0.0,
        content=frozenset(content),
        key=" ".join(text.casefold().split()),
        unspaced=cjk // 2 > n,
    )
