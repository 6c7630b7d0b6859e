"""The paraphrase cross-encoder: shipped adapter, training round trip, close-call use."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newsfuse.cli.main import cli
from newsfuse.dedup.align import SentenceView, align_paraphrase, combine, needs_cross
from newsfuse.dedup.crossencoder import (
    ADAPTERS,
    SEEDS,
    CrossEncoder,
    Ensemble,
    TrainParams,
    adapter_path,
    shipped_cross_encoder,
)
from newsfuse.dedup.paraphrase import ParaphraseScorer
from newsfuse.dedup.text import sentences
from newsfuse.errors import InputError
from newsfuse.nlp.embeddings import HashingEmbedder

PARAPHRASE = ("The Federal Reserve raised interest rates by a quarter point on Wednesday.",
              "On Wednesday the Fed increased rates by 0.25 percentage points.")
SAME_TOPIC = ("The Federal Reserve raised interest rates by a quarter point on Wednesday.",
              "The Federal Reserve left interest rates unchanged, surprising some investors.")


def test_shipped_adapters_tell_a_paraphrase_from_a_same_topic_sentence() -> None:
    assert all(path.is_file() for path in ADAPTERS)
    model = shipped_cross_encoder()
    yes, no = model.probability([PARAPHRASE, SAME_TOPIC])
    assert yes > 0.5 > no
    # one recipe, the seeds of SEEDS, all trained on the fit part eval copies --msrp holds out
    assert [p.seed for p in model.params] == list(SEEDS)
    assert {(p.rank, p.lr, p.epochs) for p in model.params} == {(16, 5e-4, 4)}
    assert all(p.extra["split_seed"] == 13 and p.extra["fit_pairs"] == 2853 for p in model.params)


def test_the_ensemble_decides_on_the_mean_logit_of_its_members() -> None:
    model = shipped_cross_encoder()
    each = np.array([m.logits([PARAPHRASE, SAME_TOPIC]) for m in model.members])
    assert not np.allclose(each[0], each[1])  # other seeds: other models
    assert np.allclose(model.logits([PARAPHRASE, SAME_TOPIC]), each.mean(axis=0), atol=1e-6)
    assert np.allclose(model.probability([PARAPHRASE]), 1 / (1 + np.exp(-each[:, 0].mean())), atol=1e-6)
    with pytest.raises(ValueError):
        Ensemble([])


def test_scores_are_symmetric_and_batching_does_not_change_them() -> None:
    model = shipped_cross_encoder()
    forward = model.logits([PARAPHRASE, SAME_TOPIC], batch_size=1)
    backward = model.logits([PARAPHRASE[::-1], SAME_TOPIC[::-1]], batch_size=64)
    assert np.allclose(forward, backward, atol=1e-4)


def test_trained_adapter_saved_and_merged_scores_as_trained(tmp_path: Path) -> None:
    pytest.importorskip("peft")
    pairs = [(1, *PARAPHRASE), (0, *SAME_TOPIC)] * 4
    trained = CrossEncoder.train(pairs, TrainParams(rank=2, alpha=4, epochs=1, batch=4, seed=3))
    before = trained.logits([PARAPHRASE, SAME_TOPIC])
    path = trained.save(tmp_path / "adapter.safetensors")
    loaded = CrossEncoder.load(path)
    assert loaded.params.rank == 2 and loaded.params.targets == TrainParams().targets
    # the merged weights (W + B A alpha / r) give what the peft-wrapped model gave
    assert np.allclose(loaded.logits([PARAPHRASE, SAME_TOPIC]), before, atol=1e-4)


def test_training_scores_the_development_pairs_after_every_epoch() -> None:
    pytest.importorskip("peft")
    pairs = [(1, *PARAPHRASE), (0, *SAME_TOPIC)] * 4
    lines: list[str] = []
    trained = CrossEncoder.train(pairs, TrainParams(rank=2, alpha=4, epochs=2, batch=4, seed=3),
                                 log=lines.append, dev=pairs[:2])
    assert [line.split(":")[0] for line in lines] == ["epoch 1/2", "epoch 2/2"]
    accuracies = [float(line.split("dev accuracy ")[1].split()[0]) for line in lines]
    assert all(0.0 <= a <= 1.0 for a in accuracies) and all("(2 pairs)" in line for line in lines)
    assert trained.head.weight.device.type == "cpu"  # moved back for saving and scoring


def tiny_msrp(folder: Path) -> Path:
    """An MSRP-format file of 20 pairs (10 paraphrases, 10 same-topic sentences)."""
    rows = ["Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    rows += [f"{y}\t{i}\t{i + 1}\t{a}\t{b}" for i in range(10) for y, (a, b) in ((1, PARAPHRASE), (0, SAME_TOPIC))]
    msrp = folder / "msrp.txt"
    msrp.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return msrp


def test_train_paraphrase_keeps_a_development_share_out_of_training(tmp_path: Path) -> None:
    pytest.importorskip("peft")
    msrp = tiny_msrp(tmp_path)
    out = tmp_path / "adapter.safetensors"
    result = CliRunner().invoke(cli, ["train", "paraphrase", "--msrp", str(msrp), "--out", str(out), "--epochs", "1",
                                      "--rank", "2", "--dev-share", "0.25", "--device", "cpu", "--model-seed", "5",
                                      "--json"])
    assert result.exit_code == 0, result.output
    # 20 pairs: 14 in the fit part (the other 6 held out for eval), 3 of them kept for development
    assert '"fit_pairs": 11' in result.stdout and '"dev_pairs": 3' in result.stdout
    assert "dev accuracy" in result.stderr
    params = CrossEncoder.load(out).params
    assert params.rank == 2 and params.alpha == 4 and params.extra["dev_pairs"] == 3 and params.seed == 5


def test_train_paraphrase_writes_one_packaged_file_per_seed() -> None:
    assert adapter_path(0) == ADAPTERS[0] and adapter_path(2).name == "paraphrase-lora-seed2.safetensors"
    assert len(set(ADAPTERS)) == len(SEEDS)


def test_cross_validation_scores_every_pair_out_of_fold(tmp_path: Path) -> None:
    pytest.importorskip("peft")
    msrp = tiny_msrp(tmp_path)
    result = CliRunner().invoke(cli, ["train", "paraphrase", "--msrp", str(msrp), "--cv", "2", "--epochs", "1",
                                      "--rank", "2", "--model-seed", "0", "--model-seed", "1", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["pairs"] == 14 and report["folds"] == 2 and set(report["seeds"]) == {"0", "1"}
    assert [e["seeds"] for e in report["ensembles"]] == [[0], [0, 1]]
    assert report["ensembles"][0]["combined"] == report["seeds"]["0"]["combined"]
    assert all(0.0 <= r["cross_encoder"] <= 1.0 for r in report["seeds"].values())
    oof = report["out_of_fold"]  # every fit pair scored once per seed, by the adapter that did not see it
    assert len(oof["labels"]) == len(oof["features"]) == len(oof["logits"]["0"]) == len(oof["logits"]["1"]) == 14
    assert result.stderr.count("dev accuracy") == 2 * 2  # the held-out fold's curve, per seed and fold
    assert not any(tmp_path.glob("*.safetensors"))  # cross-validation writes no adapter
    two = CliRunner().invoke(cli, ["train", "paraphrase", "--msrp", str(msrp), "--out", str(tmp_path / "a.st"),
                                   "--model-seed", "0", "--model-seed", "1"])
    assert two.exit_code != 0 and "one --model-seed" in two.output


def test_missing_adapter_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="newsfuse train paraphrase"):
        CrossEncoder.load(tmp_path / "none.safetensors")


class Recorder:
    """A cross-encoder stand-in that says yes and remembers what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def probability(self, pairs, batch_size=64):  # type: ignore[no-untyped-def]
        self.asked += list(pairs)
        return np.ones(len(pairs))


