"""Cue words over the spaCy parse: which verbs report speech, who a cue's speaker is, and
which words a speaker phrase or a reported clause covers.

The small English model misparses news attribution often enough that the speaker rules
carry repairs for its common failures: a quote word taken for the subject, a name after
an inverted cue taken for an adverb, a quote hung on its speaker (each rule says which).
"""

from __future__ import annotations

from typing import Any

# verbs that report speech or writing (lemmas)
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "warn", "note", "state", "remark", "claim", "insist", "argue",
    "announce", "explain", "write", "post", "tweet", "declare", "assure", "promise", "suggest",
    "report", "confirm", "deny", "acknowledge", "admit", "mention", "inform", "describe", "ask",
    "reply", "respond", "answer", "stress", "emphasise", "emphasize", "underline", "underscore",
    "urge", "vow", "pledge", "predict", "reiterate", "repeat", "recall", "caution", "complain",
    "concede", "contend", "conclude", "observe", "tout", "boast", "joke", "quip", "testify",
    "assert", "maintain", "allege", "estimate", "reveal", "disclose", "indicate", "threaten",
    "accuse", "demand", "propose", "recommend", "advise", "agree", "counter", "retort",
    "comment", "continue", "reaffirm", "restate", "signal", "charge", "brief",
    "speculate", "muse", "lament", "proclaim", "point", "highlight", "exclaim", "shout", "yell",
    "chant", "read", "echo", "cry", "scream", "whisper", "murmur", "wonder", "snap", "interject",
    "call", "quote", "cite", "rule", "order", "instruct", "plead", "concur",
    "fume", "rail", "scoff", "marvel", "gush", "blast", "slam", "vent", "recount", "reason",
    "sing", "bark", "press", "label", "dub", "mouth", "lecture", "thunder", "sneer", "gripe",
    "grumble", "exult", "react", "riff", "remember",
})
# verbs of belief and intention: PolNeAR counts them as attributions too
ATTITUDE_VERBS = frozenset({"think", "believe", "feel", "hope", "fear", "expect", "know",
                            "doubt", "worry", "wish", "want", "show", "find", "agree"})
CUE_VERBS = SPEECH_VERBS | ATTITUDE_VERBS
XCOMP_CUES = frozenset({"promise", "vow", "pledge", "threaten", "urge", "ask", "want", "hope",
                         "refuse", "decline", "plan", "expect", "call"})
PREFERRED_CUES = frozenset({"say", "tell", "write", "post", "tweet", "add"})
_MARKS = {"that", "whether", "if"}
DOUBLE_MARKS = frozenset({"“", "”", '"', "«", "»", "„"})
_OBJECTS = {"dobj", "dative", "iobj", "obj"}
# cues whose object is part of what is reported: "called the show “the news show of record”"
_NAMING = frozenset({"call", "label", "dub", "brand", "deem", "term", "name", "declare", "pronounce",
                     "proclaim", "consider", "find", "describe"})
RELATIVE = {"who", "that", "which"}
# what a speaker issues or sends that then "says" something
_MESSAGES = frozenset({"statement", "message", "email", "e-mail", "letter", "tweet", "post", "memo", "note",
                       "release", "video", "ad", "text"})


def subject_of(verb: Any, depth: int = 0) -> Any | None:
    """The speaker token of a cue verb: its subject, the agent of a passive, or the
    subject it shares with the verb it hangs off ("..., saying he would")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "the US president, who has said that ..."
            if child.ent_type_ in ("DATE", "TIME") and child.lower_ != "old":  # "the 46-year-old" is a person
                # "Later that Monday, The Financial Times ... reported": the parser took
                # the date for the subject and the source for its appositive
                appos = [c for c in child.children if c.dep_ == "appos" and c.ent_type_ not in ("DATE", "TIME")]
                return appos[0] if appos else None
            return child
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if depth < 2 and verb.dep_ == "pcomp" and verb.head.pos_ in ("ADP", "SCONJ") and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head, depth + 1)  # "he began by saying, ...": the subject of "began"
    if depth < 2 and verb.dep_ == "acl" and verb.head.dep_ == "dobj" and verb.head.lemma_.lower() in _MESSAGES:
        return subject_of(verb.head.head, depth + 1)  # "she released a statement saying, ...": hers
    if depth < 2 and verb.dep_ in ("advcl", "conj", "xcomp", "pcomp") and verb.head is not verb:
        return subject_of(verb.head, depth + 1)
    if verb.lemma_.lower() == "read":  # "“...,” read the statement": the text that reads
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is not None:
            return obj
    return _name_before(verb) or _name_after(verb)


def _name_after(verb: Any) -> Any | None:
    """``“...,” said David Brock, a Clinton confidant`` where the parser did not make the
    name the subject (it took it for an adverb, or the subject of a later verb): after a
    closing quote and its comma, the noun phrase right after the cue is the speaker."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].text in (",", "\n"):
        i -= 1
    if i < 0 or doc[i].text not in DOUBLE_MARKS:
        return None
    head = None
    for tok in doc[verb.i + 1:verb.i + 8]:
        if tok.pos_ in ("PROPN", "NOUN") or tok.is_title and tok.pos_ in ("ADV", "ADJ", "X"):
            head = tok
        elif not (tok.pos_ in ("DET", "ADJ", "NUM") and head is None):
            break
    return head


