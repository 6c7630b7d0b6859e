"""The standalone HTML report: one file, inline CSS and SVG, every piece of article text
escaped. Same sections as the Markdown report."""

from __future__ import annotations

import math
from html import escape
from typing import Any

from newsfuse.report.view import (
    ReportView,
    StoryView,
    aliases_text,
    blocks,
    copy_phrase,
    heading_of,
    roles_text,
    span_of,
    timeline_day,
)

_CSS = """
body{font:16px/1.55 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h1,h2,h3,h4,h5{font-family:system-ui,sans-serif;line-height:1.25}
.meta{font:14px system-ui,sans-serif;color:#555}
code{font-size:13px;background:#f3f3f3;padding:0 .25em}
article{border-top:1px solid #ddd;margin-top:2rem;padding-top:1rem}
section.story{border:1px solid #ccd;border-radius:6px;padding:0 1rem 1rem;margin:1.5rem 0}
section.event{border-left:4px solid #88a;padding-left:1rem;margin:1rem 0}
details{font:14px system-ui,sans-serif;margin:1rem 0}
table{border-collapse:collapse;font:14px system-ui,sans-serif;width:100%}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.reason{white-space:nowrap;color:#8a1f11}
nav li{margin:.2rem 0}
svg text{font:11px system-ui,sans-serif}
.diff{background:#fff3b0}
.brief li{margin:.35rem 0}
.attr{font:14px system-ui,sans-serif;color:#555;font-style:italic}
.status{display:inline-block;font:12px system-ui,sans-serif;padding:0 .4em;border:1px solid currentColor;
border-radius:3px;white-space:nowrap}
.status.corroborated{color:#1a7f37}.status.single-source{color:#9a6700}.status.conflicting{color:#cf222e}
.cite{font:12px system-ui,sans-serif;text-decoration:none;white-space:nowrap}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def copy_graph_svg(view: ReportView, article_ids: tuple[str, ...] | list[str], links: list[Any]) -> str:
    """A small graph: one node per article (its outlet), an arrow from each copy to
    what it copied (a plain line when the direction is unknown)."""
    nodes = sorted({x for link in links for x in (link.a, link.b)} | set(article_ids))
    n = len(nodes)
    width, height, radius = 520, 260, 95
    pos = {a: (width / 2 + radius * 1.9 * math.cos(2 * math.pi * i / n - math.pi / 2),
               height / 2 + radius * math.sin(2 * math.pi * i / n - math.pi / 2)) for i, a in enumerate(nodes)}
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="copy graph"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#8a1f11"/>'
             "</marker></defs>"]
    for link in links:
        copy, original, verb = copy_phrase(link)
        (x1, y1), (x2, y2) = pos[copy], pos[original]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        x2, y2 = x2 - dx / length * 14, y2 - dy / length * 14
        marker = ' marker-end="url(#arrow)"' if verb == "copies" else ' stroke-dasharray="4 3"'
        parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#8a1f11" '
                     f'stroke-width="1.6"{marker}><title>{_e(link.relation)} {link.score:.2f}</title></line>')
    for a in nodes:
        x, y = pos[a]
        article = view.by_id.get(a)
        label = (article.outlet if article and article.outlet else a[:8])[:28]
        parts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="9" fill="#88a"/>'
                     f'<text x="{x:.0f}" y="{y + 22:.0f}" text-anchor="middle">{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _copies(view: ReportView, event: Any) -> list[str]:
    links = view.copies_among(event.article_ids)
    if not links:
        return ['<p class="meta">No copy relations among these articles: each is an independent '
                "report.</p>"] if view.copies_checked else []
    parts = ["<h5>Who copied whom</h5>", copy_graph_svg(view, event.article_ids, links)]
    for link in links:
        copy, original, verb = copy_phrase(link)
        parts.append(f"<p><b>{_e(view.describe(copy))}</b> {verb} <b>{_e(view.describe(original))}</b>"
                     f' <span class="meta">{_e(link.relation)}, score {link.score:.2f}, '
                     f"{_e(link.direction_evidence)}</span></p>")
        if link.evidence:
            parts.append("<table><tr><th>original</th><th>copy</th><th>similarity</th></tr>")
            for pair in link.evidence[:5]:
                left, right = (pair.a, pair.b) if original == link.a else (pair.b, pair.a)
                parts.append(f"<tr><td>{_e(left.text)}</td><td>{_e(right.text)}</td>"
                             f"<td>{pair.similarity:.2f}</td></tr>")
            parts.append("</table>")
    return parts


def _story(view: ReportView, story: StoryView) -> list[str]:
    s = story.storyline
    parts = [f'<section class="story" id="s-{_e(s.id)}"><h3>Storyline: {_e(s.label)}</h3>',
             f'<p class="meta">{len(story.events)} event(s), {s.article_count} article(s); {_e(span_of(s))}; '
             f"key entities: {_e(', '.join(s.key_entities[:6]) or '-')}</p>"]
    for event in story.events:
        origins = f" · {event.origins} independent origin(s)" if event.origins is not None else ""
        parts += [f'<section class="event" id="e-{_e(event.id)}"><h4>Event: {_e(event.label)}</h4>',
                  f'<p class="meta">{_e(span_of(event))} · {len(event.article_ids)} article(s){origins}</p><ul>']
        parts += [f'<li><a href="#a-{_e(a)}">{_e(view.describe(a))}</a></li>' for a in event.article_ids]
        parts.append("</ul>")
        parts += _copies(view, event)
        brief = story.event_briefs.get(event.id)
        if brief is not None:
            from newsfuse.brief import brief_html

            parts.append(f"<details open><summary>Event brief</summary>{brief_html(brief)}</details>")
        parts.append("</section>")
    if story.brief is not None and len(story.events) > 1:
        from newsfuse.brief import brief_html

        parts.append(f"<details open><summary>Storyline brief</summary>{brief_html(story.brief)}</details>")
    parts.append("</section>")
    return parts


def _people(view: ReportView) -> list[str]:
    people = view.people()
    if not people:
        return []
    parts = ["<h2>People, places and organisations</h2><table><tr><th>name</th><th>type</th>"
             "<th>also written</th><th>roles (date stated)</th></tr>"]
    for e in people:
        roles, aliases = roles_text(e), aliases_text(e)
        parts.append(f"<tr><td>{_e(e.name)}</td><td>{_e(e.label)}</td><td>{_e(aliases)}</td>"
                     f"<td>{_e(roles)}</td></tr>")
    return parts + ["</table>"]


def _statements(view: ReportView) -> list[str]:
    if not view.statements:
        return []
    parts = ["<h2>Who said what</h2>"]
    for st in view.statements:
        when = f" ({st.said_on.isoformat()})" if st.said_on else ""
        parts.append(f"<p><b>{_e(st.speaker_name or 'unattributed')}</b>{_e(when)}: “{_e(st.text)}”</p>")
        if len(st.variants) > 1:
            parts.append("<ul>")
            for v in st.variants:
                differs = ", ".join(f'<span class="diff">{_e(d.text)}</span>' for d in v.differences)
                parts.append(f"<li>{_e(v.outlet or 'outlet unknown')} ({_e(v.mode)}): “{_e(v.content.text)}”"
                             + (f" — only here: {differs}" if differs else "") + "</li>")
            parts.append("</ul>")
    return parts


def _timeline(view: ReportView) -> list[str]:
    if not view.timeline:
        return []
    parts = ["<h2>Timeline</h2><table><tr><th>date</th><th>what</th><th>who</th><th>source</th></tr>"]
    for t in view.timeline:
        day = timeline_day(t)
        who = view.who(t)
        parts.append(f"<tr><td>{_e(day)}</td><td>{_e(t.what)}</td>"
                     f'<td>{_e(who)}</td><td><a href="#a-{_e(t.article)}">{_e(view.describe(t.article))}</a>'
                     "</td></tr>")
    return parts + ["</table>"]


def render_html(view: ReportView) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>newsfuse report</title><style>{_CSS}</style></head><body>",
        "<h1>newsfuse report</h1>",
        f'<p class="meta">{len(view.articles)} articles from {len(view.outlets)} known outlets; '
        f"{len(view.rejections)} inputs rejected.</p>",
    ]
    if view.dropped_by_reason():
        summary = ", ".join(f"{_e(r)} {n}" for r, n in view.dropped_by_reason())
        parts.append(f'<p class="meta">Lines dropped while cleaning: {summary}.</p>')
    if view.stories:
        parts.append("<h2>Stories</h2>")
        for story in view.stories:
            parts += _story(view, story)
    parts += _people(view) + _statements(view) + _timeline(view)
    parts.append('<nav><h2>Articles</h2><ol>')
    for article in view.articles:
        parts.append(f'<li><a href="#a-{article.id}">{_e(heading_of(article))}</a> '
                     f'<span class="meta">{_e(article.outlet or "outlet unknown")}</span></li>')
    parts.append("</ol></nav>")
    for article in view.articles:
        parts.append(f'<article id="a-{article.id}">')
        parts.append(f"<h2>{_e(heading_of(article))}</h2>")
        parts.append(
            f'<p class="meta">{_e(article.outlet or "outlet unknown")} · {_e(view.date_of(article))}'
            f" · <code>{article.id}</code> · source <code>{_e(article.provenance.key)}</code></p>"
        )
        for kind, text in blocks(article):
            parts.append(f"<h3>{_e(text)}</h3>" if kind == "heading" else f"<p>{_e(text)}</p>")
        if article.dropped:
            parts.append(f"<details><summary>{len(article.dropped)} dropped lines</summary><table>"
                         "<tr><th>line</th><th>reason</th><th>text</th></tr>")
            for d in article.dropped:
                parts.append(f'<tr><td>{d.lineno + 1}</td><td class="reason">{_e(d.reason.value)}'
                             f"</td><td>{_e(d.line)}</td></tr>")
            parts.append("</table></details>")
        parts.append("</article>")
    if view.rejections:
        parts.append("<h2>Rejected inputs</h2><table><tr><th>source</th><th>reason</th>"
                     "<th>message</th></tr>")
        for r in view.rejections:
            parts.append(f"<tr><td><code>{_e(r.key)}</code></td><td class=\"reason\">"
                         f"{_e(r.reason.value)}</td><td>{_e(r.message)}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
