"""Who a quote's speaker is: a name, a role resolved to a name, a pronoun resolved by rule,
or an unnamed source ("two European officials").

Pronoun rule (no coreference model exists offline): "he"/"she" is the speaker of the
previous quote when that quote is at most three sentences back (news keeps one speaker
across consecutive quotes), else the nearest person named before it in the same or the
previous paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
_NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass(frozen=True, slots=True)
class LocalRef:
    """A reference the speaker rules can point at, in doc token coordinates."""

    token: int  # a token of the reference (its head)
    mention: int  # index of the name mention (or the one a role resolved to)
    paragraph: int
    sentence: int
    label: str


@dataclass(frozen=True, slots=True)
class SpeakerResult:
    mention: int | None  # the speaker's own mention: a name, or a role mention
    kind: str  # named | unnamed | unresolved
    pronoun: bool  # the speaker is a pronoun (a pronoun mention should be recorded)


def resolve_pronoun(token: int, paragraph: int, sentence: int, persons: Sequence[LocalRef],
                    speakers: Sequence[LocalRef], excluded: set[int]) -> int | None:
    """The person a "he"/"she" speaker at ``token`` refers to, or ``None``.

    ``excluded`` holds the mentions a pronoun cannot mean: people named in the quote
    itself ("He said Trump would fight ..." is not Trump speaking).
    """
    for previous in reversed(speakers):
        if sentence - previous.sentence > 3 or previous.token >= token:
            continue
        if previous.mention not in excluded:
            return previous.mention
    before = [p for p in persons if p.token < token and p.paragraph >= paragraph - 1
              and p.mention not in excluded]
    same = [p for p in before if p.paragraph == paragraph]
    pool = same or before
    return pool[-1].mention if pool else None


def classify_speaker(doc: Any, head: int, span: tuple[int, int], name_at: dict[int, int],
                     labels: Sequence[str], role_at: dict[int, tuple[int, int | None]]) -> SpeakerResult:
    """What kind of source the speaker phrase is, before pronoun resolution.

    Args:
        doc: the parsed doc.
        head: token index of the speaker's head word.
        span: the speaker phrase (token span).
        name_at: token index -> name mention index, for tokens inside names.
        labels: label of each name mention.
        role_at: token index -> (role mention index, the name it resolved to or None).
    """
    tok = doc[head]
    if head in name_at and labels[name_at[head]] in _NAMED_LABELS:
        return SpeakerResult(name_at[head], "named", False)
    for child in tok.children:  # "the German chancellor, Friedrich Merz"
        if child.dep_ == "appos" and child.i in name_at and labels[name_at[child.i]] == "PERSON":
            return SpeakerResult(name_at[child.i], "named", False)
    if head in role_at:
        role, resolved = role_at[head]
        return SpeakerResult(role, "named" if resolved is not None else "unnamed", False)
    if tok.lower_ in SINGULAR_PRONOUNS:
        return SpeakerResult(None, "unresolved", True)
    if tok.pos_ == "PRON" and tok.lower_ not in ("one", "some", "many", "several", "both"):
        return SpeakerResult(None, "unresolved", False)
    # "two European officials", "O'Malley's campaign": a described source
    return SpeakerResult(None, "unnamed", False)
