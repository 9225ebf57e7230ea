"""Parley load generator: fan-out, stalled readers, idle sockets and history paging.

Run from the repository root with the backend's interpreter, pinned to core 1 while
the server it spawns is pinned to core 0:

    ulimit -n 20000; taskset -c 1 backend/.venv/bin/python -m bench.loadgen fanout \\
        --spawn --receivers 500 --rate 160 --duration 15

Every scenario prints a human summary and one `JSON {...}` line (docs/benchmarks-log.md).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import time
from array import array
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvloop

from . import machine, seed
from .server import HOST, Server, code_identity, snapshot, spawn, stop
from .stats import latency_summary_ms, print_report
from .wsclient import FastClient, MessageSink, StalledClient, open_client

ADMIN_PG_URL = f"postgresql://postgres@{HOST}:5432/postgres"
HANGUL = "가"  # 3 bytes in UTF-8, 6 on the wire as the server's \uac00 JSON escape
MAX_DRAIN_SECONDS = 60.0
SILENCE_SECONDS = 5.0
QUIET_CORES = 0.15  # busy cores below which the machine counts as quiet
SAMPLE_SECONDS = 0.25


# -- measurement ------------------------------------------------------------------
class Recorder:
    """Per-receiver delivery bookkeeping for one load phase.

    A bitmap per receiver indexed by seq - base catches duplicates without a set of
    ints per socket; latencies go into one flat array('q') of nanoseconds.
    """

    def __init__(self, receivers: int, base_seq: int, capacity: int) -> None:
        self.base_seq = base_seq
        self.seen = [bytearray(capacity + 1) for _ in range(receivers)]
        self.latencies = array("q")
        self.delivered = 0
        self.duplicates = 0
        self.foreign = 0  # seq at or before the phase start, or not sent by us
        self.last_ns = 0
        self.start_ns = time.monotonic_ns()
        # Worst latency per second of the phase (by send time): shows when stalls hit.
        self.worst_by_second: list[int] = []

    def sink(self, index: int) -> MessageSink:
        seen = self.seen[index]
        base = self.base_seq
        latencies = self.latencies
        worst = self.worst_by_second
        start_ns = self.start_ns

        def on_message(seq: int, sent_ns: int, now_ns: int) -> None:
            slot = seq - base
            if slot <= 0 or sent_ns < 0:
                self.foreign += 1
                return
            if slot >= len(seen):
                seen.extend(bytes(slot - len(seen) + 1024))
            if seen[slot]:
                self.duplicates += 1
                return
            seen[slot] = 1
            self.delivered += 1
            latency = now_ns - sent_ns
            latencies.append(latency)
            self.last_ns = now_ns
            second = max(0, (sent_ns - start_ns) // 1_000_000_000)
            if second >= len(worst):
                worst.extend([0] * (second - len(worst) + 1))
            if latency > worst[second]:
                worst[second] = latency

        return on_message


@dataclass
class Sampler:
    """Peak server RSS while a phase runs (a 4408 frees its queue before the end)."""

    server: Server
    peak_kib: int = 0
    tcp_before_kib: int = field(default_factory=machine.tcp_mem_kib)
    tcp_peak_kib: int = 0
    task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            self.peak_kib = max(self.peak_kib, self.server.rss_kib() or 0)
            self.tcp_peak_kib = max(self.tcp_peak_kib, machine.tcp_mem_kib())
            await asyncio.sleep(SAMPLE_SECONDS)

    async def stop(self) -> int:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        self.peak_kib = max(self.peak_kib, self.server.rss_kib() or 0)
        return self.peak_kib


@dataclass
class Cpu:
    """CPU shares (of one core) of the server and of this generator over a window."""

    server: Server
    wall: float = field(default_factory=time.monotonic)
    server_cpu: tuple[float, float] = (0.0, 0.0)
    own_cpu: float = field(default_factory=time.process_time)
    machine: float = field(default_factory=machine.busy_seconds)

    def __post_init__(self) -> None:
        self.server_cpu = self.server.cpu_split()

    def shares(self) -> dict[str, float]:
        wall = time.monotonic() - self.wall
        user, system = self.server.cpu_split()
        user -= self.server_cpu[0]
        system -= self.server_cpu[1]
        own = time.process_time() - self.own_cpu
        busy = machine.busy_seconds() - self.machine
        return {
            "server": round((user + system) / wall, 2),
            "server_user": round(user / wall, 2),
            "server_sys": round(system / wall, 2),
            "loadgen": round(own / wall, 2),
            "machine": round(busy / wall, 2),
            # Another tenant's load on the 2 cores: the figures are suspect above ~0.2.
            "others": round((busy - user - system - own) / wall, 2),
        }


# -- the room and its clients -------------------------------------------------------
@dataclass
class Room:
    server: Server
    room_id: int
    owner_token: str
    sender_tokens: list[str]
    receiver_tokens: list[str]
    prefix: str


async def prepare_room(server: Server, receivers: int, senders: int) -> Room:
    prefix = seed.run_prefix()
    user_ids = await seed.insert_users(server, 1 + senders + receivers, prefix)
    tokens = [seed.mint_token(server, user_id) for user_id in user_ids]
    room_id = seed.create_room(server, tokens[0], f"{prefix}-room")
    for token in tokens[1 : 1 + senders]:
        seed.join_room(server, token, room_id)  # membership is needed to send
    return Room(server, room_id, tokens[0], tokens[1 : 1 + senders], tokens[1 + senders :], prefix)


async def gather_limited(
    factories: list[Callable[[], Awaitable[Any]]], concurrency: int
) -> list[Any]:
    """Run coroutine factories with at most `concurrency` in flight, results in order."""
    gate = asyncio.Semaphore(concurrency)

    async def one(factory: Callable[[], Awaitable[Any]]) -> Any:
        async with gate:
            return await factory()

    return list(await asyncio.gather(*(one(factory) for factory in factories)))


async def open_receiver(server: Server, token: str, room_id: int) -> FastClient:
    client = await open_client(HOST, server.port, server.origin, token)
    client.send_json({"type": "join", "room": room_id})
    await client.expect("joined", 30.0)
    client.keep_control = False
    return client


async def open_sender(server: Server, token: str) -> FastClient:
    client = await open_client(HOST, server.port, server.origin, token)
    client.keep_control = False
    return client


# -- one load phase ----------------------------------------------------------------
BodyFactory = Callable[[int], str]


def small_body(pad: int) -> BodyFactory:
    tail = "x" * pad

    def body(sent_ns: int) -> str:
        return f"bench:{sent_ns}:hello {tail}"

    return body


def hangul_body(chars: int) -> BodyFactory:
    def body(sent_ns: int) -> str:
        head = f"bench:{sent_ns}:"
        return head + HANGUL * (chars - len(head))

    return body


@dataclass
class Load:
    rate: float
    duration: float
    body: BodyFactory


async def send_paced(
    client: FastClient, room_id: int, load: Load, index: int, senders: int, start: float
) -> int:
    """Send this sender's share of `load` on a fixed schedule; returns frames sent.

    Behind schedule it sends at once rather than skipping, so the offered count is
    exact and a slow loop shows up as a lower achieved rate.
    """
    interval = senders / load.rate
    total = int(load.duration * load.rate)
    count = total // senders + (1 if index < total % senders else 0)
    next_at = start + index * interval / senders
    for n in range(count):
        delay = next_at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        sent_ns = time.monotonic_ns()
        client.send_json(
            {"type": "send", "room": room_id, "client_id": f"s{index}-{n}-{sent_ns}",
             "body": load.body(sent_ns)}
        )  # fmt: skip
        next_at += interval
    return count


async def run_phase(
    room: Room,
    receivers: list[FastClient],
    senders: list[FastClient],
    load: Load,
    wrap_sink: Callable[[int, MessageSink], MessageSink] | None = None,
) -> dict[str, Any]:
    """One measured load phase; `wrap_sink(index, sink)` may observe every delivery."""
    server = room.server
    base_seq = seed.room_last_seq(server, room.owner_token, room.room_id)
    expected_messages = int(load.duration * load.rate) + len(senders)
    recorder = Recorder(len(receivers), base_seq, expected_messages)
    for index, client in enumerate(receivers):
        sink = recorder.sink(index)
        client.on_message = sink if wrap_sink is None else wrap_sink(index, sink)
    acks = [0]

    def on_ack(_now_ns: int) -> None:
        acks[0] += 1

    for client in senders:
        client.on_ack = on_ack
        client.errors = 0
    rss_before = server.rss_kib()
    sampler = Sampler(server)
    sampler.start()
    cpu = Cpu(server)
    start = time.monotonic() + 0.05
    start_ns = time.monotonic_ns()
    counts = await asyncio.gather(
        *(
            send_paced(client, room.room_id, load, index, len(senders), start)
            for index, client in enumerate(senders)
        )
    )
    send_seconds = time.monotonic() - start
    sent = sum(counts)
    await wait_drained(recorder, acks, sent, len(receivers))
    shares = cpu.shares()
    peak = await sampler.stop()
    return phase_result(
        recorder=recorder,
        sent=sent,
        acked=acks[0],
        errors=sum(client.errors for client in senders),
        receivers=len(receivers),
        send_seconds=send_seconds,
        start_ns=start_ns,
        rss=(rss_before, server.rss_kib(), peak),
        cpu=shares,
        tcp_kib=(sampler.tcp_before_kib, sampler.tcp_peak_kib),
    )


async def wait_drained(recorder: Recorder, acks: list[int], sent: int, receivers: int) -> None:
    """Until every sent message was acked and reached every receiver, or 5 s of silence."""
    deadline = time.monotonic() + MAX_DRAIN_SECONDS
    last_progress, last_count = time.monotonic(), -1
    while time.monotonic() < deadline:
        if acks[0] >= sent and recorder.delivered >= acks[0] * receivers:
            return
        count = recorder.delivered + recorder.duplicates + acks[0]
        if count != last_count:
            last_progress, last_count = time.monotonic(), count
        elif time.monotonic() - last_progress > SILENCE_SECONDS:
            return
        await asyncio.sleep(0.05)


def phase_result(
    *,
    recorder: Recorder,
    sent: int,
    acked: int,
    errors: int,
    receivers: int,
    send_seconds: float,
    start_ns: int,
    rss: tuple[int | None, int | None, int],
    cpu: dict[str, float],
    tcp_kib: tuple[int, int],
) -> dict[str, Any]:
    expected = acked * receivers
    span = max(1e-9, (recorder.last_ns - start_ns) / 1e9)
    before, after, peak = rss
    return {
        "messages_sent": sent,
        "acked": acked,
        "send_errors": errors,
        "achieved_send_rate": round(sent / send_seconds, 1),
        "receivers": receivers,
        "deliveries_expected": expected,
        "delivered": recorder.delivered,
        "lost": expected - recorder.delivered,
        "duplicates": recorder.duplicates,
        "foreign_frames": recorder.foreign,
        "deliveries_per_s": round(recorder.delivered / span, 0),
        "latency_ms": latency_summary_ms(recorder.latencies),
        "worst_ms_by_second": [round(ns / 1e6) for ns in recorder.worst_by_second],
        "server_rss_kib": {"before": before, "after": after, "peak": peak},
        "kernel_tcp_mem_kib": {"before": tcp_kib[0], "peak": tcp_kib[1]},
        "cpu_share": cpu,
    }


# -- scenarios ---------------------------------------------------------------------
async def connect_room_clients(
    room: Room, concurrency: int
) -> tuple[list[FastClient], list[FastClient]]:
    server = room.server
    receivers = await gather_limited(
        [
            lambda token=token: open_receiver(server, token, room.room_id)  # type: ignore[misc]
            for token in room.receiver_tokens
        ],
        concurrency,
    )
    senders = [await open_sender(server, token) for token in room.sender_tokens]
    return receivers, senders


async def fanout(args: argparse.Namespace, server: Server) -> None:
    room = await prepare_room(server, args.receivers, args.senders)
    receivers, senders = await connect_room_clients(room, args.concurrency)
    load = Load(args.rate, args.duration, small_body(args.body_pad))
    if args.warmup > 0:
        await run_phase(room, receivers, senders, Load(args.rate, args.warmup, load.body))
    result = await run_phase(room, receivers, senders, load)
    print_report("fanout", {**describe(args), **result})
    close_all(receivers + senders)


async def slow(args: argparse.Namespace, server: Server) -> None:
    """Baseline then stalled phases, `--rounds` times alternately.

    Alternating rounds (fresh stalled clients each time) let a burst of load from
    another tenant be told apart from the stalled clients' effect: compare rounds whose
    `others` share is low, and the medians.
    """
    room = await prepare_room(server, args.receivers, args.senders)
    receivers, senders = await connect_room_clients(room, args.concurrency)
    load = Load(args.rate, args.duration, hangul_body(args.body_chars))
    if args.warmup > 0:
        await run_phase(room, receivers, senders, Load(args.rate, args.warmup, load.body))
    rounds = []
    for number in range(args.rounds):
        baseline = await run_phase(room, receivers, senders, load)
        stalled = await open_stalled(args, room, f"-stall{number}")
        with_stalled = await run_phase(room, receivers, senders, load)
        closes = await asyncio.gather(*(client.drain_for_close(40.0) for client in stalled))
        for client in stalled:
            client.close()
        rounds.append(slow_round(baseline, with_stalled, closes))
    print_report("slow", {**describe(args), **slow_medians(rounds), "rounds": rounds})
    close_all(receivers + senders)


async def open_stalled(args: argparse.Namespace, room: Room, suffix: str) -> list[StalledClient]:
    server = room.server
    user_ids = await seed.insert_users(server, args.stalled, room.prefix + suffix)
    clients = [StalledClient(HOST, server.port, server.origin, args.rcvbuf) for _ in user_ids]
    for client, user_id in zip(clients, user_ids, strict=True):
        await client.setup(seed.mint_token(server, user_id), room.room_id)
    return clients


def slow_round(
    baseline: dict[str, Any],
    with_stalled: dict[str, Any],
    closes: list[tuple[int | None, int, str]],
) -> dict[str, Any]:
    return {
        "baseline": summary(baseline),
        "with_stalled": summary(with_stalled),
        "p99_ratio": round(with_stalled["latency_ms"]["p99"] / baseline["latency_ms"]["p99"], 3),
        "stalled_closes": [
            {"code": code, "bytes_read_after": size, "ended_by": how} for code, size, how in closes
        ],
        # Peak while stalled vs. settled before: the 4408 frees the queue again.
        "server_rss_growth_kib": (
            with_stalled["server_rss_kib"]["peak"] - (baseline["server_rss_kib"]["after"] or 0)
        ),
        "kernel_tcp_mem_growth_kib": (
            with_stalled["kernel_tcp_mem_kib"]["peak"] - baseline["kernel_tcp_mem_kib"]["peak"]
        ),
    }


def slow_medians(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    def median_of(phase: str, key: str) -> float:
        return float(statistics.median(r[phase][key] for r in rounds))

    return {
        "median_baseline_p99_ms": median_of("baseline", "lat_p99"),
        "median_stalled_p99_ms": median_of("with_stalled", "lat_p99"),
        "all_stalled_closed_4408": all(
            close["code"] == 4408 for r in rounds for close in r["stalled_closes"]
        ),
        "max_server_rss_growth_kib": max(r["server_rss_growth_kib"] for r in rounds),
        "max_kernel_tcp_mem_growth_kib": max(r["kernel_tcp_mem_growth_kib"] for r in rounds),
    }


def summary(result: dict[str, Any]) -> dict[str, Any]:
    keys = ("messages_sent", "acked", "delivered", "lost", "duplicates", "deliveries_per_s")
    flat = {key: result[key] for key in keys}
    flat.update({f"lat_{k}": v for k, v in result["latency_ms"].items()})
    flat.update({f"rss_{k}": v for k, v in result["server_rss_kib"].items()})
    flat.update({f"tcp_mem_{k}": v for k, v in result["kernel_tcp_mem_kib"].items()})
    flat.update({f"cpu_{k}": v for k, v in result["cpu_share"].items()})
    flat["worst_ms_by_second"] = result["worst_ms_by_second"]
    return flat


async def idle(args: argparse.Namespace, server: Server) -> None:
    prefix = seed.run_prefix()
    user_ids = await seed.insert_users(server, args.connections, prefix)
    tokens = [seed.mint_token(server, user_id) for user_id in user_ids]
    await asyncio.sleep(1.0)
    rss_before = server.rss_kib() or 0
    cpu = Cpu(server)
    connect_ns = array("q")

    async def connect(token: str) -> FastClient:
        begun = time.monotonic_ns()
        client = await open_client(HOST, server.port, server.origin, token)
        client.keep_control = False
        connect_ns.append(time.monotonic_ns() - begun)
        return client

    if args.tracemalloc:
        os.kill(server.pid or 0, signal.SIGUSR1)  # baseline snapshot (see bench/memhook)
        await asyncio.sleep(2.0)
    if args.gc_stats:
        server_gc_stats(server, args)  # start counting here
    started = time.monotonic()
    clients = await gather_limited(
        [lambda token=token: connect(token) for token in tokens],  # type: ignore[misc]
        args.concurrency,
    )
    elapsed = time.monotonic() - started
    shares = cpu.shares()
    gc_while_connecting = server_gc_stats(server, args) if args.gc_stats else None
    await asyncio.sleep(args.settle)
    rss_after = server.rss_kib() or 0
    if args.tracemalloc:
        os.kill(server.pid or 0, signal.SIGUSR1)  # growth per source line, to the file
        await asyncio.sleep(5.0)
    print_report(
        "idle",
        {
            **describe(args),
            "connected": len(clients),
            "connect_seconds": round(elapsed, 2),
            "connects_per_s": round(len(clients) / elapsed, 0),
            "connect_latency_ms": latency_summary_ms(connect_ns),
            "server_rss_kib": {"before": rss_before, "after": rss_after},
            "rss_per_connection_kb": round((rss_after - rss_before) * 1.024 / len(clients), 2),
            "cpu_share_while_connecting": shares,
            **({"gc_while_connecting": gc_while_connecting} if args.gc_stats else {}),
        },
    )
    close_all(clients)


async def history(args: argparse.Namespace, server: Server) -> None:
    user_id = (await seed.insert_users(server, 1, seed.run_prefix()))[0]
    token = seed.mint_token(server, user_id)
    room_id = seed.create_room(server, token, f"history-{seed.run_prefix()}")
    seeded = time.monotonic()
    await seed.seed_history(server.database_url, room_id, user_id, args.messages)
    seed_seconds = time.monotonic() - seeded
    rng = random.Random(args.seed)  # noqa: S311 (reproducible offsets, not secrets)
    befores = [rng.randint(args.limit + 1, args.messages + 1) for _ in range(args.requests)]
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server.base_url, headers=headers, timeout=30) as client:
        # The framework's floor: the cheapest authenticated-free endpoint, same client.
        health = await time_requests(client, ["/api/health"] * args.requests, args.warmup)
        cpu = Cpu(server)
        page_paths = [
            f"/api/rooms/{room_id}/messages?limit={args.limit}&before_seq={before}"
            for before in befores
        ]
        pages = await time_requests(client, page_paths, args.warmup, check=args.limit)
        shares = cpu.shares()
    database = await seed.time_history_query(server.database_url, room_id, befores, args.limit + 1)
    print_report(
        "history",
        {
            **describe(args),
            "seed_seconds": round(seed_seconds, 1),
            "latency_ms": latency_summary_ms(pages),
            "health_endpoint_ms": latency_summary_ms(health),
            "same_sql_via_asyncpg_ms": latency_summary_ms(database),
            "cpu_share": shares,
        },
    )
    print(await seed.explain_history(server.database_url, room_id, befores[0], args.limit + 1))


async def time_requests(
    client: httpx.AsyncClient, paths: list[str], warmup: int, check: int = 0
) -> array[int]:
    """Sequential GETs (one in flight); ns per request after `warmup` unmeasured ones."""
    timings = array("q")
    for n, path in enumerate(paths[:warmup] + paths):
        begun = time.monotonic_ns()
        response = await client.get(path)
        took = time.monotonic_ns() - begun
        response.raise_for_status()
        if check and len(response.json()["messages"]) != check:
            raise RuntimeError(f"short page for {path}")
        if n >= warmup:
            timings.append(took)
    return timings


async def uploads(args: argparse.Namespace, server: Server) -> None:
    from . import uploads as scenario  # imported here: it builds on this module

    await scenario.run(args, server)


async def loginflood(args: argparse.Namespace, server: Server) -> None:
    from . import loginflood as scenario  # imported here: it builds on this module

    await scenario.run(args, server)


def close_all(clients: list[FastClient]) -> None:
    for client in clients:
        client.close()


# -- CLI ---------------------------------------------------------------------------
def describe(args: argparse.Namespace) -> dict[str, Any]:
    skip = {"func", "secret_key"}
    return {"args": {k: v for k, v in vars(args).items() if k not in skip}}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.loadgen", description=__doc__)
    commands = parser.add_subparsers(dest="scenario", required=True)

    def command(name: str, func: Callable[..., Awaitable[None]], text: str) -> Any:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(func=func)
        add_server_options(sub)
        return sub

    sub = command("fanout", fanout, "N receivers in one room, senders at a total rate R")
    add_load_options(sub, receivers=500, rate=160.0)
    sub.add_argument("--body-pad", type=int, default=0, help="extra ASCII chars per body")

    sub = command("slow", slow, "fanout of big messages, then again with K stalled readers")
    add_load_options(sub, receivers=100, rate=20.0)
    sub.add_argument("--stalled", type=int, default=5)
    sub.add_argument("--rcvbuf", type=int, default=8192, help="stalled clients' SO_RCVBUF")
    sub.add_argument("--body-chars", type=int, default=4000, help="Hangul chars per body")
    sub.add_argument("--rounds", type=int, default=1, help="baseline/stalled pairs")

    sub = command("idle", idle, "C idle authenticated connections: connect rate and RSS")
    sub.add_argument("--connections", type=int, default=5000)
    sub.add_argument("--concurrency", type=int, default=100, help="handshakes in flight")
    sub.add_argument("--settle", type=float, default=3.0, help="seconds before RSS after")
    sub.add_argument(
        "--tracemalloc",
        metavar="FILE",
        help="trace the server's allocations (bench/memhook) and write growth to FILE",
    )
    sub.add_argument(
        "--gc-stats",
        action="store_true",
        help="time the server's garbage collections while connecting (bench/memhook)",
    )

    sub = command("history", history, "history page latency over a big room (PostgreSQL)")
    sub.add_argument("--messages", type=int, default=1_000_000)
    sub.add_argument("--requests", type=int, default=2000)
    sub.add_argument("--warmup", type=int, default=200)
    sub.add_argument("--limit", type=int, default=50)
    sub.add_argument("--seed", type=int, default=1)

    sub = command("uploads", uploads, "upload MB/s, thumbnail jobs/s, RSS while streaming")
    sub.add_argument("--sizes", type=float, nargs="+", default=[1.0, 20.0], help="MiB")
    sub.add_argument("--total-mib", type=float, default=200.0, help="uploaded per phase")
    sub.add_argument("--parallel", type=int, default=4, help="requests in flight")
    sub.add_argument("--images", type=int, default=40, help="JPEGs for the thumbnail jobs")
    sub.add_argument("--width", type=int, default=2000)
    sub.add_argument("--height", type=int, default=1500)

    cache = Path(tempfile.gettempdir()) / "parley-bench-files"
    sub.add_argument("--cache-dir", default=str(cache), help="generated test files")

    sub = command("loginflood", loginflood, "chat pong latency, quiet and during a login flood")
    sub.add_argument("--sockets", type=int, default=20, help="chat sockets pinging")
    sub.add_argument("--interval", type=float, default=0.05, help="seconds between pings")
    sub.add_argument("--duration", type=float, default=15.0, help="seconds per phase")
    sub.add_argument("--flooders", type=int, default=4, help="clients looping login")
    sub.add_argument(
        "--server-env",
        action="append",
        metavar="KEY=VALUE",
        help="a setting for the spawned server (e.g. PARLEY_LOGIN_ADDRESS_RATE_LIMIT)",
    )

    text = "fanout on PostgreSQL through Redis: one or two instances, or workers (own servers)"
    sub = commands.add_parser("scaled", help=text, description=text)
    add_load_options(sub, receivers=200, rate=50.0)
    sub.add_argument("--mode", choices=("memory", "redis", "two", "workers"), default="two")
    sub.add_argument("--server-cpus", default="0,0", help="cores of the instances, e.g. 0,1")
    sub.add_argument("--workers", type=int, help="PARLEY_WORKERS with --mode workers (2)")
    sub.add_argument("--rev", help="run the server code of this git revision (snapshot)")
    sub.add_argument("--wait-quiet", type=float, default=0, help="wait up to S s for idle")

    args = parser.parse_args(argv)
    if args.scenario == "history" and args.database != "postgres":
        parser.error("history needs --database postgres")
    return args


def add_load_options(sub: argparse.ArgumentParser, *, receivers: int, rate: float) -> None:
    sub.add_argument("--receivers", type=int, default=receivers)
    sub.add_argument("--rate", type=float, default=rate, help="total messages/s")
    sub.add_argument("--duration", type=float, default=15.0, help="seconds of load")
    sub.add_argument("--senders", type=int, default=4)
    sub.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds first")
    sub.add_argument("--concurrency", type=int, default=100, help="handshakes in flight")


def add_server_options(sub: argparse.ArgumentParser) -> None:
    group = sub.add_argument_group("server")
    group.add_argument("--spawn", action="store_true", help="start a server on core 0")
    group.add_argument("--rev", help="run the server code of this git revision (snapshot)")
    group.add_argument("--server-cpu", type=int, default=0)
    group.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    group.add_argument("--keep-data", action="store_true")
    group.add_argument("--data-root", help="parent of the temporary data dir (default /tmp)")
    group.add_argument(
        "--wait-quiet", type=float, default=0, help="wait up to S seconds for an idle machine"
    )
    group.add_argument("--port", type=int, help="existing server on 127.0.0.1 (no --spawn)")
    group.add_argument("--secret-key", help="existing server's PARLEY_SECRET_KEY")
    group.add_argument("--database-url", help="existing server's database (plain URL)")
    group.add_argument("--server-pid", type=int, help="existing server's pid (for RSS)")


@contextlib.contextmanager
def server_for(args: argparse.Namespace) -> Iterator[Server]:
    if not args.spawn:
        if not (args.port and args.secret_key and args.database_url):
            sys.exit("without --spawn give --port, --secret-key and --database-url")
        yield Server(args.port, args.secret_key, args.database_url, pid=args.server_pid)
        return
    database_url = None
    if args.database == "postgres":
        name = f"parley_bench_{args.scenario}"
        asyncio.run(seed.recreate_database(ADMIN_PG_URL, name))
        database_url = f"postgresql://postgres@{HOST}:5432/{name}"
    tree = snapshot(args.rev) if args.rev else None
    args.server_code = code_identity(tree)
    try:
        server = spawn(
            tree=tree,
            database_url=database_url,
            cpu=args.server_cpu,
            data_root=args.data_root,
            env_overrides=memhook_env(args),
        )
        # For attaching a profiler (py-spy record --pid) while the load runs.
        print(f"server pid={server.pid} port={server.port} log={server.log_path}", flush=True)
        try:
            yield server
        finally:
            stop(server, keep_data=args.keep_data)
    finally:
        if tree is not None:
            shutil.rmtree(tree, ignore_errors=True)


def memhook_env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(item.split("=", 1) for item in getattr(args, "server_env", None) or [])
    if out := getattr(args, "tracemalloc", None):
        env["PARLEY_BENCH_TRACEMALLOC_OUT"] = str(Path(out).resolve())
    if getattr(args, "gc_stats", False):
        env["PARLEY_BENCH_GC_OUT"] = str(gc_stats_path(args))
    if env:
        env["PYTHONPATH"] = str(Path(__file__).resolve().parent / "memhook")
    return env


def gc_stats_path(args: argparse.Namespace) -> Path:
    return Path(tempfile.gettempdir()) / f"parley-bench-gc-{os.getpid()}.jsonl"


def server_gc_stats(server: Server, args: argparse.Namespace) -> dict[str, Any] | None:
    """The server's collections since the previous call (bench/memhook; --gc-stats)."""
    path = gc_stats_path(args)
    before = path.read_text().count("\n") if path.exists() else 0
    os.kill(server.pid or 0, signal.SIGUSR2)
    for _ in range(100):  # the handler runs between the server's bytecodes
        if path.exists() and path.read_text().count("\n") > before:
            stats: dict[str, Any] = json.loads(path.read_text().splitlines()[-1])
            return stats
        time.sleep(0.02)
    return None


def check_fd_limit(args: argparse.Namespace) -> None:
    needed = getattr(args, "receivers", 0) + getattr(args, "connections", 0) + 200
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        sys.exit(f"ulimit -n is {soft}; this run needs about {needed} (raise it first)")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    check_fd_limit(args)
    if args.wait_quiet > 0:
        load = machine.wait_quiet(QUIET_CORES, args.wait_quiet)
        print(f"machine busy before start: {load:.2f} cores", flush=True)
    if args.scenario == "scaled":
        from . import scaled  # imported here: it builds on this module

        scaled.main(args)  # starts its own servers
        return
    with server_for(args) as server:
        uvloop.run(args.func(args, server))


if __name__ == "__main__":
    main()
