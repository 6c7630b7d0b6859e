"""Cheap per-line features for the line classifier (jusText-style evidence).

Everything here is computed once per line with one tokenising regex and set
look-ups, because plain-text cleaning has to run at thousands of articles per
second. The stopword lists are small on purpose: stopword *density* separates
running prose from menus and headline lists in any of these languages, it does not
need to be exhaustive (jusText uses the same idea with larger lists).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Sentence end: terminal punctuation, optionally followed by closing quotes/brackets.
_TERMINAL = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_SAMPLE_CHARS = 600  # lines longer than this get sampled features (see LineFeatures)
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


# Capitalised and upper-case forms, so counting stopwords needs no lower() per token.
_CAPITAL_STOPWORDS: frozenset[str] = frozenset(
    {w.capitalize() for w in STOPWORDS} | {w.upper() for w in STOPWORDS}
)
_ANY_CASE_STOPWORDS: frozenset[str] = STOPWORDS | _CAPITAL_STOPWORDS


def tokens(line: str) -> list[str]:
    """Word tokens of a line (apostrophe contractions stay one token)."""
    return _WORD.findall(line)


def stem(word: str) -> str:
    """A crude, language-agnostic stem: lower-case prefix of five characters.

    Good enough to match "sanctions"/"sanction" or "discussions"/"discussed" when
    asking whether a short line's words recur in the article; no stemmer is needed.
    """
    return word.lower()[:5]


class LineFeatures:
    """Features of one stripped, non-empty line.

    Attributes:
        text: the stripped line.
        words: number of word tokens (CJK text counts two characters per word).
        stop_density: share of tokens that are function words.
        sentence: the line ends like a sentence (``.``, ``!``, ``?`` ...).
        title_case: share of content words that start upper-case.
        key: case- and space-normalised form used to find repeats.
        unspaced: written without spaces between words (CJK), where stopword
            density says nothing.
        content: content-word stems (no stopwords, no digits); computed on first
            use, because only lines near headings and titles ever need it.
    """

    __slots__ = (
        "text", "words", "stop_density", "sentence", "key", "unspaced",
        "_tokens", "_stops", "_content", "_title_case",
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        if len(text) > _SAMPLE_CHARS:
            # A long line is prose or a pasted blob; its density is settled by a sample,
            # and its word count by str.split (6x cheaper than the tokenising regex).
            # The full token list is only built if a heading check asks for it.
            toks = _WORD.findall(text[:_SAMPLE_CHARS])
            n = len(text.split())
            self._tokens: list[str] | None = None
        else:
            toks = _WORD.findall(text)
            n = len(toks)
            self._tokens = toks
        # Scripts written without spaces: count two CJK characters as one word.
        cjk = len(_CJK.findall(text)) if n < 8 else 0
        stops = len([t for t in toks if t in _ANY_CASE_STOPWORDS])
        self.text = text
        self.words = max(n, cjk // 2)
        self.stop_density = stops / len(toks) if toks else 0.0
        # Only the tail can hold the sentence end; searching it alone keeps this O(1).
        self.sentence = bool(_TERMINAL.search(text[-8:]))
        folded = text.casefold()
        self.key = folded if "  " not in folded and "\t" not in folded else " ".join(folded.split())
        self.unspaced = cjk // 2 > n
        self._stops = stops
        self._content: frozenset[str] | None = None
        self._title_case: float | None = None

    def _all_tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = _WORD.findall(self.text)
        return self._tokens

    @property
    def content(self) -> frozenset[str]:
        if self._content is None:
            self._content = frozenset(
                [
                    t.lower()[:5]  # stem(): five-letter prefix
                    for t in self._all_tokens()
                    if t not in _ANY_CASE_STOPWORDS and not t[0].isdigit()
                ]
            )
        return self._content

    @property
    def title_case(self) -> float:
        if self._title_case is None:
            toks = self._all_tokens()
            n_content = len(toks) - len([t for t in toks if t in _ANY_CASE_STOPWORDS])
            capitals = len([t for t in toks if t[0].isupper()]) - len(
                [t for t in toks if t in _CAPITAL_STOPWORDS]
            )
            self._title_case = max(0, capitals) / n_content if n_content else 0.0
        return self._title_case


def line_features(text: str) -> LineFeatures:
    """Compute :class:`LineFeatures` for a stripped, non-empty line."""
    return LineFeatures(text)
