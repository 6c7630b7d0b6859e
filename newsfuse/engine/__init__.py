"""Executors and the pipeline. Scale by swapping the executor, never the stage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from newsfuse.config import RunConfig
from newsfuse.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Maps a pure, picklable function over a stream, yielding results in input order."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Any: ...

    def __exit__(self, *exc: object) -> None: ...


def make_executor(config: RunConfig) -> Executor:
    """The executor named by ``run.executor``: ``local`` (default) or ``dask``."""
    if config.executor == "local":
        from newsfuse.engine.local import LocalExecutor

        return LocalExecutor(config.workers)
    if config.executor == "dask":
        from newsfuse.engine.dask import DaskExecutor

        return DaskExecutor(config.dask_address or None, workers=config.workers or 2)
    raise ConfigError(f"run.executor: unknown executor {config.executor!r}; use 'local' or 'dask'")