def cue_lemma(verb: Any) -> str:
    """The cue's lemma; phrasal cues count as their one-word sense ("went on": continue)."""
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    if lemma == "go" and "on" in particles:
        return "continue"
    if lemma == "shoot" and "back" in particles or lemma == "chime" and "in" in particles:
        return "retort"  # "Hillary shot back, “...”", "Franken chimed in"
    objects = [c.lower_ for c in verb.children if c.dep_ == "dobj"]
    if lemma == "put" and objects == ["it"]:
        return "say"  # "as Vulture put it, “...”"
    statement = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in ("statement", "statements")), None)
    if lemma in ("issue", "release") and statement is not None and not any(c.dep_ == "acl" for c in statement.children):
        return "state"  # "Trump issued a statement, “...”" (not "... a statement saying": that one is the cue)
    return lemma


def _name_before(verb: Any) -> Any | None:
    """``“...,” Trump informed reporters``: the small model sometimes parses the name
    and the verb as modifiers of the object. A proper-noun run right before the cue,
    itself right after the closing quote (or its comma), is the speaker."""
    i = verb.i - 1
    doc = verb.doc
    if i > 0 and doc[i].text == ",":
        i -= 1  # "In a statement to the Observer, her adviser, Jake Sullivan, said": an appositive
    if i < 0 or doc[i].pos_ != "PROPN":
        return None
    start = i
    while start > 0 and doc[start - 1].pos_ == "PROPN":
        start -= 1
    before = doc[start - 1] if start > 0 else None
    if before is not None and (before.is_quote or before.text == ","):
        return doc[i]
    return None


def speaker_span(head: Any) -> tuple[int, int]:
    """The speaker's words: from the noun phrase's left edge to its head, plus an
    appositive name ("the German chancellor, Friedrich Merz")."""
    start = head.left_edge.i
    end = head.i + 1
    # the parser may hang the quote on its speaker ("“...,” Sarandon, 69, told"): not the speaker's words
    start = next((k + 1 for k in range(head.i - 1, start - 1, -1) if head.doc[k].text in DOUBLE_MARKS), start)
    for child in head.rights:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            end = child.right_edge.i + 1
        elif child.dep_ == "compound" or (child.dep_ == "flat"):
            end = max(end, child.i + 1)
    while start < head.i and (head.doc[start].is_punct or head.doc[start].dep_ == "cc"):
        start += 1
    return start, end


def clause_span(token: Any) -> tuple[int, int]:
    """Token span of a reported clause without its "that" and edge punctuation."""
    return trim_clause(token.doc, token.left_edge.i, token.right_edge.i + 1)


def trim_clause(doc: Any, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` without a leading "that" and edge punctuation (quote marks stay)."""
    while start < end and (doc[start].is_punct and doc[start].text not in "“\"‘«" or doc[start].is_space
                           or doc[start].lower_ in _MARKS and doc[start].dep_ == "mark"):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in "”\"’»" or doc[end - 1].is_space):
        end -= 1
    return start, end


def named_objects(verb: Any, content: Any) -> list[int]:
    """Where the object of a naming cue starts ("called the show “...”": the show is
    what was called that), or nothing for other cues ("told reporters “...”")."""
    if verb.lemma_.lower() not in _NAMING:
        return []
    return [c.left_edge.i for c in verb.rights if c.i < content.left_edge.i and c.dep_ in _OBJECTS]
