"""``newsfuse eval timeline``: DATEWISE-style timeline summaries scored on Timeline17."""

from __future__ import annotations

from typing import Any

import click

from newsfuse.cli.common import emit


def _row(name: str, m: dict[str, Any]) -> str:
    return f"{name:<50} AR1-F {m['ar1_f']:.3f}  AR2-F {m['ar2_f']:.3f}  Date-F1 {m['date_f1']:.3f}"


def _table(r: dict[str, Any]) -> str:
    ref = r["reference"]
    lines = [f"Timeline17, test topics {', '.join(r['split']['test_topics'])}; date ranker "
             f"{r['split']['ranker']} ({', '.join(r['split']['train_topics']) or '-'})"]
    lines += [_row(f"  {t['timeline']} ({t['dates']}/{t['gold_dates']} dates, k={t['k']})", t)
              for t in r["dev"]["per_timeline"]]
    lines.append(_row(f"mean of {r['dev']['mean']['timelines']} timelines", r["dev"]["mean"]))
    if "all_topics" in r:
        lines.append(f"all topics, {r['all_topics']['protocol']}:")
        lines += [_row(f"  {topic}", m) for topic, m in r["all_topics"]["per_topic"].items()]
        lines.append(_row(f"mean of {r['all_topics']['mean']['timelines']} timelines",
                          r["all_topics"]["mean"]))
    lines += [
        f"reference: {ref['method']}: AR1-F {ref['ar1_f']:.3f}  AR2-F {ref['ar2_f']:.3f}  "
        f"Date-F1 {ref['date_f1']:.3f}",
        f"goal: {r['goal']}: {'met' if r['goals_met'] else 'NOT met'}",
        f"scorer: {r['scorer']}",
        f"runtime: {r['runtime_s']} s",
    ]
    return "\n".join(lines)


@click.command("timeline")
@click.option("--timeline17", "directory", type=click.Path(exists=True, file_okay=False),
              required=True, help="Timeline17 folder (<topic>_<outlet>/articles.json + *.timeline.json).")
@click.option("--topics", default=None, metavar="T1,T2",
              help="Comma-separated test topics (default: the dev split H1N1,LibyaWar).")
@click.option("--train-topics", default=None, metavar="T1,T2",
              help="Comma-separated topics to fit the date ranker on (default: bpoil,SyrianCrisis).")
@click.option("--all-topics/--no-all-topics", default=True, show_default=True,
              help="Also score every topic leave-one-topic-out.")
@click.option("--timelines", "keep_timelines", is_flag=True,
              help="Include the predicted timelines in the JSON output.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def timeline_cmd(directory: str, topics: str | None, train_topics: str | None, all_topics: bool,
                 keep_timelines: bool, as_json: bool) -> None:
    """Timeline summaries vs the human timelines: AR1-F, AR2-F, Date-F1 (tilse metrics)."""
    from newsfuse.eval.tls import DEV_TOPICS, TRAIN_TOPICS, eval_timeline17

    def split(value: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t.strip() for t in value.split(",") if t.strip()) if value else default

    result = eval_timeline17(directory, topics=split(topics, DEV_TOPICS),
                             train_topics=split(train_topics, TRAIN_TOPICS),
                             all_topics=all_topics, keep_timelines=keep_timelines)
    emit(result, as_json, _table)
