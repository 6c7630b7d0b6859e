"""Text normalisation, word hashing, shingles and sentence spans for the Copies stage.

Every function here is deterministic across machines and processes: word hashes are
xxh3-64 of the UTF-8 word (never Python's salted ``hash``), so signatures computed on
one machine can be compared with signatures computed on another.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import xxhash

NORMALISATION = "nf1"  # bump when normalise() changes: stored signatures carry it

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_ROLL = np.uint64(1099511628211)  # FNV prime: polynomial roll of word hashes into shingles
_WORD_CACHE: dict[str, int] = {}
_ONE = np.uint64(1)
_WORD_CACHE_MAX = 2_000_000

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours said says told new one two
    mr mrs ms s t re ve ll d m""".split()
)


def normalise(text: str) -> str:
    """Canonical form used for exact hashes: NFKC, case-folded, punctuation dropped,
    whitespace collapsed.

    Example:
        >>> normalise("  The “Big”  Deal!\\n")
        'the big deal'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", _PUNCT.sub(" ", folded)).strip()


def words(text: str) -> list[str]:
    """Normalised words of ``text`` (the tokens every shingle is built from)."""
    return _PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()


def exact_hash(text: str) -> str:
    """xxh3-128 hex digest of the normalised text: equal for exact copies."""
    return xxhash.xxh3_128_hexdigest(normalise(text).encode("utf-8", "surrogatepass"))


def _word_hash(token: str) -> int:
    """xxh3-64 of the word with its lowest bit set for content words, clear otherwise, so
    the content words of a text are picked out of its word hashes without a lookup."""
    value = xxhash.xxh3_64_intdigest(token.encode("utf-8", "surrogatepass"))
    return value | 1 if _is_content(token) else value & ~1


def word_hashes(tokens: list[str]) -> np.ndarray:
    """Word hashes (see :func:`_word_hash`) as a uint64 array, cached per process (news
    vocabulary is Zipfian)."""
    cache = _WORD_CACHE
    if len(cache) > _WORD_CACHE_MAX:
        cache.clear()
    for token in set(tokens).difference(cache):
        cache[token] = _word_hash(token)
    return np.fromiter(map(cache.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def shingle_hashes(hashes: np.ndarray, size: int) -> np.ndarray:
    """Hashes of every run of ``size`` consecutive words (a polynomial roll, vectorised).

    A text shorter than ``size`` words gives one shingle of all its words, so short
    texts still compare; an empty text gives none.
    """
    if len(hashes) == 0:
        return hashes
    n = len(hashes) - size + 1
    if n <= 0:
        size, n = len(hashes), 1
    rolled = np.zeros(n, dtype=np.uint64)
    for j in range(size):
        rolled = rolled * _ROLL + hashes[j : j + n]
    return rolled


def shingle_set(text: str, size: int) -> np.ndarray:
    """Sorted unique shingle hashes of ``text``: the exact set that verification compares."""
    return np.unique(shingle_hashes(word_hashes(words(text)), size))


def _is_content(token: str) -> bool:
    return len(token) > 2 and token not in STOPWORDS and not token.isdigit()


def term_set(tokens: list[str]) -> np.ndarray:
    """Sorted distinct hashes of the content words (no stopwords, no 1-2 letter words, no
    bare numbers): the cheap topic fingerprint behind partial-copy and rewrite candidates."""
    hashes = word_hashes(tokens)
    return np.unique(hashes[(hashes & _ONE) == _ONE])


# Fast path: bytes.translate maps exactly the ASCII characters the regex replaces
# (anything but [A-Za-z0-9_] and whitespace) to spaces, at memcpy-like speed; bytes of
# multi-byte UTF-8 sequences are left alone, and only the few tokens that still hold a
# non-ASCII character go through the regex. Same tokens as ``words``, several times faster.
_ASCII_PUNCT = bytes(
    i if i >= 128 or chr(i).isalnum() or chr(i) == "_" or chr(i).isspace() else 32 for i in range(256)
)


def tokens_of(text: str) -> list[str]:
    """The normalised words of ``text``: exactly :func:`words`, faster."""
    if text.isascii():
        return text.encode("ascii").lower().translate(_ASCII_PUNCT).decode("ascii").split()
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    rough = text.casefold().encode("utf-8", "surrogatepass").translate(_ASCII_PUNCT)
    tokens = rough.decode("utf-8", "surrogatepass").split()
    if all(t.isascii() for t in tokens):
        return tokens
    out: list[str] = []
    for token in tokens:
        if token.isascii():
            out.append(token)
        else:
            out.extend(_PUNCT.sub(" ", token).split())
    return out


def analyse(text: str) -> tuple[str, list[str], np.ndarray, np.ndarray]:
    """(exact hash, normalised words, their hashes, content-word hashes) in one pass."""
    tokens = tokens_of(text)
    digest = xxhash.xxh3_128_hexdigest(" ".join(tokens).encode("utf-8", "surrogatepass"))
    cache = _WORD_CACHE
    if len(cache) > _WORD_CACHE_MAX:
        cache.clear()
    try:  # most words of a text are known already: one C-level pass, no set
        hashes = np.fromiter(map(cache.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    except KeyError:
        for token in set(tokens).difference(cache):
            cache[token] = _word_hash(token)
        hashes = np.fromiter(map(cache.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    terms = np.unique(hashes[(hashes & _ONE) == _ONE])  # the low bit marks content words
    return digest, tokens, hashes, terms


def jaccard_containment(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Exact (Jaccard, share of a found in b, share of b found in a) of two sorted sets."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0, 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common), common / len(a), common / len(b)


_DIGIT_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_DIGIT_WORDS.update({w: str(20 + 10 * i) for i, w in enumerate(
    "thirty forty fifty sixty seventy eighty ninety".split(), start=1)})
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "half", "quarter"})


def _is_figure(token: str) -> bool:
    return token in _DIGIT_WORDS or token in _SCALE_WORDS or any(c.isdigit() for c in token)


def _figure_value(tokens: list[str]) -> str:
    """The digits a passage states, however written: "2 000" = "2000", "nine" = "9",
    "0940" = "9 40" (leading zeros dropped)."""
    digits = "".join(_DIGIT_WORDS.get(t, t) for t in tokens if t not in _SCALE_WORDS)
    return "".join(c for c in digits if c.isdigit()).lstrip("0")


def conflicting_figures(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    """Places where two word sequences state different figures in the same wording.

    Two wire stories cut from one template ("The Federal Reserve ... arrange 1.5 billion
    dlrs of customer repurchase agreements") on different days differ only there: they
    report different facts. Each item is the differing passage of ``a`` and of ``b``;
    the same figure written another way ("nine" and "9", "2,000" and "2000") is no
    conflict. Texts with the same figures return at once.

    Example:
        >>> conflicting_figures("fed adds 1 5 billion dlrs".split(), "fed adds two billion dlrs".split())
        [('1 5', 'two')]
    """
    if Counter(t for t in a if _is_figure(t)) == Counter(t for t in b if _is_figure(t)):
        return []
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "replace":
            continue
        old = [t for t in a[i1:i2] if _is_figure(t)]
        new = [t for t in b[j1:j2] if _is_figure(t)]
        if old and new and _figure_value(old) != _figure_value(new):
            out.append((" ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return out


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a (start, end) span over the article text, with its words."""

    start: int
    end: int
    text: str


_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|"
    r"U\.S|U\.K|U\.N|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)


def sentences(text: str, min_words: int = 4) -> list[Sentence]:
    """Split ``text`` into sentences with exact offsets (``text[s.start:s.end] == s.text``).

    A regex splitter: breaks at line breaks and at ``.!?`` followed by space and a capital,
    except after common abbreviations and initials. Fragments under ``min_words`` words
    (datelines, headings, bylines) are skipped: they carry no copy evidence.
    """
    out: list[Sentence] = []
    start = 0
    for match in _SENT_END.finditer(text):
        newline = match.group(0) == "\n"
        end = match.start() if newline else match.end()
        if not newline and _ABBREV.search(text[start : match.start() + 1]):
            continue  # "Mr. Smith", "U.S. officials": not a sentence end
        _add(out, text, start, end, min_words)
        start = match.end()
    _add(out, text, start, len(text), min_words)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, min_words: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    start, end = start + lead, start + trail
    if end > start and len(text[start:end].split()) >= min_words:
        out.append(Sentence(start, end, text[start:end]))
