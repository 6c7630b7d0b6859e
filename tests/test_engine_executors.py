"""Scale by swapping the executor, never the stage: local and Dask runs store the same thing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.config import load_config
from newsfuse.engine import make_executor
from newsfuse.engine.local import LocalExecutor
from newsfuse.engine.pipeline import ingest
from newsfuse.errors import ConfigError
from newsfuse.export import export_dict
from newsfuse.store import open_store


def _double(x: int) -> int:
    return 2 * x


def test_engine_executors_local_pool_preserves_order() -> None:
    with LocalExecutor(workers=2, chunk_size=7, warmup=10) as ex:
        assert list(ex.map(_double, range(100))) == [2 * i for i in range(100)]


def test_engine_executors_unknown_name_is_a_config_error() -> None:
    config = load_config(environ={"NEWSFUSE_RUN__EXECUTOR": "spark"})
    with pytest.raises(ConfigError, match="unknown executor 'spark'"):
        make_executor(config.run)


@pytest.mark.slow
def test_engine_executors_dask_run_equals_local_run(tmp_path: Path, seeds_dir: Path) -> None:
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    with (corpus / "a.jsonl").open("w") as fh:
        for i in range(600):  # past the local executor's in-process warm-up
            fh.write(json.dumps({"url": f"https://x.test/{i}", "text": texts[i % 5]}) + "\n")
    for p in seeds_dir.glob("*.txt"):
        (corpus / p.name).write_bytes(p.read_bytes())
    exports = []
    for executor in ("local", "dask"):
        config = load_config(environ={}, overrides={"run": {
            "executor": executor, "workers": 2, "progress": False, "batch_size": 32}})
        store = open_store(f"sqlite:///{tmp_path / f'{executor}.db'}")
        summary = ingest([corpus], store, config)
        assert summary.documents == 605
        exports.append(export_dict(store))
        store.close()
    assert exports[0] == exports[1]
