"""The tense a temporal expression is used in, which decides whether a bare weekday or
day lies before or after the publication date: "said on Wednesday" looks back, "will
meet on Friday" and "the summit scheduled for Friday" ahead (HeidelTime resolves them
the same way). Also the tense of an undated event noun ("after the summit").

Kept apart from :mod:`newsfuse.extract.dates`, which finds the expressions.
"""

from __future__ import annotations

from typing import Any

from newsfuse.extract.timex import Tense

_FUTURE_WORDS = {"will", "shall", "'ll", "wo", "gonna"}
# verbs and noun modifiers that put a date ahead of the clause: "is scheduled for 15 August",
# "the upcoming meeting on Friday"
_FUTURE_LEMMAS = {"schedule", "plan", "set", "due", "slate", "upcoming", "next", "coming",
                  "planned", "scheduled", "expected", "forthcoming"}


def _past_aux(verb: Any) -> bool:
    return any(c.dep_ in ("aux", "auxpass", "cop") and (c.tag_ == "VBD" or c.morph.get("Tense") == ["Past"])
               for c in verb.children)


# "as previously planned", "originally scheduled": the plan is reported, not ahead
_BACKWARD_ADVERBS = {"previously", "originally", "already", "earlier", "initially", "once"}
# verbs whose infinitive looks ahead even when they are past: "wanted to meet on Friday"
_INTENT_LEMMAS = {"want", "hope", "plan", "expect", "intend", "agree", "decide", "aim", "seek",
                  "promise", "vow", "threaten", "prepare", "try", "need", "schedule", "set", "be",
                  "have", "propose", "ask", "urge", "order", "vote", "pledge", "offer", "say",
                  "announce", "tell", "refuse", "fail", "likely", "due", "able", "ready"}


def _pluperfect(word: Any) -> bool:
    """"had been scheduled", "had been due": a plan told from after its date."""
    host = word.head if word.dep_ == "acomp" else word
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in (*word.children, *host.children))


def _points_ahead(word: Any) -> bool:
    """Whether a scheduling word ("scheduled", "due", "planned", "set for") puts its date
    ahead, whatever the tense of the report ("protesters planned a march on Saturday"):
    not when told from after the date ("had been due to expire Friday", "as previously
    planned"), nor "set" without "for" ("its record high set on Aug. 6")."""
    if word.lemma_.lower() not in _FUTURE_LEMMAS or word.pos_ not in ("ADJ", "VERB") or _pluperfect(word):
        return False
    if any(c.lower_ in _BACKWARD_ADVERBS for c in word.children):
        return False
    if word.lemma_.lower() == "set" and word.pos_ == "VERB":
        return any(c.lower_ in ("for", "to") for c in word.children)
    return True


def _in_past(word: Any) -> bool:
    """A past verb, or an adjective after one ("was due")."""
    return word.tag_ == "VBD" or _past_aux(word) or word.dep_ == "acomp" and _in_past(word.head)


def clause_tense(token: Any) -> Tense:
    """Tense of the clause ``token`` (a date's root) sits in: future when a modal, an
    infinitive or a scheduling word points ahead, past for past forms, else present."""
    if token.head.lower_ == "since":
        return "past"  # "since Jan. 13" lies behind whatever the verb says
    edge = min(token.left_edge.i, token.i)
    before = {token.doc[max(i - 3, 0):i].text.lower() for i in (edge, token.i)}
    if before & {"as early as", "as soon as"}:
        return "future"  # "could arrive as early as Tuesday"
    node = token
    for _ in range(8):
        head = node.head
        if head is node:
            break
        if head.pos_ == "NOUN" and any(_points_ahead(c) or c.dep_ in ("amod", "compound")
                                       and c.lemma_.lower() in _FUTURE_LEMMAS
                                       and not any(a.lower_ in _BACKWARD_ADVERBS for a in c.children)
                                       for c in head.children):
            return "future"  # "the upcoming meeting on Friday", "Friday's scheduled talks"
        if _points_ahead(head):
            return "future"  # "is scheduled for 15 August", not "planned ... was canceled"
        node = head
        if node.pos_ in ("VERB", "AUX"):
            break
    verb = node
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    kids = list(verb.children)
    words = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if words & _FUTURE_WORDS or _points_ahead(verb):
        return "future"
    if "to" in words and verb.tag_ == "VB":
        governor = verb.head
        lemma = governor.lemma_.lower()
        if governor is not verb and governor.pos_ in ("VERB", "AUX", "ADJ") and _in_past(governor) and (
                lemma not in _INTENT_LEMMAS | _FUTURE_LEMMAS or _pluperfect(governor)):
            return "past"  # "extended their offers to acquire the company Friday"
        return "future"  # "is to meet Putin on Friday", "hopes to use Friday's meeting"
    if verb.tag_ == "VBG" and "going" in {c.lower_ for c in kids}:
        return "future"
    if any(c.tag_ in ("VBD",) or c.morph.get("Tense") == ["Past"] for c in kids
           if c.dep_ in ("aux", "auxpass")) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and any(c.lower_ in ("has", "have", "had") for c in kids):
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "am"}:
        return "future"  # "is meeting Putin on Friday": the present progressive plans ahead
    if verb.tag_ == "VBN" and not words:
        return "past"
    return "present"




_BEFORE_WORDS = {"ahead", "before", "until", "pending", "prior", "toward", "towards"}
_AFTER_WORDS = {"after", "following", "since", "post"}
_PAST_MODS = {"recent", "last", "previous", "past", "former", "earlier", "latest"}
_FUTURE_MODS = {"upcoming", "planned", "scheduled", "next", "coming", "forthcoming", "expected",
                "proposed", "impending", "looming", "potential", "possible", "future"}


def event_tense(noun: Any) -> Tense:
    """Whether an event noun lies in the past or future of the text, from its own words:
    "after the Alaska summit" and "his recent meeting" are past, "ahead of his meeting"
    and "the upcoming talks" are future; anything else is left open (None)."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "advmod")}
    if mods & _PAST_MODS:
        return "past"
    if mods & _FUTURE_MODS:
        return "future"
    head = noun.head
    for _ in range(2):  # "ahead of his meeting": of <- ahead
        if head.lower_ in _BEFORE_WORDS:
            return "future"
        if head.lower_ in _AFTER_WORDS:
            return "past"
        if head.head is head:
            break
        head = head.head
    return None
