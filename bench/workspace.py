"""A workspace, not one room (issue step 12, point 1): how many concurrent people one
server core holds while they chat the way a team does.

    backend/.venv/bin/python -m bench.workspace --database sqlite --users 200,400,800

Modelled on Mattermost's load-test agents. The server runs pinned to --server-cpu (one
core); this generator pins itself to --client-cpu. Seeded straight into the database:
the largest step's users, --rooms rooms with --history messages each, and every user a
member of --rooms-per-user of them: two of the --large-rooms (so each large one holds a
good part of everyone), the rest drawn from the many small ones. Every user
keeps one socket, joined to all their rooms. Per user and minute, on average (a Poisson
process per kind, --rate-scale multiplies them all):

- 1 send into one of their rooms (the body carries the send time: every member's socket
  that receives it times send → deliver),
- 3 room switches: the newest 50 messages over REST, then a read mark (timed together),
- 4 typing notices, 1 reaction (on a message the last switch showed),
- and 1 user in 100 reconnects: closes the socket, opens a new one, authenticates and
  rejoins every room with `since` (its last seen seq there).

Each step adds users up to its count, warms up for --warmup seconds, runs --duration
seconds, and reports deliver and
switch latency (p50/p95/p99), errors, and both processes' CPU. A step "holds" when
deliver p99 < 200 ms and switch p99 < 150 ms; the run stops at the first step that does
not. Direct messages are not modelled (each is one more small room). Not a test:
figures in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import time
import uuid
from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from . import seed
from .server import HOST, Server
from .stats import latency_summary_ms, print_report
from .wsclient import FastClient

DATABASE = "parley_bench_workspace"
DELIVER_P99_MS = 200.0
SWITCH_P99_MS = 150.0
PER_MINUTE = {"send": 1.0, "switch": 3.0, "typing": 4.0, "reaction": 1.0, "reconnect": 0.01}
ROOM_MARK = b'"room":'


@dataclass
class Recorder:
    deliver: array[int] = field(default_factory=lambda: array("q"))
    switch: array[int] = field(default_factory=lambda: array("q"))
    errors: dict[str, int] = field(default_factory=dict)
    done: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.done[kind] = self.done.get(kind, 0) + 1

    def failed(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


class MemberClient(FastClient):
    """A FastClient that also remembers, per room, the newest seq it has seen (for
    `since` on reconnect) and times bench messages into the shared recorder."""

    def __init__(self, server: Server, recorder: Recorder) -> None:
        super().__init__(HOST, server.port, server.origin)
        self.recorder = recorder
        self.last_seq: dict[int, int] = {}
        # Per room, the last seq when it was joined: what comes at or below it is a
        # resume's replay (late by the time away), not a live delivery, and not timed.
        self.live_after: dict[int, int] = {}
        # Per room, the newest change seen (a message's change_seq, or `joined`'s
        # last_change_seq): the `since` of the next join.
        self.last_change: dict[int, int] = {}
        self.presence_seen = 0

    def _on_text(self, payload: bytes, now_ns: int) -> None:
        # Parsed only where something is read off the frame, and once: in a reconnect
        # storm the generator shares its one core with every frame the server sends.
        if payload.startswith(b'{"type":"presence"'):
            self.presence_seen += 1
            return  # nobody waits for presence: counted, not queued
        if payload.startswith(b'{"type":"joined"'):
            # Here, not where connect() reads it: the room's replay follows at once, in
            # this same read, before that coroutine runs again.
            joined = json.loads(payload)
            room = int(joined["room"])
            self.live_after[room] = int(joined["last_seq"])
            self.last_change.setdefault(room, int(joined["last_change_seq"]))
            if self.keep_control:
                self.control.put_nowait(joined)
            return
        if payload.startswith(b'{"type":"message"'):
            message = json.loads(payload)
            room, seq = int(message["room"]), int(message["message"]["seq"])
            if seq > self.last_seq.get(room, 0):
                self.last_seq[room] = seq
            change = int(message["message"]["change_seq"])
            if change > self.last_change.get(room, 0):
                self.last_change[room] = change
            body = str(message["message"]["body"])
            if body.startswith("bench:") and seq > self.live_after.get(room, 0):
                self.recorder.deliver.append(now_ns - int(body.split(":", 2)[1]))
            return
        super()._on_text(payload, now_ns)


@dataclass
class Member:
    user_id: int
    token: str
    rooms: list[int]
    socket: MemberClient | None = None
    shown: dict[int, int] = field(default_factory=dict)  # room -> a message id seen there


async def connect(
    member: Member,
    server: Server,
    recorder: Recorder,
    limit_s: float,
    *,
    one_frame: bool = False,
    phases: list[array[int]] | None = None,
) -> None:
    """Open, authenticate and join every room of `member`, with `since` where a previous
    socket saw the room: one `join` per room, or (`one_frame`) all in one `join_rooms`.
    With `phases` (three arrays), how long the handshake, the authentication and the
    joins each took, in ns."""
    client = MemberClient(server, recorder)
    if member.socket is not None:
        client.last_seq = dict(member.socket.last_seq)
        client.last_change = dict(member.socket.last_change)
    begun = time.monotonic_ns()
    await client.connect(limit_s)
    opened = time.monotonic_ns()
    client.send_json({"type": "auth", "token": member.token})
    await client.expect("ready", limit_s)
    ready = time.monotonic_ns()
    joins: list[dict[str, Any]] = []
    for room in member.rooms:
        frame: dict[str, Any] = {"room": room}
        if room in client.last_change:
            frame["since"] = client.last_change[room]
        joins.append(frame)
    if one_frame:
        client.send_json({"type": "join_rooms", "rooms": joins})
    else:
        for frame in joins:
            client.send_json({"type": "join", **frame})
    for _room in member.rooms:
        await client.expect("joined", limit_s)
    if phases is not None:
        for phase, took in zip(
            phases, (opened - begun, ready - opened, time.monotonic_ns() - ready), strict=True
        ):
            phase.append(took)
    client.keep_control = False  # from here on only counted: an idle queue cannot grow
    member.socket = client


async def switch(member: Member, http: httpx.AsyncClient, recorder: Recorder, room: int) -> None:
    headers = {"Authorization": f"Bearer {member.token}"}
    begun = time.monotonic_ns()
    page = await http.get(f"/api/rooms/{room}/messages", params={"limit": 50}, headers=headers)
    page.raise_for_status()
    messages = page.json()["messages"]
    if messages:
        newest = max(messages, key=lambda m: m["seq"])
        member.shown[room] = int(newest["id"])
        read = await http.post(
            f"/api/rooms/{room}/read", json={"seq": newest["seq"]}, headers=headers
        )
        read.raise_for_status()
    recorder.switch.append(time.monotonic_ns() - begun)


async def react(member: Member, http: httpx.AsyncClient, room: int) -> None:
    message_id = member.shown.get(room)
    if message_id is None:
        return
    response = await http.put(
        f"/api/messages/{message_id}/reactions/👍",
        headers={"Authorization": f"Bearer {member.token}"},
    )
    if response.status_code not in (200, 201, 204, 429):
        response.raise_for_status()


async def act(
    kind: str,
    member: Member,
    http: httpx.AsyncClient,
    server: Server,
    recorder: Recorder,
    rng: random.Random,
) -> None:
    room = rng.choice(member.rooms)
    socket = member.socket
    try:
        if kind == "send" and socket is not None:
            body = f"bench:{time.monotonic_ns()}:hello team"
            socket.send_json(
                {"type": "send", "room": room, "body": body, "client_id": uuid.uuid4().hex}
            )
        elif kind == "typing" and socket is not None:
            socket.send_json({"type": "typing", "room": room})
        elif kind == "switch":
            await switch(member, http, recorder, room)
        elif kind == "reaction":
            await react(member, http, room)
        elif kind == "reconnect" and socket is not None:
            socket.close()
            await connect(member, server, recorder, 30.0)
        recorder.count(kind)
    except Exception:
        recorder.failed(kind)


async def drive(
    members: list[Member],
    http: httpx.AsyncClient,
    server: Server,
    recorder: Recorder,
    seconds: float,
    scale: float,
    rng: random.Random,
) -> None:
    """Poisson arrivals of every kind over all members, each action its own task."""
    rates = {
        kind: per_minute * scale * len(members) / 60 for kind, per_minute in PER_MINUTE.items()
    }
    total = sum(rates.values())
    kinds, weights = list(rates), list(rates.values())
    tasks: set[asyncio.Task[None]] = set()
    loop = asyncio.get_running_loop()
    until = loop.time() + seconds
    next_at = loop.time()
    while True:
        next_at += rng.expovariate(total)
        if next_at >= until:
            break
        delay = next_at - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        kind = rng.choices(kinds, weights)[0]
        task = asyncio.create_task(act(kind, rng.choice(members), http, server, recorder, rng))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks, timeout=60)


def assign_rooms(
    users: list[int], rooms: list[int], large: int, per_user: int, rng: random.Random
) -> dict[int, list[int]]:
    big, small = rooms[:large], rooms[large:]
    return {
        user: rng.sample(big, min(2, len(big))) + rng.sample(small, per_user - min(2, len(big)))
        for user in users
    }


def history_rows(rooms: list[int], authors: list[int], per_room: int) -> list[tuple[Any, ...]]:
    start = datetime.now(UTC) - timedelta(days=1)
    rows = []
    for room in rooms:
        for seq in range(1, per_room + 1):
            body = f"history {seq}"
            rows.append(
                (room, seq, seq, authors[(room + seq) % len(authors)], body, body,
                 f"seed-{room}-{seq}", start + timedelta(seconds=seq))
            )  # fmt: skip
    return rows


async def connect_all(
    members: list[Member], server: Server, recorder: Recorder, concurrency: int
) -> None:
    semaphore = asyncio.Semaphore(concurrency)

    async def one(member: Member) -> None:
        async with semaphore:
            await connect(member, server, recorder, 60.0)

    await asyncio.gather(*(one(m) for m in members))


async def run_steps(args: argparse.Namespace, server: Server, members: list[Member]) -> None:
    rng = random.Random(args.seed)  # noqa: S311 (seeded, reproducible)
    limits = httpx.Limits(
        max_connections=args.http_connections, max_keepalive_connections=args.http_connections
    )
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60, limits=limits) as http:
        connected = 0
        for step in args.users:
            warm, recorder = Recorder(), Recorder()
            await connect_all(members[connected:step], server, warm, args.connect_concurrency)
            connected = step
            # Warm-up, not recorded: first queries fill statement caches and the pool.
            for member in members[:step]:
                assert member.socket is not None
                member.socket.recorder = warm
            await drive(members[:step], http, server, warm, args.warmup, args.rate_scale, rng)
            await asyncio.sleep(args.settle)  # what the warm-up sent arrives meanwhile
            for member in members[:step]:
                assert member.socket is not None
                member.socket.recorder = recorder
            cpu_before = server.cpu_split()
            mine_before = resource.getrusage(resource.RUSAGE_SELF)
            began = time.monotonic()
            await drive(members[:step], http, server, recorder, args.duration, args.rate_scale, rng)
            wall = time.monotonic() - began
            cpu_after = server.cpu_split()
            mine_after = resource.getrusage(resource.RUSAGE_SELF)
            deliver = latency_summary_ms(recorder.deliver) if recorder.deliver else {}
            switched = latency_summary_ms(recorder.switch) if recorder.switch else {}
            holds = (
                deliver.get("p99", DELIVER_P99_MS) < DELIVER_P99_MS
                and switched.get("p99", SWITCH_P99_MS) < SWITCH_P99_MS
                and not recorder.errors
            )
            server_cpu = sum(cpu_after) - sum(cpu_before)
            generator_cpu = (mine_after.ru_utime + mine_after.ru_stime) - (
                mine_before.ru_utime + mine_before.ru_stime
            )
            print_report(
                "workspace",
                {
                    "users": step,
                    "holds": holds,
                    "deliver_ms": deliver,
                    "switch_ms": switched,
                    "deliveries": len(recorder.deliver),
                    "done": recorder.done,
                    "errors": recorder.errors,
                    "server_cores_busy": round(server_cpu / wall, 2),
                    "generator_cores_busy": round(generator_cpu / wall, 2),
                },
            )
            if not holds:
                break
        for member in members[:connected]:
            if member.socket is not None:
                member.socket.close()


def seed_members(args: argparse.Namespace, server: Server, users: int) -> list[Member]:
    """`users` people (and a room owner) straight into the database, each a member of
    --rooms-per-user of the --rooms rooms, which hold --history messages each."""
    owner, *user_ids = asyncio.run(seed.insert_users(server, users + 1, seed.run_prefix()))
    rng = random.Random(args.seed)  # noqa: S311 (seeded, reproducible)

    def rows_of(room_ids: list[int]) -> list[tuple[Any, ...]]:
        return history_rows(room_ids, user_ids[:50], args.history)

    if server.database_url.startswith("sqlite"):
        rooms, _last = seed.insert_rooms_sqlite(server.database_url, owner, args.rooms, rows_of)
    else:
        rooms, _last = asyncio.run(
            seed.insert_rooms_postgres(server.database_url, owner, args.rooms, rows_of)
        )
    assigned = assign_rooms(user_ids, rooms, args.large_rooms, args.rooms_per_user, rng)
    seed.insert_memberships(
        server.database_url, [(room, user) for user, mine in assigned.items() for room in mine]
    )
    return [Member(user, seed.mint_token(server, user), assigned[user]) for user in user_ids]


def add_workspace_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rooms", type=int, default=500)
    parser.add_argument("--large-rooms", type=int, default=5)
    parser.add_argument("--rooms-per-user", type=int, default=10)
    parser.add_argument("--history", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-cpu", default="0")
    parser.add_argument("--client-cpu", default="1")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")


def run(args: argparse.Namespace) -> None:
    os.sched_setaffinity(0, {int(args.client_cpu)})
    with seed.fresh_server(args.database, DATABASE, args.server_cpu, keep=args.keep) as server:
        members = seed_members(args, server, max(args.users))
        asyncio.run(run_steps(args, server, members))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_workspace_options(parser)
    parser.add_argument(
        "--users", type=lambda s: [int(n) for n in s.split(",")], default=[200, 400, 800]
    )
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--settle", type=float, default=3.0)
    parser.add_argument("--rate-scale", type=float, default=1.0)
    parser.add_argument("--connect-concurrency", type=int, default=50)
    parser.add_argument("--http-connections", type=int, default=50)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
