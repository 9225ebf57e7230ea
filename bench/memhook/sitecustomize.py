"""Loaded into a spawned server via PYTHONPATH (idle --tracemalloc / --gc-stats), never
by Parley.

With $PARLEY_BENCH_TRACEMALLOC_OUT it starts tracemalloc and, on each SIGUSR1, writes
where Python memory grew since the previous signal: per-connection memory attributed to
source lines without touching the server's code.

With $PARLEY_BENCH_GC_OUT it times every garbage collection and, on each SIGUSR2,
appends one JSON line to that file: collections per generation, their total and longest
pause since the previous signal.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import time
import tracemalloc
from types import FrameType

_OUT = os.environ.get("PARLEY_BENCH_TRACEMALLOC_OUT")
_previous: list[tracemalloc.Snapshot] = []


def _dump(_signum: int, _frame: FrameType | None) -> None:
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )
    if _previous and _OUT:
        stats = snapshot.compare_to(_previous[-1], "lineno")
        total = sum(stat.size_diff for stat in stats)
        with open(_OUT, "a") as out:
            out.write(f"total growth {total} bytes\n")
            for stat in stats[:60]:
                out.write(f"{stat.size_diff:>12} {stat.count_diff:>8} {stat.traceback}\n")
    _previous[:] = [snapshot]


if _OUT:
    tracemalloc.start(1)
    signal.signal(signal.SIGUSR1, _dump)


_GC_OUT = os.environ.get("PARLEY_BENCH_GC_OUT")
_gc_started = [0.0]
_gc_stats: dict[int, list[float]] = {}  # generation -> [count, total s, max s]


def _on_gc(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _gc_started[0] = time.perf_counter()
        return
    pause = time.perf_counter() - _gc_started[0]
    stats = _gc_stats.setdefault(info["generation"], [0, 0.0, 0.0])
    stats[0] += 1
    stats[1] += pause
    stats[2] = max(stats[2], pause)


def _dump_gc(_signum: int, _frame: FrameType | None) -> None:
    report = {
        f"gen{gen}": {"count": int(c), "total_ms": round(t * 1e3, 1), "max_ms": round(m * 1e3, 1)}
        for gen, (c, t, m) in sorted(_gc_stats.items())
    }
    _gc_stats.clear()
    if _GC_OUT:
        with open(_GC_OUT, "a") as out:
            out.write(json.dumps(report) + "\n")


if _GC_OUT:
    gc.callbacks.append(_on_gc)
    signal.signal(signal.SIGUSR2, _dump_gc)
