"""Brief renderers: JSON dicts (export keys ``claims`` and ``briefs``), Markdown, and an
HTML fragment that escapes every piece of article text."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from newsfuse.brief.records import Brief, BriefSentence, Citation
from newsfuse.crosscheck.records import Claim, Discrepancy
from newsfuse.serial import to_json


def claims_dict(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """Export form of claims (key ``claims``): lossless, see :mod:`newsfuse.serial`."""
    return [to_json(c) for c in claims]


def briefs_dict(briefs: Sequence[Brief]) -> list[dict[str, Any]]:
    """Export form of briefs (key ``briefs``)."""
    return [to_json(b) for b in briefs]


def export_dict(claims: Sequence[Claim], briefs: Sequence[Brief]) -> dict[str, list[dict[str, Any]]]:
    """``{"claims": [...], "briefs": [...]}`` for the export."""
    return {"claims": claims_dict(claims), "briefs": briefs_dict(briefs)}


def _ref(c: Citation, labels: Mapping[str, str]) -> str:
    return f"{labels.get(c.article, c.article[:8])}@{c.span.start}-{c.span.end}"


def _labels(brief: Brief) -> dict[str, str]:
    return {s.article: f"[{i + 1}]" for i, s in enumerate(brief.sources)}


def _md_sentence(s: BriefSentence, labels: Mapping[str, str]) -> str:
    who = f" (according to {', '.join(s.attributions)})" if s.attributions else ""
    status = f" *{s.status}, {s.origins} origin(s)*" if s.status else ""
    cites = " ".join(_ref(c, labels) for c in s.citations)
    return f"- {s.text}{who}{status} {cites}"


def _md_discrepancy(d: Discrepancy, labels: Mapping[str, str]) -> list[str]:
    out = [f"- **{d.kind}** — {d.subject} ({d.method}): {d.note}"]
    for side in d.sides:
        who = f" — {side.attribution}" if side.attribution else ""
        day = f" ({side.day.isoformat()})" if side.day else ""
        where = labels.get(side.sentence.article, side.sentence.article[:8])
        out.append(f"  - {side.value}{who}{day} {where}@{side.sentence.start}-{side.sentence.end}: "
                   f"“{side.sentence.text}”")
    return out


def brief_markdown(brief: Brief) -> str:
    """The brief as Markdown; citations are ``[n]@start-end`` into the numbered sources."""
    labels = _labels(brief)
    lines = [f"# {brief.headline}", "",
             f"*{brief.level} brief · {brief.article_count} article(s) · {brief.origins} independent origin(s)*", "",
             "## Summary", ""]
    lines += [_md_sentence(s, labels) for s in brief.summary]
    sections: list[tuple[str, list[str]]] = [
        ("Corroborated", [_md_sentence(s, labels) for s in brief.corroborated]),
        ("Disputed", [x for d in brief.disputed for x in _md_discrepancy(d, labels)]),
        ("Changes over time", [x for d in brief.changes for x in _md_discrepancy(d, labels)]),
        ("Differing wordings", [x for d in brief.wordings for x in _md_discrepancy(d, labels)]),
        ("Single source", [_md_sentence(s, labels) for s in brief.single_source]),
        ("Key statements", [f"- {st.speaker}: “{st.text}” — " + "; ".join(
            f"{c.outlet or labels.get(c.article, '')}: “{c.span.text}”" for c in st.variants)
            for st in brief.statements]),
        ("Timeline", [f"- {t.start.isoformat()}: {t.what} " + " ".join(_ref(c, labels) for c in t.citations[:1])
                      for t in brief.timeline]),
        ("Sources", [f"{labels[s.article]} {s.outlet or 'unknown outlet'} — {s.title or s.article}"
                     f"{' (' + s.published.isoformat() + ')' if s.published else ''}; origin {s.origin[:8]}"
                     + (f"; copies: {', '.join(s.copies)}" if s.copies else "") for s in brief.sources]),
    ]
    for title, body in sections:
        if body:
            lines += ["", f"## {title}", ""] + body
    return "\n".join(lines) + "\n"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_sentence(s: BriefSentence, labels: Mapping[str, str]) -> str:
    cites = " ".join(f'<a class="cite" href="#src-{_e(c.article)}" data-start="{c.span.start}" '
                     f'data-end="{c.span.end}" title="{_e(c.span.text)}">{_e(_ref(c, labels))}</a>'
                     for c in s.citations)
    who = f' <span class="attr">according to {_e(", ".join(s.attributions))}</span>' if s.attributions else ""
    status = f' <span class="status {_e(s.status)}">{_e(s.status)}</span>' if s.status else ""
    return f"<li>{_e(s.text)}{who}{status} {cites}</li>"


def _html_discrepancy(d: Discrepancy) -> str:
    sides = "".join(
        f'<li><b>{_e(s.value)}</b>{" — " + _e(s.attribution) if s.attribution else ""}'
        f'{" (" + _e(s.day.isoformat()) + ")" if s.day else ""}: <q>{_e(s.sentence.text)}</q></li>'
        for s in d.sides)
    return (f'<li class="{_e(d.kind)}"><b>{_e(d.kind)}</b> {_e(d.subject)} '
            f'<span class="method">{_e(d.method)}</span>: {_e(d.note)}<ul>{sides}</ul></li>')


def brief_html(brief: Brief) -> str:
    """The brief as an HTML fragment (a ``<section>``); all article text is escaped."""
    labels = _labels(brief)
    parts = [f'<section class="brief" id="brief-{_e(brief.id)}">', f"<h2>{_e(brief.headline)}</h2>",
             f'<p class="meta">{_e(brief.level)} · {brief.article_count} article(s) · '
             f"{brief.origins} independent origin(s)</p>",
             "<h3>Summary</h3><ul>" + "".join(_html_sentence(s, labels) for s in brief.summary) + "</ul>"]
    if brief.corroborated:
        parts.append("<h3>Corroborated</h3><ul>" + "".join(_html_sentence(s, labels) for s in brief.corroborated) + "</ul>")
    for title, items in (("Disputed", brief.disputed), ("Changes over time", brief.changes),
                         ("Differing wordings", brief.wordings)):
        if items:
            parts.append(f"<h3>{title}</h3><ul>" + "".join(_html_discrepancy(d) for d in items) + "</ul>")
    if brief.single_source:
        parts.append("<h3>Single source</h3><ul>" + "".join(_html_sentence(s, labels) for s in brief.single_source) + "</ul>")
    if brief.timeline:
        parts.append("<h3>Timeline</h3><ul>" + "".join(
            f"<li><time>{_e(t.start.isoformat())}</time> {_e(t.what)}</li>" for t in brief.timeline) + "</ul>")
    parts.append("<h3>Sources</h3><ol>" + "".join(
        f'<li id="src-{_e(s.article)}">{_e(s.outlet or "unknown outlet")} — {_e(s.title or s.article)}'
        f'{" · copies: " + _e(", ".join(s.copies)) if s.copies else ""}</li>' for s in brief.sources) + "</ol>")
    parts.append("</section>")
    return "\n".join(parts)
