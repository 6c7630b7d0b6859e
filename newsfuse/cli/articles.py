"""``newsfuse articles``: list stored articles; ``articles show ID`` with its dropped lines."""

from __future__ import annotations

import click

from newsfuse.cli.common import db_options, emit, load
from newsfuse.errors import InputError
from newsfuse.export import article_dict
from newsfuse.report.view import describe_date


def _clip(text: str | None, width: int) -> str:
    text = text or "-"
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group(invoke_without_command=True)
@db_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def articles(ctx: click.Context, db: str | None, config_path: str | None, as_json: bool) -> None:
    """List the stored articles (id, outlet, date, title)."""
    if ctx.invoked_subcommand is not None:
        return
    _, store = load(db, config_path)
    rows = [
        {"id": a.id, "outlet": a.outlet, "published": describe_date(a), "title": a.title,
         "words": len(a.text.split()), "dropped": len(a.dropped), "source": a.provenance.key}
        for a in store.articles()
    ]
    store.close()

    def table(rows: list[dict]) -> str:
        head = f"{'id':<16}  {'outlet':<28}  {'published':<12}  {'words':>5}  {'drop':>4}  title"
        body = [
            f"{r['id'][:16]:<16}  {_clip(r['outlet'], 28):<28}  {r['published'][:12]:<12}  "
            f"{r['words']:>5}  {r['dropped']:>4}  {_clip(r['title'], 60)}"
            for r in rows
        ]
        return "\n".join([head, *body, f"{len(rows)} articles"])

    emit(rows, as_json, table)


@articles.command()
@click.argument("article_id")
@db_options
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
def show(article_id: str, db: str | None, config_path: str | None, as_json: bool) -> None:
    """Show one article (a unique id prefix is enough) with its dropped lines and reasons."""
    _, store = load(db, config_path)
    article = store.article(article_id)
    store.close()
    if article is None:
        raise InputError(f"no single article with id {article_id!r}; list ids with: newsfuse articles")

    def text(data: dict) -> str:
        out = [
            f"id         {data['id']}",
            f"title      {data['title'] or '-'}",
            f"outlet     {data['outlet'] or 'unknown'}",
            f"published  {describe_date(article)}",
            f"language   {data['language'] or 'unknown'}",
            f"url        {data['url'] or '-'}",
            f"source     {article.provenance.key} ({article.provenance.format})",
            "",
            data["text"],
            "",
            f"headings   {len(data['headings'])}",
            *[f"  {h['start']}-{h['end']}  {h['text']}" for h in data["headings"]],
            f"dropped    {len(data['dropped'])} lines",
            *[f"  line {d['lineno'] + 1:>4}  {d['reason']:<16}  {d['line']}" for d in data["dropped"]],
        ]
        return "\n".join(out)

    emit(article_dict(article), as_json, text)
