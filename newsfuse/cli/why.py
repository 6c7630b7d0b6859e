"""``newsfuse why ID``: the stored decision about one record, with its evidence.

ID is an article, event, storyline, claim or discrepancy id, or a unique prefix of one
(the ids ``articles``, ``report.json`` and the API print). The answer is what the
stages stored when they decided, the same records the API serves:

- an article: its dropped lines by reason, its copy links with the aligned sentences,
  and why it is in its event;
- an event: why each of its articles is in it;
- a storyline: its events in time order;
- a claim: its status, the reason, and the sentences it rests on;
- a discrepancy: what differs, in which sentences, said by whom.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import click

from newsfuse.cli.common import db_options, emit, load
from newsfuse.errors import InputError
from newsfuse.model import Article
from newsfuse.serial import to_json
from newsfuse.store import Store

_SHOWN = 3  # aligned sentence pairs shown per copy link (the JSON keeps them all)


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _membership(why: dict[str, Any]) -> list[str]:
    sims = ", ".join(f"{k} {v}" for k, v in why.get("similarities", {}).items())
    out = [f"    {why['decision']} ({why['tier']} tier): score {why['score']} against threshold {why['threshold']}"]
    if sims:
        out.append(f"    similarities: {sims}")
    if why.get("shared_entities"):
        out.append(f"    shared entities: {', '.join(why['shared_entities'])}")
    if why.get("shared_terms"):
        out.append(f"    shared terms: {', '.join(why['shared_terms'])}")
    if why.get("time_gap_days") is not None:
        out.append(f"    days apart: {why['time_gap_days']}")
    if why.get("copy_of"):
        out.append(f"    a copy of {why['copy_of']}: placed with it")
    return out


def _article(store: Store, article: Article) -> dict[str, Any]:
    from newsfuse.cluster import event_dict
    from newsfuse.dedup import copy_link_dict

    events = {e.id: e for e in store.events()}
    placed = [event_dict(events[m.event_id], [m]) for m in store.event_memberships([article.id])
              if m.event_id in events]
    return {
        "kind": "article", "id": article.id, "title": article.title, "outlet": article.outlet,
        "dropped_lines": dict(Counter(d.reason.value for d in article.dropped)),
        "copies": [copy_link_dict(link) for link in store.copy_links([article.id])],
        "events": [{"id": e["id"], "label": e["label"], "why": e.get("why", {}).get(article.id)} for e in placed],
    }


def _article_text(data: dict[str, Any]) -> str:
    out = [f"article {data['id']}: {data['title'] or '(untitled)'} ({data['outlet'] or 'outlet unknown'})"]
    dropped = data["dropped_lines"]
    out.append("dropped lines: " + (", ".join(f"{r} {n}" for r, n in sorted(dropped.items(), key=lambda kv: -kv[1]))
                                    if dropped else "none") + "  (newsfuse articles show ID lists them)")
    if not data["copies"]:
        out.append("copies: none found")
    for c in data["copies"]:
        other = c["b"] if c["a"] == data["id"] else c["a"]
        out.append(f"copy: {c['relation']} of {other} ({c['direction']}: {c['direction_evidence']}); "
                   f"score {c['score']} by {c['method']}")
        for pair in c["evidence"][:_SHOWN]:
            out.append(f"    {_clip(pair['a']['text'], 60)!r} ~ {_clip(pair['b']['text'], 60)!r}")
    for e in data["events"]:
        out.append(f"event {e['id']}: {_clip(e['label'] or '', 80)}")
        out += _membership(e["why"]) if e["why"] else ["    (no placement evidence stored)"]
    if not data["events"]:
        out.append("event: not placed yet (run the corpus stages: newsfuse ingest or newsfuse run)")
    return "\n".join(out)


def _event(store: Store, event: Any) -> dict[str, Any]:
    from newsfuse.cluster import event_dict

    return {"kind": "event", **event_dict(event, store.event_memberships(event.article_ids))}


def _event_text(data: dict[str, Any]) -> str:
    out = [f"event {data['id']}: {_clip(data['label'] or '', 90)}",
           f"{data['article_count']} article(s), {data['independent_origins']} independent origin(s), "
           f"{data['start'] or '?'} to {data['end'] or '?'}"]
    for aid in data["articles"]:
        out.append(f"  article {aid}")
        why = data.get("why", {}).get(aid)
        out += _membership(why) if why else ["    (no placement evidence stored)"]
    return "\n".join(out)


def _storyline(store: Store, storyline: Any) -> dict[str, Any]:
    from newsfuse.cluster import event_dict, storyline_dict

    events = {e.id: e for e in store.events()}
    return {"kind": "storyline", **storyline_dict(storyline),
            "event_records": [event_dict(events[e]) for e in storyline.event_ids if e in events]}


def _storyline_text(data: dict[str, Any]) -> str:
    out = [f"storyline {data['id']}: {_clip(data['label'] or '', 90)}",
           f"{data['event_count']} event(s), {data['article_count']} article(s); "
           f"key entities: {', '.join(data['key_entities']) or '-'}"]
    for e in data["event_records"]:
        out.append(f"  {e['start'] or '?'}  event {e['id']}: {_clip(e['label'] or '', 70)} "
                   f"({e['article_count']} article(s)); newsfuse why {e['id'][:12]} says why")
    return "\n".join(out)


def _claim_text(data: dict[str, Any]) -> str:
    out = [f"claim {data['id']} in {data['scope']}: {data['status']}", f"  {_clip(data['text'], 200)}",
           f"why: {data['reason']}"]
    out.append("rests on:")
    out += [f"  [{s['article'][:12]}@{s['start']}-{s['end']}] {_clip(s['text'], 150)}" for s in data["evidence"]]
    if data["discrepancies"]:
        out.append("conflicts: " + ", ".join(d[:12] for d in data["discrepancies"]))
    return "\n".join(out)


def _discrepancy_text(data: dict[str, Any]) -> str:
    out = [f"discrepancy {data['id']} in {data['scope']}: {data['kind']} — {data['subject']}",
           f"why: {data['note']} (by {data['method']}, score {data['score']})"]
    for s in data["sides"]:
        who = s["attribution"] or "the outlet"
        out.append(f"  {s['value']} — {who}, {s['day'] or 'undated'} "
                   f"[{s['sentence']['article'][:12]}]: {_clip(s['sentence']['text'], 150)}")
    return "\n".join(out)


def explain(store: Store, record_id: str) -> tuple[dict[str, Any], Callable[[dict[str, Any]], str]]:
    """The stored decision about the record ``record_id`` names, and how to print it.

    Raises:
        InputError: no record, or several, have an id starting with ``record_id``.
    """
    needle = record_id.strip().lower()
    if not needle:
        raise InputError("give an id (or a unique prefix): an article, event, storyline, claim or discrepancy")
    found: list[tuple[str, str, Any]] = []
    article = store.article(needle)  # None also where the prefix starts several article ids
    found += [("article", article.id, article)] if article is not None else []
    found += [("event", e.id, e) for e in store.events() if e.id.startswith(needle)]
    found += [("storyline", s.id, s) for s in store.storylines() if s.id.startswith(needle)]
    found += [("claim", c.id, c) for c in store.claims() if c.id.startswith(needle)]
    found += [("discrepancy", d.id, d) for d in store.discrepancies() if d.id.startswith(needle)]
    if not found:
        raise InputError(f"no single article, event, storyline, claim or discrepancy has an id starting "
                         f"with {record_id!r} (unknown, or it starts several article ids); ids are listed by: "
                         "newsfuse articles, and in report.json")
    if len(found) > 1:
        kinds = ", ".join(f"{kind} {rid[:16]}" for kind, rid, _ in found[:5])
        raise InputError(f"{record_id!r} starts {len(found)} ids ({kinds}{', ...' if len(found) > 5 else ''}); "
                         "give more characters")
    kind, rid, record = found[0]
    if kind == "article":
        return _article(store, record), _article_text
    if kind == "event":
        return _event(store, record), _event_text
    if kind == "storyline":
        return _storyline(store, record), _storyline_text
    if kind == "claim":
        return {"kind": "claim", **to_json(record)}, _claim_text
    return {"kind": "discrepancy", **to_json(record)}, _discrepancy_text


@click.command()
@click.argument("record_id")
@db_options
@click.option("--json", "as_json", is_flag=True, help="Print the decision and its evidence as JSON.")
def why(record_id: str, db: str | None, config_path: str | None, as_json: bool) -> None:
    """Why the store holds what it does about one article, event, storyline, claim or
    discrepancy (a unique id prefix is enough): the decision and its evidence."""
    _, store = load(db, config_path)
    try:
        data, text = explain(store, record_id)
    finally:
        store.close()
    emit(data, as_json, text)

