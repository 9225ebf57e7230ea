"""Loaded into a spawned server via PYTHONPATH (idle --tracemalloc), never by Parley.

It starts tracemalloc and, on each SIGUSR1, writes where Python memory grew since the
previous signal to $PARLEY_BENCH_TRACEMALLOC_OUT: per-connection memory attributed to
source lines without touching the server's code.
"""

from __future__ import annotations

import os
import signal
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
