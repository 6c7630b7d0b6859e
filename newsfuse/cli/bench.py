"""``newsfuse bench ...``: speed and memory against baselines measured in the same run."""

from __future__ import annotations

import click


@click.group("bench")
def bench_group() -> None:
    """Benchmarks (see bench/ and README, "Benchmarks")."""
