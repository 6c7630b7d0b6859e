"""``newsfuse train``: fit the models newsfuse ships, from the data they are evaluated on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from newsfuse.cli.common import emit


@click.group("train")
def train_group() -> None:
    """Fit the shipped models again (the files under newsfuse/ are the result)."""


@train_group.command("paraphrase")
@click.option("--msrp", type=click.Path(exists=True, dir_okay=False), required=True,
              help="MSRP TSV (msr_paraphrase_train.txt); only its fit part is used.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Adapter file to write (default: the packaged one of --model-seed, newsfuse/dedup/models/).")
@click.option("--seed", type=int, default=13, show_default=True,
              help="Seed of the MSRP fit / held-out split (the one eval copies --msrp uses).")
@click.option("--model-seed", "model_seeds", type=int, multiple=True,
              help="Seed of an adapter's initialisation and of the order pairs are shown in; repeatable, one "
                   "adapter per seed (default 0). The shipped ensemble is seeds 0 and 1.")
@click.option("--cv", "folds", type=click.IntRange(min=2), default=None,
              help="Instead of writing adapters: cross-validate the recipe in K folds of the fit part and "
                   "print the out-of-fold accuracy of each seed and of the ensembles of the first 1, 2, ... seeds.")
@click.option("--epochs", type=click.IntRange(min=1), default=4, show_default=True)
@click.option("--lr", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Peak learning rate of the one-cycle schedule (default: the shipped adapter's, 5e-4).")
@click.option("--rank", type=click.IntRange(min=1), default=None,
              help="LoRA rank, alpha twice the rank (default: the shipped adapter's, 16).")
@click.option("--dev-share", type=click.FloatRange(min=0, max=0.5), default=0.0, show_default=True,
              help="Share of the fit part kept out of training and scored after every epoch, to choose "
                   "a schedule; the shipped adapter is trained with 0 (the whole fit part).")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help="Where torch trains: auto takes a CUDA GPU when there is one.")
@click.option("--threads", type=click.IntRange(min=1), default=None, help="torch threads (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def train_paraphrase(msrp: str, out: str | None, seed: int, model_seeds: tuple[int, ...], folds: int | None,
                     epochs: int, lr: float | None, rank: int | None, dev_share: float, device: str,
                     threads: int | None, as_json: bool) -> None:
    """Train the paraphrase cross-encoder's LoRA adapters on the fit part of MSRP.

    The held-out part (the same split as ``newsfuse eval copies --msrp``) is never seen,
    so that eval keeps measuring what it says. An epoch takes about 2 minutes on 2 quiet
    CPU cores (up to 10 on a busy box); --cv K trains K adapters per seed.
    """
    from dataclasses import replace

    import torch

    from newsfuse.dedup.crossencoder import CrossEncoder, TrainParams, adapter_path
    from newsfuse.eval.copies import cross_validate_recipe, msrp_split, read_msrp

    seeds = model_seeds or (0,)
    if out and len(seeds) > 1:
        raise click.UsageError("--out names one adapter file: pass one --model-seed with it")
    if threads:
        torch.set_num_threads(threads)
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    fit, _ = msrp_split(read_msrp(msrp), seed)
    dev: list[tuple[int, str, str]] = []
    if dev_share:  # the same fixed-seed split, once more inside the fit part: its first share
        dev, fit = msrp_split(fit, seed, dev_share)
    params = TrainParams(epochs=epochs,
                         extra={"data": Path(msrp).name, "split_seed": seed, "fit_pairs": len(fit),
                                **({"dev_pairs": len(dev)} if dev else {})})
    if lr:
        params = replace(params, lr=lr)
    if rank:
        params = replace(params, rank=rank, alpha=2 * rank)

    def say(line: str) -> None:
        click.echo(f"newsfuse: {line}", err=True)

    if folds:
        emit(cross_validate_recipe(fit, seeds, folds, params, log=say, device=device), as_json, _cv_text)
        return
    written = []
    for model_seed in seeds:
        model = CrossEncoder.train(fit, replace(params, seed=model_seed), log=say, dev=dev, device=device)
        written.append(str(model.save(out or adapter_path(model_seed))))
    emit({"adapters": written, "fit_pairs": len(fit), "dev_pairs": len(dev), "device": device,
          "params": repr(params)}, as_json,
         lambda d: "\n".join(f"wrote {a} (trained on {d['fit_pairs']} MSRP pairs on {d['device']})"
                             for a in d["adapters"]))


def _cv_text(d: dict[str, Any]) -> str:
    lines = [(f"MSRP fit part, {d['pairs']} pairs, {d['folds']}-fold out-of-fold accuracy "
              f"(features alone {d['features']:.4f})")]
    lines += [f"  seed {s}: cross-encoder {r['cross_encoder']:.4f}, combined {r['combined']:.4f}"
              for s, r in d["seeds"].items()]
    lines += [(f"  ensemble of seeds {','.join(map(str, e['seeds']))}: cross-encoder {e['cross_encoder']:.4f}, "
               f"combined {e['combined']:.4f}") for e in d["ensembles"]]
    return "\n".join(lines)


@train_group.command("ner")
@click.option("--conll", type=click.Path(exists=True, dir_okay=False), required=True,
              help="CoNLL-2003 training file (train.txt); never the valid.txt that eval entities scores.")
@click.option("--rehearse", type=click.Path(exists=True, file_okay=False), multiple=True,
              help="Folder of news .txt files (or Reuters-21578) whose dates, figures and full names, as "
                   "the stock model tags them, are rehearsed; repeatable.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder to write the NER component to (default: the packaged one, newsfuse/nlp/models/ner/).")
@click.option("--epochs", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def train_ner_command(conll: str, rehearse: tuple[str, ...], out: str | None, epochs: int, seed: int,
                      as_json: bool) -> None:
    """Train the small spaCy model's NER further on CoNLL-2003 train.

    The tagger and parser are untouched; the new NER keeps the model's labels and size.
    With --rehearse (as the shipped weights were made) about 3.5 minutes an epoch on one
    core, 35 s without.
    """
    from newsfuse.datasets.conll import read_conll
    from newsfuse.nlp.ner_tuning import (
        TUNED_NER,
        NerTrainParams,
        rehearsal_texts,
        save_ner,
        train_ner,
    )

    sentences = list(read_conll(conll))
    texts = [t for folder in rehearse for t in rehearsal_texts(folder)]
    params = NerTrainParams(epochs=epochs, seed=seed, extra={
        "data": Path(conll).name, "sentences": len(sentences),
        "rehearsal": ["/".join(Path(folder).resolve().parts[-3:]) for folder in rehearse],
        "rehearsal_paragraphs": len(texts)})
    nlp = train_ner(sentences, params, rehearse=texts,
                    log=lambda line: click.echo(f"newsfuse: {line}", err=True))
    target = save_ner(nlp, params, out or TUNED_NER)
    emit({"ner": str(target), "sentences": len(sentences), "params": repr(params)}, as_json,
         lambda d: f"wrote {d['ner']} (trained on {d['sentences']} CoNLL sentences)")
