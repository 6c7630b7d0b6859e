"""The Dask executor: the same per-article stages, run on a Dask cluster.

Reading stays in the driver (it is cheap: JSON decoding runs at tens of thousands of
documents per second), and cleaning, the expensive part (trafilatura on HTML), is
shipped to the workers in chunks; results come back in input order, so the pipeline
writes exactly what the local executor writes. Without an address a ``LocalCluster``
of worker processes is started; with ``tcp://host:8786`` it joins a running cluster.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from newsfuse.engine.local import _apply_chunk
from newsfuse.errors import MissingDependency, NewsfuseError

T = TypeVar("T")
R = TypeVar("R")


class DaskExecutor:
    """Map a pure function over a stream on Dask, preserving order, with bounded memory.

    Args:
        address: scheduler address; ``None`` starts a local cluster.
        workers: worker processes of the local cluster.
        chunk_size: items per task.
    """

    def __init__(self, address: str | None = None, workers: int = 2, chunk_size: int = 64) -> None:
        self.address = address
        self.workers = max(1, workers)
        self.chunk_size = chunk_size
        self._client: Any = None
        self._cluster: Any = None

    def _connect(self) -> Any:
        if self._client is None:
            try:
                from dask.distributed import Client, LocalCluster
            except ImportError:
                raise MissingDependency("dask[distributed]", "dask", "the Dask executor") from None
            try:
                if self.address:
                    self._client = Client(self.address, timeout="20s")
                else:
                    self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                                 processes=True, dashboard_address=None)
                    self._client = Client(self._cluster)
            except OSError as exc:
                raise NewsfuseError(f"cannot reach the Dask scheduler at {self.address} ({exc}); "
                                    "check run.dask_address") from None
        return self._client

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        client = self._connect()
        in_flight: deque[Any] = deque()
        limit = 4 * self.workers
        stream = iter(items)
        while chunk := list(islice(stream, self.chunk_size)):
            in_flight.append(client.submit(_apply_chunk, fn, chunk, pure=False))
            if len(in_flight) >= limit:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
