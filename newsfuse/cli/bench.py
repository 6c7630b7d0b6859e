"""``newsfuse bench ...``: speed and memory against baselines measured in the same run."""

from __future__ import annotations

from pathlib import Path

import click

from newsfuse.cli.common import emit

DATA = Path("..") / "shared" / "data"


def _default(path: Path) -> str | None:
    return str(path) if path.exists() else None


def _sizes(text: str) -> list[int | None]:
    return [None if s.strip() == "all" else int(s) for s in text.split(",") if s.strip()]


@click.group("bench")
def bench_group() -> None:
    """Benchmarks: ratios against baselines run side by side, articles/s, peak memory."""


@bench_group.command("ingest")
@click.option("--reuters", type=click.Path(exists=True, file_okay=False),
              default=_default(DATA / "reuters21578"), required=True,
              help="Reuters-21578 folder (default ../shared/data/reuters21578).")
@click.option("--cnndm", type=click.Path(exists=True),
              default=_default(DATA / "cnndm"), required=True,
              help="CNN/DM *.jsonl.gz file or folder (default ../shared/data/cnndm).")
@click.option("--sizes", default="1000,10000,all", show_default=True,
              help="Corpus sizes, comma-separated; 'all' for every article.")
@click.option("--workers", "workers", default="1,2", show_default=True,
              help="Worker counts to measure, comma-separated.")
@click.option("--formats", default="jsonl,txt", show_default=True,
              help="Input formats: jsonl (one file) and/or txt (one file per article).")
@click.option("--repeat", type=int, default=1, show_default=True,
              help="Repetitions per case (median reported).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def bench_ingest_cmd(reuters: str, cnndm: str, sizes: str, workers: str, formats: str,
                     repeat: int, as_json: bool) -> None:
    """Ingest + clean + SQLite store vs reading and decoding the same JSONL."""
    from newsfuse.bench.ingest import bench_ingest

    result = bench_ingest(
        Path(reuters), Path(cnndm), _sizes(sizes),
        [int(w) for w in workers.split(",")], [f.strip() for f in formats.split(",")],
        repeat=repeat, echo=None if as_json else lambda m: click.echo(m, err=True),
    )

    def table(r: dict) -> str:
        head = (f"{'articles':>8} {'format':<6} {'workers':>7} {'art/s':>8} {'floor/s':>8} "
                f"{'ratio':>6} {'peak MiB':>9}")
        rows = [f"{x['articles']:>8} {x['format']:<6} {x['workers']:>7} {x['articles_per_s']:>8.0f} "
                f"{x['floor_articles_per_s']:>8.0f} {x['ratio_vs_floor']:>6.3f} "
                f"{x['peak_rss_mib']:>9.0f}" for x in r["results"]]
        return "\n".join([head, *rows, f"goal: {r['goal']}"])

    emit(result, as_json, table)
