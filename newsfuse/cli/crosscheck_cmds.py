"""Click commands for the crosscheck stage, registered by ``newsfuse.cli.main`` into the
``eval`` group (``stance``, ``citations``) and the ``bench`` group (``crosscheck``).

Each parses its options and calls one library function; ``--json`` prints its dict.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from newsfuse.cli.common import emit

_EMERGENT = Path("..") / "shared" / "data" / "emergent"
_CNNDM = Path("..") / "shared" / "data" / "cnndm"


def _stance_table(r: dict[str, Any]) -> str:
    lines = [f"Emergent stance ({r['rows']} headlines, {r['claims']} claims, {r['folds']} folds grouped by claim)",
             f"  accuracy  {r['accuracy']:.3f}   (reference {r['reference']['accuracy']:.2f}, goal >= "
             f"{r['goal']['accuracy']:.2f}: {'met' if r['accuracy'] >= r['goal']['accuracy'] else 'NOT met'})",
             f"  macro-F1  {r['macro_f1']:.3f}"]
    for label, m in r["per_class"].items():
        lines.append(f"  {label:<10} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  n={m['support']}")
    return "\n".join(lines)


@click.command("stance")
@click.option("--emergent", "path", type=click.Path(exists=True), default=str(_EMERGENT) if _EMERGENT.exists() else None,
              required=not _EMERGENT.exists(), help="Emergent CSV (url-versions-2015-06-14-clean.csv) or its folder.")
@click.option("--folds", default=10, show_default=True, help="Cross-validation folds, grouped by claim.")
@click.option("--no-embeddings", is_flag=True, help="Leave out the MiniLM similarity feature (faster).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stance_cmd(path: str, folds: int, no_embeddings: bool, as_json: bool) -> None:
    """Stance of Emergent headlines towards their claims: accuracy and macro-F1."""
    from newsfuse.eval.stance import eval_stance

    emit(eval_stance(path, folds=folds, embed=not no_embeddings), as_json, _stance_table)


def _citations_table(r: dict[str, Any]) -> str:
    share = r["share_supported"]
    head = (f"Brief citations: {r['supported']}/{r['sentences']} sentences supported "
            f"({'n/a' if share is None else f'{share:.1%}'}; goal 100%) in {r['briefs']} brief(s)")
    strict = r.get("share_citations_with_facts")
    lines = [head] + [f"  unsupported: {f['sentence'][:80]} — missing {', '.join(f['missing'])}"
                      for f in r["failures"]]
    if strict is not None:
        lines.append(f"each citation on its own states the sentence's numbers and names: {strict:.1%} "
                     f"of {r['citations']} citations")
        lines += [f"  {w['cited'][:70]!r} lacks {', '.join(w['missing'])}" for w in r["citations_without_facts"][:10]]
    return "\n".join(lines)


@click.command("citations")
@click.option("--db", required=True, help="Store URL (sqlite:///path.db or postgresql://...).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def citations_cmd(db: str, as_json: bool) -> None:
    """Whether every brief sentence of a store is supported by the spans it cites."""
    from newsfuse.eval.citations import eval_citations

    emit(eval_citations(db), as_json, _citations_table)


def _bench_table(r: dict[str, Any]) -> str:
    lines = [f"crosscheck + brief ({r['embedder']} embedder; extract not timed: {r['extract_s_not_timed']} s)"]
    for c in r["cases"]:
        lines.append(f"  {c['case']:<32} step {c['step_s']:>7.2f} s  {c['ms_per_article']:>7.1f} ms/article  "
                     f"peak {c['peak_rss_mib']:>7.1f} MiB  claims {c['claims']}")
    for q in r["ratios"]:
        lines.append(f"  {q['from']} -> {q['to']}: size x{q['size_ratio']}, time x{q['time_ratio']}, "
                     f"per article x{q['per_article_ratio']}")
    return "\n".join(lines)


@click.command("crosscheck")
@click.option("--cnndm", type=click.Path(exists=True), default=str(_CNNDM) if _CNNDM.exists() else None,
              required=not _CNNDM.exists(), help="CNN/DailyMail JSONL(.gz) file or folder.")
@click.option("--sizes", default="5,50,500", show_default=True, help="Event sizes, comma-separated.")
@click.option("--corpus", "corpus_size", default=10_000, show_default=True,
              help="Articles in the corpus case (events of 50); 0 skips it.")
@click.option("--embedder", type=click.Choice(["minilm", "hashing"]), default="minilm", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_crosscheck_cmd(cnndm: str, sizes: str, corpus_size: int, embedder: str, as_json: bool) -> None:
    """Time and peak RSS to cross-check and brief events of 5/50/500 articles and a corpus."""
    from newsfuse.bench.crosscheck import bench_crosscheck

    emit(bench_crosscheck(cnndm, [int(s) for s in sizes.split(",") if s], corpus_size, embedder,
                          progress=lambda m: click.echo(m, err=True)), as_json, _bench_table)
