"""The local executor: runs a per-article stage in this process or in a process pool.

Stages are pure functions of one item, so swapping the executor never changes the
output, only where the work runs. Pools use the ``spawn`` start method: forking after
a native library has started threads (tokenizers, torch, rensa) can deadlock.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _apply_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _exit_with_parent(parent: int) -> None:
    """Pool initializer: a worker whose parent was killed (SIGKILL leaves no time to shut
    the pool down) exits instead of waiting for work forever."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="newsfuse-parent-watch", daemon=True).start()


class LocalExecutor:
    """Map a pure function over a stream, preserving order, with bounded memory.

    Args:
        workers: processes to use; 1 runs in this process, 0 means one per core.
        chunk_size: items sent to a worker at a time.
        warmup: items handled in this process before a pool is started, so a small
            input (a few articles) never pays the seconds a spawned worker needs to start.
    """

    def __init__(self, workers: int = 1, chunk_size: int = 64, warmup: int = 512) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.chunk_size = chunk_size
        self.warmup = warmup
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        stream = iter(items)
        if self.workers <= 1:
            yield from map(fn, stream)
            return
        yield from map(fn, islice(stream, self.warmup))
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent, initargs=(os.getpid(),),
            )
        pending: list[Future[list[R]]] = []
        # Keep 2 chunks per worker in flight: enough to hide latency, bounded memory.
        while chunk := list(islice(stream, self.chunk_size)):
            pending.append(self._pool.submit(_apply_chunk, fn, chunk))
            if len(pending) >= 2 * self.workers:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
