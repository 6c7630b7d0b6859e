"""The Markdown report: stories (storylines, events, copies, briefs), people and roles,
who said what, the timeline, then every article with its dropped lines."""

from __future__ import annotations

from typing import Any

from newsfuse.report.view import (ReportView, aliases_text, blocks, copy_phrase, heading_of, roles_text, span_of,
                                  timeline_day)


def _md_escape(text: str) -> str:
    # Escape what would change the meaning of a line of article text in Markdown.
    text = text.replace("\\", "\\\\")
    for char in "`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _demote(markdown: str, levels: int) -> list[str]:
    return [("#" * levels + line) if line.startswith("#") else line for line in markdown.splitlines()]


def _copies(view: ReportView, links: list[Any]) -> list[str]:
    out = ["Copies (who copied whom):", ""]
    for link in links:
        copy, original, verb = copy_phrase(link)
        out.append(f"- {_md_escape(view.describe(copy))} **{verb}** {_md_escape(view.describe(original))}"
                   f" — {link.relation}, score {link.score:.2f}, {_md_escape(link.direction_evidence)}")
        if link.evidence:
            out += ["", "  | original | copy | similarity |", "  |---|---|---:|"]
            for pair in link.evidence[:5]:
                left, right = (pair.a, pair.b) if original == link.a else (pair.b, pair.a)
                out.append(f"  | {_md_escape(left.text)} | {_md_escape(right.text)} | {pair.similarity:.2f} |")
            out.append("")
    return out + [""]


def _stories(view: ReportView) -> list[str]:
    out = ["## Stories", ""]
    for story in view.stories:
        s = story.storyline
        out += [f"### Storyline: {_md_escape(s.label)}", "",
                f"{len(story.events)} event(s), {s.article_count} article(s); "
                f"{span_of(s)}; key entities: {_md_escape(', '.join(s.key_entities[:6]) or '-')}", ""]
        for event in story.events:
            origins = f"{event.origins} independent origin(s)" if event.origins is not None else ""
            out += [f"#### Event: {_md_escape(event.label)}", "",
                    f"{span_of(event)} · {len(event.article_ids)} article(s) · {origins}", ""]
            out += [f"- {_md_escape(view.describe(a))} (`{a[:12]}`)" for a in event.article_ids]
            out.append("")
            links = view.copies_among(event.article_ids)
            if links:
                out += _copies(view, links)
            elif view.copies_checked:
                out += ["No copy relations among these articles: each is an independent report.", ""]
            brief = story.event_briefs.get(event.id)
            if brief is not None:
                from newsfuse.brief import brief_markdown

                out += _demote(brief_markdown(brief), 4) + [""]
        if story.brief is not None and len(story.events) > 1:
            from newsfuse.brief import brief_markdown

            out += _demote(brief_markdown(story.brief), 3) + [""]
    return out


def _people(view: ReportView) -> list[str]:
    people = view.people()
    if not people:
        return []
    out = ["## People, places and organisations", "", "| name | type | also written | roles (date stated) |",
           "|---|---|---|---|"]
    for e in people:
        roles, aliases = roles_text(e), aliases_text(e)
        out.append(f"| {_md_escape(e.name)} | {e.label} | {_md_escape(aliases)} | {_md_escape(roles)} |")
    return out + [""]


def _statements(view: ReportView) -> list[str]:
    if not view.statements:
        return []
    out = ["## Who said what", ""]
    for st in view.statements:
        when = f" ({st.said_on.isoformat()})" if st.said_on else ""
        out += [f"**{_md_escape(st.speaker_name or 'unattributed')}**{when}: “{_md_escape(st.text)}”", ""]
        if len(st.variants) > 1:
            for v in st.variants:
                differs = ", ".join(f"“{_md_escape(d.text)}”" for d in v.differences)
                out.append(f"- {_md_escape(v.outlet or 'outlet unknown')} ({v.mode}): “{_md_escape(v.content.text)}”"
                           + (f" — only here: {differs}" if differs else ""))
            out.append("")
    return out


def _timeline(view: ReportView) -> list[str]:
    if not view.timeline:
        return []
    out = ["## Timeline", "", "| date | what | who | source |", "|---|---|---|---|"]
    for t in view.timeline:
        day = timeline_day(t)
        who = view.who(t)
        out.append(f"| {day} | {_md_escape(t.what)} | {_md_escape(who)} | "
                   f"{_md_escape(view.describe(t.article))} |")
    return out + [""]


def render_markdown(view: ReportView) -> str:
    out: list[str] = ["# newsfuse report", ""]
    out.append(
        f"{len(view.articles)} articles from {len(view.outlets)} known outlets; "
        f"{len(view.rejections)} inputs rejected."
    )
    out.append("")
    if view.dropped_by_reason():
        summary = ", ".join(f"{reason} {n}" for reason, n in view.dropped_by_reason())
        out += [f"Lines dropped while cleaning: {summary}.", ""]
    if view.stories:
        out += _stories(view)
    out += _people(view) + _statements(view) + _timeline(view)
    out += ["## Articles", ""]
    for article in view.articles:
        title = heading_of(article)
        out.append(f"### {_md_escape(title)}")
        out.append("")
        out.append(
            f"*{_md_escape(article.outlet or 'outlet unknown')}* · {view.date_of(article)} · "
            f"`{article.id}` · source `{article.provenance.key}`"
        )
        out.append("")
        for kind, text in blocks(article):
            out += [f"#### {_md_escape(text)}" if kind == "heading" else _md_escape(text), ""]
        if article.dropped:
            out += ["Dropped lines:", "", "| line | reason | text |", "|---:|---|---|"]
            for d in article.dropped:
                out.append(f"| {d.lineno + 1} | {d.reason.value} | {_md_escape(d.line)} |")
            out.append("")
    if view.rejections:
        out += ["## Rejected inputs", "", "| source | reason | message |", "|---|---|---|"]
        for r in view.rejections:
            out.append(f"| {_md_escape(r.key)} | {r.reason.value} | {_md_escape(r.message)} |")
        out.append("")
    return "\n".join(out)
