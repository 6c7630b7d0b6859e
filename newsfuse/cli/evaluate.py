"""``newsfuse eval ...``: quality figures on real labelled data.

Every command calls one library function of :mod:`newsfuse.eval`, prints its figures
as a table with the published reference and the goal beside them, or with ``--json``
the function's dict as one JSON object. Data paths default to ``../shared/data/...``
when that folder exists. Progress goes to stderr, and only when stderr is a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import click

from newsfuse.cli.common import emit
from newsfuse.nlp.spacy_pipeline import NerWeights

DATA = Path("..") / "shared" / "data"
SEEDS = Path("..") / "shared" / "seeds"


def _default(path: Path) -> str | None:
    return str(path) if path.exists() else None


def progress_echo() -> Callable[[str], None] | None:
    """A stderr printer when stderr is a terminal, else ``None`` (no progress)."""
    return (lambda m: click.echo(m, err=True)) if sys.stderr.isatty() else None


def _say(message: str) -> None:
    echo = progress_echo()
    if echo:
        echo(message)


def goal_status(value: float, floor: float, *, at_most: bool = False) -> str:
    ok = value <= floor if at_most else value >= floor
    return "met" if ok else "NOT met"


def _goal(value: float, floor: float, what: str = "F1") -> str:
    return f"   goal {what} >= {floor:.2f}: {goal_status(value, floor)}"


def _prf_row(name: str, m: dict[str, Any], width: int = 34) -> str:
    return f"{name:<{width}} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"


@click.group("eval")
def eval_group() -> None:
    """Measure quality against published references (see README, "Evaluation")."""


# -- clean ---------------------------------------------------------------------------------

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
            _prf_row(f"HTML path (trafilatura {mode})", r["html"]),
            _prf_row("scraped-text path (line classifier)", r["text"]),
            _prf_row("baseline: keep every visible line", r["keep_all"]),
            "reference: trafilatura 0.958 F1 (HTML, whole benchmark); "
            "goals: HTML >= 0.95, text >= 0.90",
        ])

    emit(result, as_json, table)


# -- copies (issue 3) ----------------------------------------------------------------------

def _msrp_table(r: dict[str, Any]) -> str:
    def row(name: str, m: dict[str, Any]) -> str:
        return (f"{name:<30} acc {m['accuracy']:.3f}  P {m['precision']:.3f}  R {m['recall']:.3f}"
                f"  F1 {m['f1']:.3f}   goal acc >= 0.80: {goal_status(m['accuracy'], 0.80)}")

    s = r["split"]
    return "\n".join([
        f"MSRP {r['data']}: {r['pairs']} pairs ({r['positives']} paraphrases); embedder {r['embedder']}",
        f"fit on {s['fit']} pairs, figures on the {s['held_out']} held out (seed {s['seed']})",
        row("fitted scorer", r["held_out"]),
        row("shipped weights (MSRP_WEIGHTS)", r["held_out_shipped_weights"]),
        *([row("cross-encoder (LoRA MiniLM)", r["held_out_cross_encoder"]),
           row("combined (copy detection)", r["held_out_combined"]),
           f"cross-encoder reads {r['cross_encoder']['pairs_per_second']:.0f} pairs/s (both orders)"]
          if "held_out_combined" in r else []),
        f"{'cosine only (threshold ' + format(r['cosine_only']['threshold'], '.3f') + ')':<30} "
        f"acc {r['cosine_only']['accuracy']:.3f}",
        f"{'majority class':<30} acc {r['majority_baseline']:.3f}",
        "reference: ~0.75-0.80 accuracy feature-based systems, ~0.90 fine-tuned transformers",
        "goal: >= 80% accuracy with the shipped embedding model (the combined row is the one copy "
        "detection decides with)",
    ])


def _reuters_table(r: dict[str, Any]) -> str:
    def row(name: str, m: dict[str, Any]) -> str:
        return _prf_row(name, m, 20) + f"   ({m['tp']} of {m['predicted']} predicted, {m['gold']} gold)"

    f1, judged = r["exact_near_pairs"]["f1"], r["judged"]
    lines = [
        f"Reuters-21578 {r['data']}: {r['stories_with_body']} stories with a body; gold "
        f"{r['gold_groups']} groups of identical bodies, {r['gold_stories']} stories "
        f"({r['seconds']:.1f} s)",
        row("exact + near pairs", r["exact_near_pairs"]),
        row("exact only pairs", r["exact_only_pairs"]),
        row("exact + near, judged", judged) + f"; {judged['unjudged_predicted']} predicted pairs unjudged",
        "  (judged gold: identical bodies plus the pairs outside them that a reader judged the same",
        f"   report, {judged['judged_pairs']} pairs in newsfuse/eval/reuters_judged.tsv)",
        "links: " + ", ".join(f"{k} {v}" for k, v in sorted(r["links"].items())),
        f"goal: exact and near-duplicate pair F1 >= 0.95: identical-body gold {f1:.3f} {goal_status(f1, 0.95)}; "
        f"judged gold {judged['f1']:.3f} {goal_status(judged['f1'], 0.95)}",
        f"further near-duplicate pairs (linked, not identical bodies): {r['further_near_pairs']}; "
        f"{len(r['further_samples'])} for a person to judge:",
    ]
    for i, x in enumerate(r["further_samples"], 1):
        lines += [f"{i:>3}. {x['a']} ~ {x['b']}  {x['relation']} {x['score']:.3f}",
                  f"     a: {' '.join(x['a_text'].split())[:110]}",
                  f"     b: {' '.join(x['b_text'].split())[:110]}"]
    return "\n".join(lines)


def _synthetic_table(r: dict[str, Any]) -> str:
    def row(name: str, m: dict[str, Any]) -> str:
        counts = f"   ({m['tp']}/{m['predicted']} pred, {m['gold']} gold)"
        return _prf_row(f"synthetic {name}", m, 28) + counts

    d = r["direction"]
    rewrite_f1 = r["per_relation"]["rewrite"]["f1"]
    lines = [
        r["label"],
        f"synthetic set: {r['copies']} copies among {r['articles']} articles (seed {r['seed']}), "
        f"sources {r['data']} ({r['seconds']:.1f} s)",
        row("any relation pairs", r["any_relation_pairs"]),
        *(row(f"{k} pairs", m) for k, m in r["per_relation"].items()),
        "synthetic, per kind of copy (gold links, found, found as):",
        *(f"  {k:<26} {v['gold']:>4} {v['found']:>4}  "
          + ", ".join(f"{rel} {n}" for rel, n in sorted(v["relations"].items()))
          for k, v in r["per_kind"].items()),
        f"synthetic direction: accuracy {d['accuracy_all']:.3f} of {d['found_gold_links']} found links, "
        f"{d['accuracy_directed']:.3f} of the directed ones (correct {d.get('correct', 0)}, "
        f"wrong {d.get('wrong', 0)}, undirected {d.get('undirected', 0)})",
        f"synthetic false links: {r['any_relation_pairs']['predicted'] - r['any_relation_pairs']['tp']}"
        + "".join(f"\n  {x['a']} ~ {x['b']} {x['relation']} {x['score']:.3f} ({x['method']})"
                  for x in r["false_links"]),
        f"goal: rewrite F1 >= 0.90 on the synthetic set: {rewrite_f1:.3f} "
        f"{goal_status(rewrite_f1, 0.90)}",
    ]
    return "\n".join(lines)


@eval_group.command("copies")
@click.option("--msrp", type=click.Path(exists=True, dir_okay=False), default=None,
              help="MSRP TSV (msr_paraphrase_train.txt): sentence-pair paraphrase accuracy and F1.")
@click.option("--reuters", type=click.Path(exists=True, file_okay=False), default=None,
              help="Reuters-21578 folder: duplicate pairs vs identical bodies; with --synthetic, "
                   "the source stories (default ../shared/data/reuters21578).")
@click.option("--synthetic", type=click.IntRange(min=1), default=None, metavar="N",
              help="Make N synthetic copies of real Reuters stories; P/R per relation, direction.")
@click.option("--seed", type=int, default=None,
              help="Seed of the MSRP split (default 13) or of the synthetic set (default 0).")
@click.option("--show", type=click.IntRange(min=0), default=20, show_default=True,
              help="Further near-duplicate pairs to print for a person to judge (Reuters).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_copies(msrp: str | None, reuters: str | None, synthetic: int | None, seed: int | None,
                show: int, as_json: bool) -> None:
    """Copy detection: MSRP paraphrase, Reuters-21578 duplicates, or synthetic copies.

    Give exactly one of --msrp FILE, --reuters DIR, --synthetic N.
    """
    modes = [m for m, v in (("--msrp", msrp), ("--synthetic", synthetic)) if v is not None]
    if reuters is not None and synthetic is None:
        modes.append("--reuters")
    if len(modes) != 1:
        raise click.UsageError("give exactly one of --msrp FILE, --reuters DIR, --synthetic N"
                               + (f" (got {', '.join(modes)})" if modes else ""))
    if msrp is not None:
        from newsfuse.eval.copies import eval_msrp

        _say(f"eval copies: embedding the MSRP sentences of {msrp}")
        emit(eval_msrp(msrp, seed=13 if seed is None else seed), as_json, _msrp_table)
    elif synthetic is not None:
        from newsfuse.eval.copies import eval_synthetic

        source = reuters or _default(DATA / "reuters21578")
        if source is None:
            raise click.UsageError("--synthetic needs the Reuters-21578 folder: pass --reuters DIR")
        _say(f"eval copies: {synthetic} synthetic copies of stories from {source}")
        emit(eval_synthetic(source, synthetic, seed=0 if seed is None else seed), as_json,
             _synthetic_table)
    else:
        from newsfuse.eval.copies import eval_reuters

        _say(f"eval copies: exact and near duplicates in {reuters}")
        emit(eval_reuters(str(reuters), show=show), as_json, _reuters_table)


# -- events (issue 4) ----------------------------------------------------------------------

def _level_rows(name: str, level: dict[str, Any]) -> str:
    def ms(key: str) -> str:
        return f"{level[key]['mean']:.3f}±{level[key]['spread']:.3f}"

    return (f"{name:<28} P {ms('precision')}  R {ms('recall')}  F1 {ms('f1')}  ARI {ms('ari')}"
            f"  clusters {level['clusters']['mean']:.0f}")


def _ecbplus_table(r: dict[str, Any]) -> str:
    d, goals = r["data"], r["goals"]
    on = r["online"]
    lines = [
        f"ECB+ {d['directory']}: topics {','.join(map(str, d['topics']))}"
        + (f" (not in the data: {d['missing_topics']})" if d["missing_topics"] else ""),
        f"{d['documents']} documents, {d['events']} gold events, {d['storylines']} gold storylines; "
        f"online, {r['orders']} random orders (seed {r['seed']}); B-cubed mean±spread",
        _level_rows("online event", on["event"]),
        _level_rows("online storyline", on["storyline"]),
        _level_rows("no time signal: event", r["no_time"]["event"]),
        _level_rows("no time signal: storyline", r["no_time"]["storyline"]),
        f"close calls embedded {on['close_call_share']:.1%}, {on['seconds_per_order']:.1f} s per order, "
        f"merges {on['merges']:.1f}, splits {on['splits']:.1f}",
    ]
    base = r.get("baselines")
    if base:
        oracle = base["tfidf_average_link_oracle"]
        if "skipped" in oracle:
            lines.append(f"TF-IDF baseline skipped: {oracle['skipped']}")
        else:
            for level in ("event", "storyline"):
                lines.append(f"{'TF-IDF avg-link ' + level:<28} F1 {oracle[level]['f1']:.3f} at its "
                             f"best threshold {oracle[level]['threshold']:.2f} (picked on the answers)")
        for name in ("all_in_one", "singletons"):
            lines.append(f"{name.replace('_', '-') + ' baseline':<28} "
                         f"event F1 {base[name]['event']['f1']:.3f}  "
                         f"storyline F1 {base[name]['storyline']['f1']:.3f}")
    ev, st = on["event"]["f1"]["mean"], on["storyline"]["f1"]["mean"]
    ev_goal, st_goal = goals["ecbplus_event_f1"], goals["ecbplus_storyline_f1"]
    lines += [
        "reference: TF-IDF average-link, offline, threshold picked on the answers: ~0.88 event, "
        "~0.89 storyline (topics 1-35)",
        f"goal: event B-cubed F1 >= {ev_goal}: {ev:.3f} {goal_status(ev, ev_goal)}; "
        f"storyline >= {st_goal}: {st:.3f} {goal_status(st, st_goal)} "
        "(one configuration, online, at the same time)",
    ]
    return "\n".join(lines)


def _timeline17_table(r: dict[str, Any]) -> str:
    s, e = r["storyline"], r["events_per_storyline"]
    lines = [
        f"Timeline17 {r['data']['directory']}: {r['data']['articles']} articles, "
        f"{r['data']['topics']} topics, replayed in publication order ({r['seconds']:.1f} s)",
        f"storyline (gold = topic)   P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
        f"ARI {s['ari']:.3f}",
        f"{r['events']} events in {r['storylines']} storylines; events per storyline "
        f"mean {e['mean']:.1f}, median {e['median']:g}, max {e['max']}",
        f"{'topic':<14} {'articles':>8} {'events':>7} {'storylines':>10} {'largest share':>13}",
        *(f"{t:<14} {v['articles']:>8} {v['events']:>7} {v['storylines']:>10} "
          f"{v['largest_storyline_share']:>13.3f}" for t, v in r["per_topic"].items()),
        f"close calls embedded {r['close_call_share']:.1%}, merges {r['merges']}, splits {r['splits']}",
        "reference and goal: none published for storyline B-cubed here (ECB+ carries the goals)",
    ]
    return "\n".join(lines)


SAMPLE_EVENTS = [["000", "001", "002", "004"], ["003"]]


def _samples_table(r: dict[str, Any]) -> str:
    ok_events = sorted(r["events"]) == SAMPLE_EVENTS
    ok_story = len(r["storylines"]) == 1
    return "\n".join([
        "events:     " + "  ".join("{" + ", ".join(e) + "}" for e in r["events"]),
        "storylines: " + "  ".join("{" + ", ".join(s) + "}" for s in r["storylines"]),
        *(f"  {', '.join(ids):<22} {label[:100]}" for label, ids in r["labels"].items()),
        "goal: 000, 001, 002 and 004 one event, 003 another event in the same storyline: "
        + ("met" if ok_events and ok_story else "NOT met"),
    ])


def _sample_files(files: tuple[str, ...]) -> list[Path]:
    paths = [Path(f) for f in files] or ([SEEDS] if SEEDS.exists() else [])
    if not paths:
        raise click.UsageError("--samples needs FILES (or the folder ../shared/seeds)")
    out = [f for p in paths for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]
    missing = [str(p) for p in out if not p.is_file()]
    if missing:
        raise click.UsageError(f"no such sample file: {missing[0]}")
    return out


@eval_group.command("events")
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--ecbplus", type=click.Path(exists=True, file_okay=False), default=None,
              help="ECB+ folder (one sub-folder per topic).")
@click.option("--topics", default="", metavar="LIST",
              help="ECB+ topics, e.g. 2,5,12 or 1-35 (default: the dev topics 2,5,12,18,21,23,34,35).")
@click.option("--orders", type=click.IntRange(min=1), default=5, show_default=True,
              help="ECB+: random feeding orders (mean and spread over them).")
@click.option("--seed", type=int, default=0, show_default=True, help="ECB+: seed of the first order.")
@click.option("--no-baselines", is_flag=True, help="ECB+: skip the TF-IDF and trivial baselines.")
@click.option("--timeline17", type=click.Path(exists=True, file_okay=False), default=None,
              help="Timeline17 folder (<topic>_<outlet>/articles.json).")
@click.option("--samples", is_flag=True,
              help="Cluster the sample articles FILES (files or folders; default ../shared/seeds).")
@click.option("--cache", type=click.Path(dir_okay=False), default=None,
              help="Embedding cache file (.npz), reused across runs.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_events(files: tuple[str, ...], ecbplus: str | None, topics: str, orders: int, seed: int,
                no_baselines: bool, timeline17: str | None, samples: bool, cache: str | None,
                as_json: bool) -> None:
    """Events and storylines: ECB+ (B-cubed, ARI), Timeline17 replay, or the sample split.

    Give exactly one of --ecbplus DIR, --timeline17 DIR, --samples [FILES...].
    """
    from newsfuse.eval import events

    modes = [m for m, v in (("--ecbplus", ecbplus), ("--timeline17", timeline17), ("--samples", samples))
             if v]
    if len(modes) != 1:
        raise click.UsageError("give exactly one of --ecbplus DIR, --timeline17 DIR, "
                               "--samples [FILES...]"
                               + (f" (got {', '.join(modes)})" if modes else ""))
    if files and not samples:
        raise click.UsageError(f"unexpected argument {files[0]!r}: FILES go with --samples")
    if ecbplus:
        try:
            chosen = events.parse_topics(topics)
        except ValueError:
            raise click.BadParameter(f"{topics!r}: use numbers and ranges, e.g. 2,5,12 or 1-35",
                                     param_hint="--topics") from None
        result = events.eval_ecbplus(ecbplus, chosen, orders=orders, seed=seed, cache=cache,
                                     baselines=not no_baselines, progress=progress_echo())
        emit(result, as_json, _ecbplus_table)
    elif timeline17:
        _say(f"eval events: replaying {timeline17}")
        emit(events.eval_timeline17(timeline17, cache=cache), as_json, _timeline17_table)
    else:
        emit(events.eval_samples(_sample_files(files)), as_json, _samples_table)


# -- who said what (issue 5) -------------------------------------------------------------------

@eval_group.command("entities")
@click.option("--conll", type=click.Path(exists=True, dir_okay=False),
              default=_default(DATA / "conll2003" / "valid.txt"), required=True,
              help="CoNLL-2003 file (default ../shared/data/conll2003/valid.txt).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score the first N sentences only.")
@click.option("--ner", type=click.Choice(["combined", "stock", "tuned"]), default="combined", show_default=True,
              help="NER: what extraction uses (names from the CoNLL-trained weights in "
                   "newsfuse/nlp/models/ner/, dates and figures from the small model's own; see README), "
                   "the small model's own weights alone, or the CoNLL-trained ones alone.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_entities(conll: str, limit: int | None, ner: str, as_json: bool) -> None:
    """Entity-level P/R/F1 on CoNLL-2003 (spaCy labels mapped to PER/LOC/ORG/MISC)."""
    from newsfuse.eval.extract import eval_entities_conll

    _say(f"eval entities: {conll}")
    result = eval_entities_conll(conll, limit=limit, ner=cast(NerWeights, ner))

    def table(r: dict[str, Any]) -> str:
        return "\n".join([
            f"CoNLL-2003 {r['file']}: {r['sentences']} sentences, {r['gold_entities']} gold entities, "
            f"NER: {r['ner']}",
            _prf_row("all entities", r, 14) + _goal(r["f1"], r["goal_f1"]),
            *(_prf_row(label, m, 14) for label, m in r["by_type"].items()),
            f"reference: {r['reference']} (test set); goal: >= {r['goal_f1']:.2f} with the "
            "shipped small model",
        ])

    emit(result, as_json, table)


@eval_group.command("quotes")
@click.option("--polnear", type=click.Path(exists=True, file_okay=False),
              default=_default(DATA / "polnear"), required=True,
              help="PolNeAR folder holding split folders (default ../shared/data/polnear).")
@click.option("--split", default="dev", show_default=True, help="The split folder to score.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score the first N documents only.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_quotes(polnear: str, split: str, limit: int | None, as_json: bool) -> None:
    """Quote content F1 (token overlap; all and direct) and speaker accuracy on PolNeAR."""
    from newsfuse.eval.extract import eval_quotes_polnear

    _say(f"eval quotes: {polnear} split {split}")
    result = eval_quotes_polnear(polnear, split=split, limit=limit)

    def table(r: dict[str, Any]) -> str:
        g = r["goals"]
        a, d, s = r["content_all"], r["content_direct"], r["speaker_accuracy"]
        return "\n".join([
            f"PolNeAR {r['directory']} split {r['split']}: {r['documents']} documents, "
            f"{r['gold_attributions']} gold attributions, {r['predicted_quotes']} predicted quotes",
            _prf_row("direct-quote content", d, 24) + _goal(d["f1"], g["direct_f1"]),
            _prf_row("all attribution content", a, 24) + _goal(a["f1"], g["all_f1"]),
            f"{'speaker accuracy':<24} {s:.3f} on {r['speaker_pairs']} matched contents"
            f"   goal >= {g['speaker_accuracy']:.2f}: {goal_status(s, g['speaker_accuracy'])}",
            f"reference: {r['reference']}; Quootstrap 90% precision at 40% recall",
        ])

    emit(result, as_json, table)


@eval_group.command("dates")
@click.option("--timeml", type=click.Path(exists=True, file_okay=False),
              default=_default(DATA / "tempeval3" / "Training"), required=True,
              help="Folder searched recursively for .tml files "
                   "(default ../shared/data/tempeval3/Training).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score the first N documents only.")
@click.option("--errors", "show_errors", type=click.IntRange(min=0), default=10, show_default=True,
              help="Most frequent errors to print.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_dates(timeml: str, limit: int | None, show_errors: int, as_json: bool) -> None:
    """Temporal expressions: detection F1 (strict, relaxed) and value F1/accuracy on TimeML."""
    from newsfuse.eval.extract import eval_dates_timeml

    _say(f"eval dates: {timeml}")
    result = eval_dates_timeml(timeml, limit=limit)

    def table(r: dict[str, Any]) -> str:
        v = r["value"]["f1"]
        return "\n".join([
            f"TimeML {r['directory']}: {r['documents']} documents, {r['gold_timexes']} gold TIMEX3, "
            f"{r['predicted']} predicted (creation time as publication date)",
            _prf_row("detection, strict", r["strict"], 18),
            _prf_row("detection, relaxed", r["relaxed"], 18),
            _prf_row("value", r["value"], 18) + _goal(v, r["goal_value_f1"]),
            f"{'value accuracy':<18} {r['value_accuracy']:.3f} of the relaxed matches",
            f"reference: {r['reference']}",
            *([f"most frequent errors (of {len(r['top_errors'])} kinds in --json):"]
              if show_errors else []),
            *(f"  {e['count']:>3} {e['kind']:<8} {e['text'][:30]!r:<32} {e['detail'][:60]}"
              for e in r["top_errors"][:show_errors]),
        ])

    emit(result, as_json, table)
