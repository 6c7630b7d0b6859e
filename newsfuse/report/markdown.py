"""The Markdown report."""

from __future__ import annotations

from newsfuse.report.view import ReportView, blocks, describe_date


def _md_escape(text: str) -> str:
    # Escape what would change the meaning of a line of article text in Markdown.
    text = text.replace("\\", "\\\\")
    for char in "`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


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
    out += ["## Articles", ""]
    for article in view.articles:
        title = article.title or "(untitled)"
        out.append(f"### {_md_escape(title)}")
        out.append("")
        out.append(
            f"*{_md_escape(article.outlet or 'outlet unknown')}* · {describe_date(article)} · "
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
