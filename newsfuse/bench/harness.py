"""Measurement protocol for a noisy shared box (shared/PERFORMANCE.md, section 10).

Before each repetition wait until other processes use little CPU; measure wall time,
our CPU time and the CPU others used during the run; mark repetitions where others
used more than ``max_other_cores`` as contended; report the median of the clean ones
with their spread. Peak memory is measured in a fresh ``spawn`` process per case,
because ``ru_maxrss`` only ever grows within a process.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def _busy_jiffies() -> tuple[float, float]:
    """(busy, total) CPU jiffies of the whole machine, steal excluded from busy."""
    try:
        with open("/proc/stat") as fh:
            parts = [float(x) for x in fh.readline().split()[1:]]
    except OSError:
        return 0.0, 0.0
    user, nice, system, idle, iowait, irq, softirq = parts[:7]
    steal = parts[7] if len(parts) > 7 else 0.0
    busy = user + nice + system + irq + softirq
    return busy, busy + idle + iowait + steal


def _our_cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def wait_quiet(max_other_cores: float = 0.2, timeout: float = 20.0, probe: float = 0.5) -> float:
    """Wait until the machine's busy CPU is below ``max_other_cores``; return the last reading."""
    tick = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + timeout
    load = 0.0
    while True:
        b0, _ = _busy_jiffies()
        c0 = _our_cpu()
        time.sleep(probe)
        b1, _ = _busy_jiffies()
        load = max(0.0, (b1 - b0) / tick - (_our_cpu() - c0)) / probe
        if load < max_other_cores or time.monotonic() > deadline:
            return load


@dataclass
class Timing:
    """Repetitions of one measurement."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    others: list[float] = field(default_factory=list)  # cores used by other processes
    contended: int = 0
    results: list[Any] = field(default_factory=list)  # each kept repetition's return value, in order

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def spread(self) -> float:
        return (max(self.walls) - min(self.walls)) / self.wall if len(self.walls) > 1 else 0.0


def measure(fn: Callable[[], Any], repeat: int = 3, max_other_cores: float = 0.2,
            quiet: bool = True) -> Timing:
    """Run ``fn`` ``repeat`` times under the protocol; keep clean repetitions when any."""
    tick = os.sysconf("SC_CLK_TCK")
    timing = Timing()
    for _ in range(repeat):
        if quiet:
            wait_quiet(max_other_cores)
        b0, _ = _busy_jiffies()
        c0, t0 = _our_cpu(), time.perf_counter()
        timing.results.append(fn())
        wall, cpu = time.perf_counter() - t0, _our_cpu() - c0
        b1, _ = _busy_jiffies()
        other = max(0.0, (b1 - b0) / tick - cpu) / max(wall, 1e-9)
        if other > max_other_cores and os.path.exists("/proc/stat"):
            timing.contended += 1
        timing.walls.append(wall)
        timing.cpus.append(cpu)
        timing.others.append(other)
    clean = [i for i, o in enumerate(timing.others) if o <= max_other_cores]
    if clean and len(clean) < len(timing.walls):
        timing.walls = [timing.walls[i] for i in clean]
        timing.cpus = [timing.cpus[i] for i in clean]
        timing.others = [timing.others[i] for i in clean]
        timing.results = [timing.results[i] for i in clean]
    return timing


def _child(fn: Callable[..., Any], args: tuple, queue: Any) -> None:
    t0 = time.perf_counter()
    c0 = _our_cpu()
    result = fn(*args)
    peak = max(_own_peak_kib(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    queue.put((result, time.perf_counter() - t0, _our_cpu() - c0, peak / 1024))


def _own_peak_kib() -> int:
    """This process's peak RSS since it was exec'd.

    ``ru_maxrss`` survives ``execve`` on Linux, so a process spawned by a big parent
    would report the parent's size; ``VmHWM`` belongs to the new address space.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def in_fresh_process(fn: Callable[..., Any], *args: Any) -> tuple[Any, float, float, float]:
    """Run ``fn(*args)`` in a new spawned process: (result, wall s, CPU s, peak RSS MiB).

    CPU includes the process's own children (pool workers); peak RSS is the largest of
    the process and any one of its children.
    """
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue))
    proc.start()
    out = queue.get()
    proc.join()
    return out


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
