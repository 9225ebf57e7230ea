"""Whole-machine CPU use from /proc/stat, to see other tenants' load on the 2 cores.

A benchmark here shares the machine; when something else (a browser test run, a build)
is busy, latency tails are not the server's. Every phase reports how many cores were
busy in total, and runs can wait for a quiet machine before starting.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds spent not idle, summed over every core, since boot."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def busy_cores(interval: float) -> float:
    """Average number of busy cores over `interval` seconds."""
    before = busy_seconds()
    time.sleep(interval)
    return (busy_seconds() - before) / interval


def wait_quiet(limit_cores: float, max_wait: float) -> float:
    """Sample 1 s at a time until the machine uses < limit_cores; returns the last sample.

    Gives up after max_wait seconds (the run goes ahead and the report shows the load).
    """
    deadline = time.monotonic() + max_wait
    while True:
        sample = busy_cores(1.0)
        if sample < limit_cores or time.monotonic() >= deadline:
            return sample


def tcp_mem_kib() -> int:
    """Kernel memory held by TCP socket buffers machine-wide (/proc/net/sockstat).

    A stalled reader's backlog sits mostly here (the server's send buffer autotunes up
    to tcp_wmem's max), where the server's RSS does not see it.
    """
    for line in Path("/proc/net/sockstat").read_text().splitlines():
        if line.startswith("TCP:"):
            fields = line.split()
            return int(fields[fields.index("mem") + 1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    return 0
