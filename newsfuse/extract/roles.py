"""Titles and roles over the parse: stated roles ("US President Donald Trump", "the German
chancellor, Friedrich Merz"), role mentions ("the Russian leader"), and their resolution
to the nearest compatible person. No coreference model exists offline (MODELS.md §4), so
these are rules; they prefer leaving a mention unresolved to resolving it wrongly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsfuse.extract.entities import NameSpan
from newsfuse.extract.names import GENERIC_HEADS, TITLE_HEADS, TITLES, country, plain

_ROLE_POS = {"PROPN", "NOUN", "ADJ"}
_ROLE_ENTS = {"", "NORP", "GPE", "ORG", "LOC"}
_RELATIONAL = {"counterpart", "ally", "allies", "friend", "rival", "opponent", "colleague",
               "wife", "husband", "son", "daughter", "father", "mother", "brother", "sister"}
# interchangeable heads (both directions); "leader" fits any head through GENERIC_HEADS,
# but a "president" mention never fits a person only known as a "leader"
_SYNONYMS = {("spokesman", "spokesperson"), ("spokeswoman", "spokesperson"), ("adviser", "advisor"),
             ("premier", "prime"), ("chief", "head")}


@dataclass(frozen=True, slots=True)
class StatedRole:
    """A title the text gives a name, in token coordinates."""

    start: int
    end: int
    name: int  # index into the name list


@dataclass(frozen=True, slots=True)
class RoleRef:
    """A definite description of a titled person: "the US president"."""

    start: int
    end: int
    head: str  # "president"
    modifiers: tuple[str, ...]  # country codes or plain words: ("us",)


def normalize_title(text: str) -> str:
    """ "U.S. President" -> "us president"; the form roles are compared in."""
    return " ".join(country(w) for w in plain(text).replace("'s", "").split())


def _is_title_word(token: Any) -> bool:
    return token.lower_ in TITLE_HEADS or token.lower_ in TITLES or token.lemma_.lower() in TITLE_HEADS


def _prefix_role(doc: Any, name: NameSpan, taken: set[int]) -> tuple[int, int] | None:
    """The title words right before a name: "NATO Secretary General" Mark Rutte."""
    i = name.start
    while i > 0:
        tok = doc[i - 1]
        if tok.lower_ == "of" and i - 2 >= 0 and _is_title_word(doc[i - 2]) and i < name.start:
            i -= 1  # "Secretary of State Marco Rubio"
            continue
        if i - 1 in taken or tok.pos_ not in _ROLE_POS or tok.ent_type_ not in _ROLE_ENTS:
            break
        i -= 1
    while i < name.start and not (_is_title_word(doc[i]) or doc[i].ent_type_ or doc[i].pos_ in ("ADJ", "NOUN", "PROPN")):
        i += 1
    if i == name.start:
        return None
    words = doc[i:name.start]
    # a title must end in a title word: "US President", "special envoy", "Secretary of State";
    # anything else before a name ("Trump slams Putin") is not one
    title_at = [t.i for t in words if _is_title_word(t) and t.lower_ not in _RELATIONAL]
    if not title_at or any(t.pos_ == "VERB" for t in words):
        return None
    if not _is_title_word(doc[name.start - 1]) and doc[name.start - 1].ent_type_ not in ("ORG", "GPE"):
        return None
    return i, name.start


def _appositive_role(doc: Any, name: NameSpan) -> tuple[int, int] | None:
    """ "the German chancellor, Friedrich Merz" and "Scott Bessent, the treasury secretary"."""
    root = doc[name.start:name.end].root
    candidates = []
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        candidates.append(root.head)
    candidates += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    for head in candidates:
        if head.lemma_.lower() not in TITLE_HEADS or head.lower_ in _RELATIONAL:
            continue
        left = head.i
        for child in head.lefts:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < left:
                left = min(left, child.left_edge.i)
        right = head.i + 1
        for child in head.rights:  # "secretary general of NATO"
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == right:
                right = child.right_edge.i + 1
        while left < head.i and doc[left].pos_ in ("DET", "PRON"):
            left += 1
        return left, right
    return None


def stated_roles(doc: Any, names: Sequence[NameSpan]) -> list[StatedRole]:
    """Titles given to PERSON names, by a prefix or an appositive."""
    # other people's names end a title; places and organisations belong in it ("US President")
    taken = {i for n in names if n.label == "PERSON" for i in range(n.start, n.end)}
    out: list[StatedRole] = []
    for index, name in enumerate(names):
        if name.label != "PERSON":
            continue
        bounds = _prefix_role(doc, name, taken) or _appositive_role(doc, name)
        if bounds:
            out.append(StatedRole(bounds[0], bounds[1], index))
            taken.update(range(*bounds))
    return out


def role_refs(doc: Any, taken: set[int]) -> list[RoleRef]:
    """Definite descriptions headed by a title: "the US president", "Russia's leader"."""
    out: list[RoleRef] = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "NOUN" or tok.tag_ in ("NNS", "NNPS"):
            continue
        head = tok.lemma_.lower()
        if head not in TITLE_HEADS or head in _RELATIONAL or head == "official":
            continue
        if any(c.dep_ == "appos" for c in tok.children) or tok.dep_ == "appos":
            continue  # a stated role, handled with its name
        if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON":
            continue
        lefts = [c for c in tok.lefts if c.dep_ in ("det", "poss", "compound", "amod", "nmod")]
        det = [c for c in lefts if c.dep_ in ("det", "poss")]
        if not det or det[0].lower_ not in ("the",) and det[0].ent_type_ not in ("GPE", "NORP", "ORG"):
            continue  # "a president" is not a reference to one person
        start = min(c.left_edge.i for c in lefts)
        mods = tuple(country(c.text) for c in doc[start:tok.i]
                     if c.dep_ != "det" and c.lower_ not in ("'s", "’s") and not c.is_punct)
        if tok.i > 0 and doc[tok.i - 1].lower_ == "vice":
            head = "vice-president"
        out.append(RoleRef(start, tok.i + 1, head, mods))
    return out


def compatible(ref: RoleRef, titles: Sequence[str]) -> bool:
    """Whether a role mention fits any of a person's normalised titles."""
    for title in titles:
        words = title.replace("-", " - ").split()
        head = title.split()[-1] if title else ""
        if "vice" in words and ref.head != "vice-president":
            continue
        heads_match = ref.head == head or ref.head in GENERIC_HEADS or (head, ref.head) in _SYNONYMS \
            or (ref.head, head) in _SYNONYMS or ref.head in title.split()
        if not heads_match:
            continue
        mods = set(title.split()[:-1])
        if all(m in mods for m in ref.modifiers):
            return True
    return False


def resolve_role(ref_position: int, ref: RoleRef, persons: Sequence[tuple[int, int, Sequence[str]]]) -> int | None:
    """The nearest person before the reference whose titles fit it.

    Args:
        ref_position: token index of the reference.
        ref: the role mention.
        persons: ``(token position, name index, titles)`` of PERSON names, in text order.
    """
    best = None
    for position, index, titles in persons:
        if position >= ref_position:
            break
        if titles and compatible(ref, titles):
            best = index
    return best
