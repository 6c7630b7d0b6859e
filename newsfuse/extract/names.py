"""Name normalisation: the keys that make spelling and transliteration variants one name.

"Zelensky", "Zelenskyy" and "Zelenskiy" share the key ``zelenski``; "J.D. Vance" and
"JD Vance" share ``jd vance``; "Elmendorf–Richardson" and "Elmendorf-Richardson" share a
key because every dash becomes a hyphen. Titles ("President", "Mr") are not part of a
person's name; they are roles (:mod:`newsfuse.extract.roles`).

Example:
    >>> surname_key("Zelenskyy") == surname_key("Zelensky")
    True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# words that are titles, not names, when they open a PERSON span
TITLES = {
    "president", "vice", "vice-president", "prime", "minister", "secretary", "general",
    "chancellor", "senator", "sen", "rep", "representative", "gov", "governor", "mayor",
    "king", "queen", "prince", "princess", "pope", "mr", "mrs", "ms", "miss", "dr", "sir",
    "dame", "lord", "lady", "gen", "col", "lt", "capt", "adm", "sgt", "judge", "justice",
    "chairman", "chairwoman", "chair", "ceo", "director", "ambassador", "envoy", "premier",
    "speaker", "leader", "spokesman", "spokeswoman", "spokesperson", "chief", "commander",
    "sheikh", "ayatollah", "rev", "reverend", "father", "archbishop", "bishop", "cardinal",
    "former", "then", "acting", "deputy", "foreign", "defence", "defense", "state",
    "special", "attorney", "supreme", "first", "emir", "crown", "president-elect",
}
# the heads a title is recognised by ("the US president", "the Russian leader")
TITLE_HEADS = {
    "president", "vice-president", "leader", "chancellor", "minister", "premier", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "envoy", "adviser", "advisor", "ambassador",
    "governor", "senator", "mayor", "king", "queen", "prince", "pope", "chairman",
    "chairwoman", "chair", "ceo", "chief", "director", "commander", "general", "head",
    "counterpart", "candidate", "nominee", "founder", "owner", "coach", "manager", "captain",
    "official", "diplomat", "lawmaker", "congressman", "congresswoman",
    "representative", "justice", "judge", "prosecutor", "attorney", "editor", "executive",
}
# heads that describe a kind of source rather than a single titled person
UNNAMED_HEADS = {"official", "officials", "source", "sources", "diplomat", "diplomats",
                 "person", "people", "individual", "individuals", "aide", "aides", "analyst",
                 "analysts", "expert", "experts", "observer", "observers", "lawmaker",
                 "lawmakers", "spokesperson", "spokesman", "spokeswoman", "insider", "insiders",
                 "witness", "witnesses", "resident", "residents", "leader", "leaders"}
# a generic head is compatible with any head-of-something title
GENERIC_HEADS = {"leader", "head", "chief", "counterpart"}
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
PARTICLES = {"von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le",
             "bin", "al", "el", "ibn", "dos", "das", "ter", "zu"}

# demonyms and country names to one code, so "Russian leader" matches "Russia's president"
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "us": ("us", "u.s.", "usa", "u.s.a.", "america", "american", "united states", "americans"),
    "uk": ("uk", "u.k.", "britain", "british", "united kingdom", "england", "english"),
    "russia": ("russia", "russian", "russians", "kremlin", "moscow"),
    "ukraine": ("ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"),
    "france": ("france", "french"), "germany": ("germany", "german"),
    "italy": ("italy", "italian"), "poland": ("poland", "polish"), "china": ("china", "chinese"),
    "japan": ("japan", "japanese"), "india": ("india", "indian"), "israel": ("israel", "israeli"),
    "iran": ("iran", "iranian"), "turkey": ("turkey", "turkish"), "canada": ("canada", "canadian"),
    "spain": ("spain", "spanish"), "finland": ("finland", "finnish"), "eu": ("eu", "european union"),
    "nato": ("nato",), "europe": ("europe", "european", "europeans"),
    "mexico": ("mexico", "mexican"), "brazil": ("brazil", "brazilian"),
    "korea": ("korea", "korean", "south korea", "south korean"),
    "north korea": ("north korea", "north korean"), "syria": ("syria", "syrian"),
}
COUNTRY_OF: dict[str, str] = {form: code for code, forms in _COUNTRIES.items() for form in forms}
# the adjective forms ("Ukrainian"): nationalities, never places
DEMONYMS = frozenset(f for forms in _COUNTRIES.values() for f in forms
                     if f.endswith(("an", "ans", "ish", "ese", "ch", "li", "ni")) and f not in ("iran", "japan"))
# names of one country that entity merging may join (demonyms and capitals stay apart)
COUNTRY_NAMES: dict[str, str] = {
    "us": "us", "usa": "us", "america": "us", "united states": "us", "united states of america": "us",
    "uk": "uk", "britain": "uk", "great britain": "uk", "united kingdom": "uk",
    "eu": "eu", "european union": "eu",
}

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_APOS = re.compile(r"[’`´]")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_INITIALS = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_SPACES = re.compile(r"\s+")


def plain(text: str) -> str:
    """Lowercase, accents stripped, every dash a hyphen, apostrophes straight, one space."""
    text = _APOS.sub("'", _DASHES.sub("-", text))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _INITIALS.sub(lambda m: m.group(1).replace(".", ""), text)  # J.D. -> JD, U.S. -> US
    return _SPACES.sub(" ", text).strip().lower()


def translit(word: str) -> str:
    """Fold common romanisation differences: doubled letters, -y/-iy/-yy/-ii endings,
    'kh'/'h', 'tz'/'ts'. Enough for Zelensky/Zelenskyy/Zelenskiy; short words are kept."""
    if len(word) <= 3:
        return word
    w = re.sub(r"(.)\1+", r"\1", word)
    w = re.sub(r"(?:iy|yi|ij|ii|y)$", "i", w)
    return w.replace("kh", "h").replace("tz", "ts")


@lru_cache(maxsize=65536)
def name_tokens(text: str, label: str) -> tuple[str, ...]:
    """The words of a name, normalised; for people without leading titles or suffixes
    (cached: the same names recur in every article)."""
    words = [_POSSESSIVE.sub("", w) for w in plain(text).replace(",", " ").split()]
    words = [w for w in words if w and w not in ("the", "'")]
    if label == "PERSON":
        while len(words) > 1 and words[0].rstrip(".") in TITLES:
            words.pop(0)
        while len(words) > 1 and words[-1].rstrip(".") in NAME_SUFFIXES:
            words.pop()
    return tuple(words)


@lru_cache(maxsize=65536)
def name_key(text: str, label: str) -> str:
    """The key that spelling variants of one name share."""
    words = name_tokens(text, label)
    return " ".join(translit(w) for w in words)


@lru_cache(maxsize=65536)
def surname_key(text: str) -> str:
    """The transliteration-folded last word of a person's name ("zelenski")."""
    words = name_tokens(text, "PERSON")
    return translit(words[-1]) if words else ""


def first_initial(text: str) -> str:
    """The first letter of a person's first name, or "" for a surname alone."""
    words = [w for w in name_tokens(text, "PERSON") if w not in PARTICLES]
    return words[0][0] if len(words) > 1 else ""


def acronym(text: str) -> str:
    """Initials of the capitalised words ("European Union" -> "eu"), for acronym matching.
    A name that holds an abbreviation ("U.S. Northeast", "BBC World Service") has none:
    its initials would read as another acronym ("UN")."""
    words = [w for w in re.split(r"[\s-]+", text) if w[:1].isupper() and w.lower() not in ("the", "of")]
    if any("." in w or (len(w) > 1 and w.isupper()) for w in words):
        return ""
    return "".join(w[0] for w in words).lower() if len(words) > 1 else ""


def country(word: str) -> str:
    """The country code a demonym or country name stands for, or the word itself."""
    w = plain(word).rstrip(".")
    return COUNTRY_OF.get(w, COUNTRY_OF.get(w.replace(".", ""), w))
