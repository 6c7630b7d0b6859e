"""The standalone HTML report: one file, inline CSS, every piece of article text escaped."""

from __future__ import annotations

from html import escape

from newsfuse.report.view import ReportView, blocks, describe_date

_CSS = """
body{font:16px/1.55 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h1,h2,h3,h4{font-family:system-ui,sans-serif;line-height:1.25}
.meta{font:14px system-ui,sans-serif;color:#555}
code{font-size:13px;background:#f3f3f3;padding:0 .25em}
article{border-top:1px solid #ddd;margin-top:2rem;padding-top:1rem}
details{font:14px system-ui,sans-serif;margin:1rem 0}
table{border-collapse:collapse;font:14px system-ui,sans-serif;width:100%}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.reason{white-space:nowrap;color:#8a1f11}
nav li{margin:.2rem 0}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


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
    parts.append('<nav><h2>Articles</h2><ol>')
    for article in view.articles:
        parts.append(f'<li><a href="#a-{article.id}">{_e(article.title or "(untitled)")}</a> '
                     f'<span class="meta">{_e(article.outlet or "outlet unknown")}</span></li>')
    parts.append("</ol></nav>")
    for article in view.articles:
        parts.append(f'<article id="a-{article.id}">')
        parts.append(f"<h2>{_e(article.title or '(untitled)')}</h2>")
        parts.append(
            f'<p class="meta">{_e(article.outlet or "outlet unknown")} · {_e(describe_date(article))}'
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
