"""Percentiles and the report printed at the end of a run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values (NaN when empty)."""
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values)) - 1))
    return float(sorted_values[rank])


def latency_summary_ms(values_ns: Sequence[int]) -> dict[str, float]:
    ordered = sorted(values_ns)
    return {
        name: round(percentile(ordered, fraction) / 1e6, 2)
        for name, fraction in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))
    }


def print_report(title: str, result: dict[str, Any]) -> None:
    print(f"== {title}")
    for key, value in result.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k}={v}" for k, v in value.items())
            print(f"  {key}: {inner}")
        else:
            print(f"  {key}: {value}")
    print("JSON " + json.dumps({"scenario": title, **result}, default=str), flush=True)
