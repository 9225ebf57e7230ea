"""The `scaled` scenario: fan-out on PostgreSQL through the Redis broker.

Run through the load generator (`python -m bench.loadgen scaled --mode ...`). Each run
creates a fresh database and a fresh Redis key prefix, spawns its own server(s), runs
one fan-out like `fanout` (warm-up, then the measured phase) and removes everything:

- `memory`: one instance, PARLEY_BROKER=memory (the embedded default) on PostgreSQL;
- `redis`: one instance, PARLEY_BROKER=redis: every event makes a Redis round trip
  before it is delivered, so this against `memory` is the cost of the Redis hop;
- `two`: two instances of one deployment (shared secret, database, Redis prefix); the
  first starts alone and migrates, the second starts once the first answers
  /api/ready. Receivers alternate between the instances, senders all use the first.
- `workers`: one instance, `python -m parley serve` with PARLEY_WORKERS=N (default 2)
  and the Redis broker: the parent migrates, then N uvicorn workers share its port and
  the kernel gives each connection to one of them. Which one is read from /proc
  (server.connection_owners), so receivers, senders, CPU and latency are reported per
  worker; the server's totals include every child process.

`--server-cpus` pins the instances (e.g. `0,0` both on core 0, `0,1` one per core; the
generator runs on core 1 either way). With `workers` it is the one taskset list of the
parent, which its workers inherit: `0` puts every worker on core 0, `0,1` lets the
kernel schedule them on both cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import shutil
import socket
import time
from array import array
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import redis
import uvloop

from . import seed
from .loadgen import (
    ADMIN_PG_URL,
    Load,
    close_all,
    describe,
    gather_limited,
    open_receiver,
    open_sender,
    prepare_room,
    run_phase,
    small_body,
)
from .server import (
    HOST,
    Server,
    child_pids,
    code_identity,
    connection_owners,
    cpu_split,
    free_port,
    is_spawned_worker,
    rss_kib,
    snapshot,
    spawn,
    stop,
)
from .stats import latency_summary_ms, print_report
from .wsclient import FastClient, MessageSink

DATABASE = "parley_bench_scaled"
REDIS_URL = f"redis://{HOST}:6379/0"
MAX_KEYS_DELETED = 1_000_000


@dataclass
class Cluster(Server):
    """The first instance's address, with memory and CPU summed over every instance."""

    members: list[Server] = field(default_factory=list)

    @classmethod
    def of(cls, servers: list[Server]) -> Cluster:
        first = {f.name: getattr(servers[0], f.name) for f in fields(Server)}
        return cls(**first, members=servers)

    def rss_kib(self) -> int | None:
        values = [server.rss_kib() for server in self.members]
        return None if None in values else sum(v or 0 for v in values)

    def cpu_split(self) -> tuple[float, float]:
        splits = [server.cpu_split() for server in self.members]
        return sum(s[0] for s in splits), sum(s[1] for s in splits)


def instance_env(args: argparse.Namespace, ports: list[int], prefix: str) -> dict[str, str]:
    origins = [f"http://{HOST}:{port}" for port in ports]
    return {
        "PARLEY_DATABASE_URL": f"postgresql://postgres@{HOST}:5432/{DATABASE}",
        "PARLEY_BROKER": "memory" if args.mode == "memory" else "redis",
        "PARLEY_REDIS_URL": REDIS_URL,
        "PARLEY_REDIS_PREFIX": prefix,
        "PARLEY_ALLOWED_ORIGINS": json.dumps(origins),
    }


def start_instances(
    args: argparse.Namespace, tree: Path | None, prefix: str, cpus: list[int]
) -> list[Server]:
    """One after the other: the first migrates the fresh database before the second."""
    ports: list[int] = []
    while len(ports) < len(cpus):
        port = free_port()
        if port not in ports:
            ports.append(port)
    env = instance_env(args, ports, prefix)
    key = secrets.token_urlsafe(32)
    servers: list[Server] = []
    try:
        for port, cpu in zip(ports, cpus, strict=True):
            server = spawn(
                tree=tree,
                database_url=env["PARLEY_DATABASE_URL"],
                cpu=cpu,
                env_overrides=env,
                port=port,
                secret_key=key,
                ready_path="/api/ready",
            )
            servers.append(server)
            print(f"server pid={server.pid} port={server.port} cpu={cpu}", flush=True)
    except BaseException:
        for server in servers:
            stop(server)
        raise
    return servers


