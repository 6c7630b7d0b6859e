"""The ``newsfuse`` command: thin wrappers over library functions.

Each command parses its arguments, calls one library function and prints the result
(a readable table by default, JSON with ``--json``). A :class:`NewsfuseError` becomes
one line on stderr and its exit code; see :mod:`newsfuse.errors` for the codes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from newsfuse import __version__
from newsfuse.cli.articles import articles
from newsfuse.cli.bench import bench_group
from newsfuse.cli.common import EXIT_REJECTED, db_options, emit, load, print_rejection
from newsfuse.cli.evaluate import eval_group
from newsfuse.cli.serve import serve
from newsfuse.cli.train import train_group
from newsfuse.cli.why import why
from newsfuse.errors import NewsfuseError

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsfuse")
def cli() -> None:
    """newsfuse: turn a pile of news articles into stories a professional can trust."""


def _ingest_table(data: dict[str, Any]) -> str:
    lines = [
        f"files read        {data['files'] - data['files_unchanged']} "
        f"({data['files_unchanged']} unchanged, skipped)",
        f"articles          {data['documents']} ({data['articles_new']} new, "
        f"{data['articles_known']} already stored"
        + (f", {data['articles_repeated']} repeated in this run)" if data.get("articles_repeated") else ")"),
        f"rejected inputs   {data['rejected']}",
    ]
    # Reasons in a column under the labels; one space at least, so "not-main-content"
    # (16 characters) does not run into its count.
    for reason, n in sorted(data["rejections_by_reason"].items()):
        lines.append(f"  {reason:<15} {n}")
    if data["dropped_lines_by_reason"]:
        lines.append("dropped lines")
        for reason, n in sorted(data["dropped_lines_by_reason"].items(), key=lambda kv: -kv[1]):
            lines.append(f"  {reason:<15} {n}")
    lines.append(f"time              {data['seconds']:.2f} s")
    return "\n".join(lines)


def _register_stage_commands() -> None:
    """Add the eval and bench commands that live with their stages' CLI modules."""
    from newsfuse.cli.crosscheck_cmds import bench_crosscheck_cmd, citations_cmd, stance_cmd
    from newsfuse.cli.timeline_cmds import timeline_cmd

    eval_group.add_command(timeline_cmd)
    eval_group.add_command(stance_cmd)
    eval_group.add_command(citations_cmd)
    bench_group.add_command(bench_crosscheck_cmd)


def _stages_table(data: dict[str, Any]) -> str:
    lines = []
    for stage in data.get("stages", []):
        shown = ", ".join(f"{k} {v}" for k, v in stage["counters"].items()
                          if v and not k.startswith(("tier_", "storyline_", "event_")))
        lines.append(f"{stage['name']:<18}{stage['seconds']:.2f} s  {shown}")
    return "\n".join(lines)


def _say(enabled: bool) -> Any:
    return (lambda line: click.echo(f"newsfuse: {line}", err=True)) if enabled else None


def _run(paths: tuple[str, ...], db: str | None, config_path: str | None, workers: int | None,
         as_json: bool, out_dir: str | None, corpus: bool) -> None:
    from newsfuse.engine.pipeline import run as run_pipeline

    config, store = load(db, config_path, run__workers=workers)
    with_bar = config.run.progress and not as_json
    try:
        result = run_pipeline(paths, store, config, out_dir=Path(out_dir) if out_dir else None,
                              on_rejection=print_rejection, progress=with_bar, corpus=corpus,
                              say=_say(with_bar))
    finally:
        store.close()
    data = {"run": result.run.id, "store": config.store.url, **result.ingest.to_dict(),
            "stages": [{"name": s.stage, "items_in": s.items_in, "items_out": s.items_out,
                        "seconds": round(s.seconds, 3), "counters": dict(s.counters)}
                       for s in result.stages],
            "report": [str(p) for p in result.report_files]}

    def table(d: dict[str, Any]) -> str:
        parts = [_ingest_table(d)]
        if d["stages"]:
            parts.append(_stages_table(d))
        if d["report"]:
            parts.append("report            " + ", ".join(d["report"]))
        parts.append(f"store             {d['store']}")
        return "\n".join(parts)

    emit(data, as_json, table)
    if result.ingest.rejected:
        sys.exit(EXIT_REJECTED)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_options
@click.option("--workers", type=int, default=None, help="Processes for cleaning (0 = one per core).")
@click.option("--clean-only", is_flag=True,
              help="Only read, clean and store; skip the corpus stages (copies, extract, events, "
                   "crosscheck) until the next run or ingest.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths: tuple[str, ...], db: str | None, config_path: str | None,
           workers: int | None, clean_only: bool, as_json: bool) -> None:
    """Read, clean and store the articles under PATHS, then update the corpus stages
    incrementally (new articles are checked for copies and placed in events)."""
    _run(paths, db, config_path, workers, as_json, None, corpus=not clean_only)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="report",
              show_default=True, help="Folder for report.md, report.html and report.json.")
@click.option("--workers", type=int, default=None, help="Processes for cleaning (0 = one per core).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def run(paths: tuple[str, ...], db: str | None, config_path: str | None, out_dir: str,
        workers: int | None, as_json: bool) -> None:
    """Ingest PATHS, run every stage, and write the report."""
    _run(paths, db, config_path, workers, as_json, out_dir, corpus=True)


@cli.command()
@db_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="report",
              show_default=True, help="Folder to write the report into.")
def report(db: str | None, config_path: str | None, out_dir: str) -> None:
    """Write report.md, report.html and report.json from the store."""
    from newsfuse.report import write_report

    _, store = load(db, config_path)
    for path in write_report(store, out_dir):
        click.echo(str(path))
    store.close()


@cli.command()
@db_options
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json",
              show_default=True, help="One JSON document, or JSON Lines records.")
def export(db: str | None, config_path: str | None, fmt: str) -> None:
    """Print the whole store in the versioned export schema to stdout."""
    from newsfuse.export import iter_jsonl, write_json

    _, store = load(db, config_path)
    if fmt == "json":
        write_json(store, sys.stdout)
    else:
        for line in iter_jsonl(store):
            sys.stdout.write(line + "\n")
    store.close()


cli.add_command(articles)
cli.add_command(why)
cli.add_command(serve)
_register_stage_commands()
cli.add_command(eval_group)
cli.add_command(bench_group)
cli.add_command(train_group)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning newsfuse errors into one line and an exit code."""
    try:
        cli.main(args=argv, prog_name="newsfuse", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("newsfuse: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewsfuseError as exc:
        click.echo(f"newsfuse: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("newsfuse: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # `newsfuse export | head`: the reader left; not an error
        sys.exit(0)


if __name__ == "__main__":
    main()
