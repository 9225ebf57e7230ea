"""Turn loadgen outputs (their `JSON {...}` lines) into the Markdown rows of
docs/benchmarks-log.md, so the figures there are copied by code, not by hand.

    backend/.venv/bin/python -m bench.report /tmp/out/*.txt
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Row = Callable[[dict[str, Any]], str]


def results(paths: list[Path]) -> list[dict[str, Any]]:
    found = []
    for path in paths:
        for line in path.read_text().splitlines():
            if line.startswith("JSON "):
                found.append(json.loads(line.removeprefix("JSON ")))
    return found


def command_of(result: dict[str, Any]) -> str:
    """The loadgen arguments that differ from nothing: enough to re-run the figure."""
    args = result["args"]
    parts = [args["scenario"]]
    for key, value in args.items():
        if key in {"scenario", "server_code", "spawn", "port", "secret_key", "cache_dir"} or (
            value in (None, False)
        ):
            continue
        flag = "--" + key.replace("_", "-")
        if isinstance(value, list):
            value = " ".join(
                f"{item:g}" if isinstance(item, float) else str(item) for item in value
            )
        parts.append(flag if value is True else f"{flag} {value}")
    if args.get("spawn"):
        parts.insert(1, "--spawn")
    return " ".join(parts)


def latency(values: dict[str, float]) -> str:
    return " / ".join(f"{values[k]:g}" for k in ("p50", "p95", "p99", "max"))


def cpu(shares: dict[str, float]) -> str:
    """server (its kernel part) / load generator / other tenants, in cores."""
    server = f"{shares['server']:.2f} ({shares['server_sys']:.2f} sys)"
    return f"{server} / {shares['loadgen']:.2f} / {shares.get('others', 0):.2f}"


def fanout_row(r: dict[str, Any]) -> str:
    return (
        f"| `{command_of(r)}` | {r['messages_sent']} | {r['delivered']:,} / "
        f"{r['deliveries_expected']:,} | {r['lost']} | {r['duplicates']} | "
        f"{r['deliveries_per_s']:,.0f} | {latency(r['latency_ms'])} | "
        f"{r['server_rss_kib']['before']:,} → {r['server_rss_kib']['after']:,} | "
        f"{cpu(r['cpu_share'])} |"
    )


def slow_row(r: dict[str, Any]) -> str:
    rows = []
    for number, item in enumerate(r["rounds"], 1):
        base, stalled = item["baseline"], item["with_stalled"]
        codes = ",".join(str(close["code"]) for close in item["stalled_closes"])
        rows.append(
            f"| {number} | {base['lat_p99']:g} (others {base['cpu_others']:.2f}) | "
            f"{stalled['lat_p99']:g} (others {stalled['cpu_others']:.2f}) | "
            f"{item['p99_ratio']:.2f} | {codes} | {item['server_rss_growth_kib']} | "
            f"{item['kernel_tcp_mem_growth_kib']:,} | {base['lost']}/{stalled['lost']} |"
        )
    return "\n".join(rows)


def idle_row(r: dict[str, Any]) -> str:
    return (
        f"| `{command_of(r)}` | {r['connected']} | {r['connects_per_s']:,.0f} | "
        f"{latency(r['connect_latency_ms'])} | {r['server_rss_kib']['before']:,} → "
        f"{r['server_rss_kib']['after']:,} | {r['rss_per_connection_kb']} | "
        f"{cpu(r['cpu_share_while_connecting'])} |"
    )


def history_row(r: dict[str, Any]) -> str:
    return (
        f"| `{command_of(r)}` | {latency(r['latency_ms'])} | "
        f"{latency(r['health_endpoint_ms'])} | {latency(r['same_sql_via_asyncpg_ms'])} | "
        f"{cpu(r['cpu_share'])} |"
    )


def uploads_row(r: dict[str, Any]) -> str:
    """Three tables: throughput per size and mode, thumbnail jobs, memory while streaming."""
    lines = [
        f"`{command_of(r)}`",
        "",
        "| file | files | in flight | seconds | MB/s | request ms p50 / p95 / p99 / max |"
        " server RSS KiB before → peak | CPU |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for phase in r["throughput"]:
        lines.append(
            f"| {phase['file_bytes']:,} B ZIP | {phase['files']} | {phase['parallel']} | "
            f"{phase['seconds']:g} | **{phase['mb_per_s']:g}** | "
            f"{latency(phase['request_ms'])} | {phase['server_rss_kib']['before']:,} → "
            f"{phase['server_rss_kib']['peak']:,} | {cpu(phase['cpu_share'])} |"
        )
    t = r["thumbnails"]
    lines += [
        "",
        "| images | avg JPEG bytes | in flight | uploads s | first 202 → all ready s | jobs/s |"
        " ready / failed / thumbnails (REST) | CPU |",
        "|---|---|---|---|---|---|---|---|",
        f"| {t['images']} of {t['size']} | {t['jpeg_bytes_avg']:,} | {t['parallel']} | "
        f"{t['uploads_seconds']:g} | {t['first_202_to_all_ready_seconds']:g} | "
        f"**{t['jobs_per_s']:g}** | {t['ready_via_rest']} / {t['failed_via_rest']} / "
        f"{t['thumbnails']} | {cpu(t['cpu_share'])} |",
    ]
    m = r["memory"]
    lines += [
        "",
        "| file | request ms | VmRSS KiB before → peak (growth) → after | samples |"
        " VmHWM KiB at start / before / after |",
        "|---|---|---|---|---|",
        f"| {m['file_bytes']:,} B ZIP | {m['request_ms']:g} | {m['rss_before_kib']:,} → "
        f"{m['rss_peak_kib']:,} (**+{m['rss_growth_kib']:,}**) → {m['rss_after_kib']:,} | "
        f"{m['samples']} | {r.get('vm_hwm_at_start_kib') or 0:,} / "
        f"{m['vm_hwm_before_kib']:,} / {m['vm_hwm_after_kib']:,} |",
    ]
    return "\n".join(lines)


def scaled_row(r: dict[str, Any]) -> str:
    """fanout's columns, then the broker, instances (receivers each) and CPU per instance;
    with `--mode workers`, the workers (receivers and senders each) and CPU per worker,
    plus what the supervising parent and the resource tracker used."""
    if "workers" in r:
        receivers = "+".join(str(n) for n in r["receivers_per_worker"])
        senders = "+".join(str(n) for n in r["senders_per_worker"])
        placement = f"1 x {r['workers']} workers ({receivers}; senders {senders})"
        per_worker = " + ".join(f"{share:.2f}" for share in r["cpu_per_worker"])
        # Total minus the workers, each read separately: rounding can dip below zero.
        outside = max(0.0, r["cpu_outside_workers"])
        shares = f"{per_worker} (+ {outside:.2f} parent)"
        return f"{fanout_row(r)} {r['broker']} | {placement} | {shares} |"
    receivers = "+".join(str(n) for n in r["receivers_per_instance"])
    per_instance = " + ".join(f"{share:.2f}" for share in r["cpu_per_instance"])
    return f"{fanout_row(r)} {r['broker']} | {r['instances']} ({receivers}) | {per_instance} |"


ROWS: dict[str, Row] = {
    "fanout": fanout_row,
    "slow": slow_row,
    "idle": idle_row,
    "history": history_row,
    "uploads": uploads_row,
    "scaled": scaled_row,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outputs", nargs="+", type=Path)
    for result in results(parser.parse_args().outputs):
        if result["scenario"] == "slow" and "rounds" not in result:
            continue  # written before slow had rounds
        print(ROWS[result["scenario"]](result))


if __name__ == "__main__":
    main()
