"""``newsfuse eval ...``: quality figures on real labelled data."""

from __future__ import annotations

from pathlib import Path

import click

from newsfuse.cli.common import emit


@click.group("eval")
def eval_group() -> None:
    """Measure quality against published references (see README, "Evaluation")."""


def _prf(name: str, m: dict) -> str:
    return f"{name:<34} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"


@eval_group.command("clean")
@click.option("--zyte", "zyte_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="Zyte article-extraction benchmark folder (html/*.html.gz + ground-truth.json).")
@click.option("--mode", type=click.Choice(["standard", "fast", "precision"]), default="standard",
              show_default=True, help="trafilatura mode for the HTML path.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_clean(zyte_dir: str, mode: str, as_json: bool) -> None:
    """Main-text extraction and scraped-text cleaning vs the Zyte benchmark (token shingles)."""
    from newsfuse.eval.clean import eval_clean_zyte

    result = eval_clean_zyte(Path(zyte_dir), mode=mode, progress=not as_json)

    def table(r: dict) -> str:
        return "\n".join([
            f"Zyte article-extraction benchmark: {r['documents']} pages, {zyte_dir}",
            _prf(f"HTML path (trafilatura {mode})", r["html"]),
            _prf("scraped-text path (line classifier)", r["text"]),
            _prf("baseline: keep every visible line", r["keep_all"]),
            "reference: trafilatura 0.958 F1 (HTML, whole benchmark); "
            "goals: HTML >= 0.95, text >= 0.90",
        ])

    emit(result, as_json, table)