def test_cross_encoder_reads_only_pairs_that_could_still_align() -> None:
    features_p = np.array([0.1, 0.39, 0.4, 0.9])
    assert needs_cross(features_p, 0.7).tolist() == [False, False, True, True]
    assert combine(np.array([0.4]), np.array([1.0])).tolist() == [0.7]
    text_a = ("Officials said the bridge would open in May. The council approved the budget on Monday. "
              "Heavy rain flooded the northern districts overnight.")
    text_b = ("The bridge will open in May, officials said. On Monday the council approved its budget. "
              "A football club signed a new coach from Spain.")
    va, vb = SentenceView.of(sentences(text_a)), SentenceView.of(sentences(text_b))
    emb = HashingEmbedder()
    ea, eb = emb.encode([s.text for s in va.sentences]), emb.encode([s.text for s in vb.sentences])
    plain = align_paraphrase(va, vb, ea, eb, ParaphraseScorer(), 0.7)
    recorder = Recorder()
    crossed = align_paraphrase(va, vb, ea, eb, ParaphraseScorer(), 0.7, cross=recorder)
    assert 0 < len(recorder.asked) < 3 * len(vb)  # not every shortlisted cell
    assert all(b != vb.sentences[2].text for _, b in recorder.asked)  # the unrelated one is never read
    assert crossed.count >= plain.count