def start_workers(args: argparse.Namespace, tree: Path | None, prefix: str) -> Server:
    """One `serve` with PARLEY_WORKERS, pinned with its workers to --server-cpus."""
    port = free_port()
    env = {**instance_env(args, [port], prefix), "PARLEY_WORKERS": str(args.workers)}
    server = spawn(
        tree=tree,
        database_url=env["PARLEY_DATABASE_URL"],
        cpu=args.server_cpus,
        env_overrides=env,
        port=port,
        ready_path="/api/ready",
    )
    try:
        workers = wait_workers_serving(server, args.workers)
        server.children = child_pids(server.pid or 0)  # the workers and the resource tracker
    except BaseException:
        stop(server)
        raise
    print(
        f"server pid={server.pid} port={server.port} cpus={args.server_cpus} workers={workers}",
        flush=True,
    )
    return server


def worker_pids(server: Server) -> list[int]:
    return [pid for pid in server.children if is_spawned_worker(pid)]


def wait_workers_serving(server: Server, count: int, timeout: float = 60.0) -> list[int]:
    """The workers' pids, once each of them has answered /api/ready itself: one answer
    is not enough, the other worker may still be importing the app."""
    request = f"GET /api/ready HTTP/1.1\r\nHost: {HOST}:{server.port}\r\n\r\n".encode()
    answered: set[int] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = [pid for pid in child_pids(server.pid or 0) if is_spawned_worker(pid)]
        if len(workers) == count:
            with socket.create_connection((HOST, server.port), timeout=5) as probe:
                probe.sendall(request)
                # Kept alive after the answer, so the /proc lookup still finds it.
                if probe.recv(4096).startswith(b"HTTP/1.1 200"):
                    owners = connection_owners(server.port, workers)
                    answered.add(owners.get(probe.getsockname()[1], 0))
            if answered >= set(workers):
                return workers
        time.sleep(0.05)
    raise TimeoutError(f"not every one of {count} workers answered within {timeout}s")


def delete_redis_keys(prefix: str) -> int:
    """Presence keys left under this run's prefix (channels need no cleanup)."""
    client = redis.Redis.from_url(REDIS_URL)
    deleted = 0
    try:
        batch: list[bytes] = []
        for key in client.scan_iter(match=prefix + "*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                deleted += int(client.delete(*batch))
                batch = []
            if deleted >= MAX_KEYS_DELETED:
                break
        if batch:
            deleted += int(client.delete(*batch))
    finally:
        client.close()
    return deleted


def client_port(client: FastClient) -> int:
    assert client.transport is not None
    return int(client.transport.get_extra_info("sockname")[1])


async def measure(args: argparse.Namespace, servers: list[Server]) -> dict[str, Any]:
    cluster = Cluster.of(servers)
    room = await prepare_room(cluster, args.receivers, args.senders)
    room_id = room.room_id
    receivers = await gather_limited(
        [
            lambda n=n, token=token: open_receiver(servers[n % len(servers)], token, room_id)  # type: ignore[misc]
            for n, token in enumerate(room.receiver_tokens)
        ],
        args.concurrency,
    )
    senders = [await open_sender(servers[0], token) for token in room.sender_tokens]
    # Latency and CPU per group: per instance, or per worker of the one instance.
    workers = worker_pids(servers[0]) if args.mode == "workers" else []
    if workers:
        owners = connection_owners(servers[0].port, workers)
        group_of = [workers.index(owners[client_port(client)]) for client in receivers]
        sender_groups = [workers.index(owners[client_port(client)]) for client in senders]
        group_pids = workers
    else:
        group_of = [n % len(servers) for n in range(len(receivers))]
        sender_groups = [0] * len(senders)
        group_pids = [server.pid or 0 for server in servers]
    load = Load(args.rate, args.duration, small_body(0))
    if args.warmup > 0:
        await run_phase(room, receivers, senders, Load(args.rate, args.warmup, load.body))
    per_instance = [server.cpu_split() for server in servers]
    per_group = [cpu_split(pid) or (0.0, 0.0) for pid in group_pids]
    began = time.monotonic()
    by_group = [array("q") for _ in group_pids]

    def wrap_sink(index: int, sink: MessageSink) -> MessageSink:
        latencies = by_group[group_of[index]]

        def on_message(seq: int, sent_ns: int, now_ns: int) -> None:
            latencies.append(now_ns - sent_ns)
            sink(seq, sent_ns, now_ns)

        return on_message

    result = await run_phase(room, receivers, senders, load, wrap_sink)
    wall = time.monotonic() - began

    def shares(after: list[tuple[float, float]], before: list[tuple[float, float]]) -> list[float]:
        pairs = zip(after, before, strict=True)
        return [round((a[0] + a[1] - b[0] - b[1]) / wall, 2) for a, b in pairs]

    instance_cpu = shares([server.cpu_split() for server in servers], per_instance)
    group_cpu = shares([cpu_split(pid) or (0.0, 0.0) for pid in group_pids], per_group)
    close_all(receivers + senders)
    report: dict[str, Any] = {
        **result,
        "instances": len(servers),
        "receivers_per_instance": [
            len(room.receiver_tokens[n :: len(servers)]) for n in range(len(servers))
        ],
        "cpu_per_instance": instance_cpu,
    }
    if not workers:
        # Receivers on the senders' instance first (all frames go through the broker).
        report["latency_ms_by_instance"] = [latency_summary_ms(v) for v in by_group]
        return report
    return {
        **report,
        "workers": len(workers),
        "receivers_per_worker": [group_of.count(n) for n in range(len(workers))],
        "senders_per_worker": [sender_groups.count(n) for n in range(len(workers))],
        "cpu_per_worker": group_cpu,
        # The supervising parent and multiprocessing's resource tracker: the rest.
        "cpu_outside_workers": round(instance_cpu[0] - sum(group_cpu), 2),
        "rss_kib_per_worker": [rss_kib(pid) for pid in workers],
        "rss_kib_parent": rss_kib(servers[0].pid or 0),
        "latency_ms_by_worker": [latency_summary_ms(v) for v in by_group],
    }


def main(args: argparse.Namespace) -> None:
    cpus = [int(cpu) for cpu in args.server_cpus.split(",")]
    if args.mode == "two" and len(cpus) != 2:
        raise SystemExit("--mode two needs --server-cpus A,B")
    if args.mode == "workers":
        args.workers = args.workers or 2
    elif args.workers is not None:
        raise SystemExit("--workers goes with --mode workers")
    cpus = cpus if args.mode == "two" else cpus[:1]
    prefix = f"bench-{secrets.token_hex(4)}:"
    tree = snapshot(args.rev) if args.rev else None
    args.server_code = code_identity(tree)
    asyncio.run(seed.recreate_database(ADMIN_PG_URL, DATABASE))
    try:
        if args.mode == "workers":
            servers = [start_workers(args, tree, prefix)]
        else:
            servers = start_instances(args, tree, prefix, cpus)
        try:
            result = uvloop.run(measure(args, servers))
        finally:
            for server in reversed(servers):
                stop(server)
        print_report(
            "scaled",
            {**describe(args), "redis_prefix": prefix, "broker": servers_broker(args), **result},
        )
    finally:
        asyncio.run(seed.drop_database(ADMIN_PG_URL, DATABASE))
        print(f"deleted {delete_redis_keys(prefix)} redis keys under {prefix}", flush=True)
        if tree is not None:
            shutil.rmtree(tree, ignore_errors=True)


def servers_broker(args: argparse.Namespace) -> str:
    return "memory" if args.mode == "memory" else "redis"
