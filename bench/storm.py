"""A reconnect storm (issue step 12, point 2): everyone reconnects at once, as after a
server restart, and resumes every room with `since`.

    backend/.venv/bin/python -m bench.storm --database sqlite --users 5000 [--one-frame]

Seeds a workspace as bench/workspace.py does (each user in --rooms-per-user of --rooms
rooms), connects everyone and joins their rooms, then closes every socket. While all
are away, --writers of them come back and send --missed messages into each of their
rooms. Then all users reconnect at once (at most --concurrency handshakes in flight):
each authenticates and rejoins every room with `since` (its last seen seq), by one
`join` per room or, with --one-frame, one `join_rooms` for all. Reported: the seconds
until everyone has rejoined every room (the target is 10 s for 5,000 users in 10 rooms),
per-user time to rejoin (p50/p99), the presence frames received on the way, server CPU,
and whether anyone missed a message (each room's newest seq against each member's).
Not a test: figures in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
import uuid
from array import array

from . import seed
from .server import Server
from .stats import latency_summary_ms, print_report
from .workspace import DATABASE, Member, Recorder, add_workspace_options, connect, seed_members

PRESENCE_PREFIX = b'{"type":"presence"'


async def connect_each(
    members: list[Member],
    server: Server,
    concurrency: int,
    one_frame: bool,
    took: array[int],
    phases: list[array[int]] | None = None,
) -> None:
    semaphore = asyncio.Semaphore(concurrency)
    recorder = Recorder()

    async def one(member: Member) -> None:
        async with semaphore:
            begun = time.monotonic_ns()
            await connect(member, server, recorder, 300.0, one_frame=one_frame, phases=phases)
            took.append(time.monotonic_ns() - begun)

    await asyncio.gather(*(one(member) for member in members))


async def write_while_away(
    writers: list[Member], server: Server, per_room: int, one_frame: bool
) -> tuple[dict[int, int], int]:
    """The newest seq each room reached (acked) while the others were away, and how many
    messages were sent."""
    await connect_each(writers, server, len(writers), one_frame, array("q"))
    newest: dict[int, int] = {}
    sent = 0
    for writer in writers:
        socket = writer.socket
        assert socket is not None
        socket.keep_control = True
        for room in writer.rooms:
            for _ in range(per_room):
                socket.send_json(
                    {"type": "send", "room": room, "body": "missed", "client_id": uuid.uuid4().hex}
                )
                ack = await socket.expect("ack", 60.0)
                seq = int(ack["message"]["seq"])
                newest[room] = max(newest.get(room, 0), seq)
                sent += 1
        socket.close()
    return newest, sent


def presence_frames(members: list[Member]) -> int:
    return sum(m.socket.presence_seen for m in members if m.socket is not None)


async def storm(args: argparse.Namespace, server: Server, members: list[Member]) -> None:
    await connect_each(members, server, 100, args.one_frame, array("q"))
    for member in members:
        assert member.socket is not None
        member.socket.close()
    await asyncio.sleep(2.0)  # the server sees them all gone (presence offline)
    newest, sent = await write_while_away(
        members[: args.writers], server, args.missed, args.one_frame
    )
    cpu_before = server.cpu_split()
    own_before = time.process_time()
    took: array[int] = array("q")
    phases = [array("q"), array("q"), array("q")]
    began = time.monotonic()
    await connect_each(members, server, args.concurrency, args.one_frame, took, phases)
    wall = time.monotonic() - began
    cpu_after = server.cpu_split()
    own = time.process_time() - own_before
    # Replays arrive right behind their `joined`; give the last ones a moment to land.
    await asyncio.sleep(1.0)
    behind = sum(
        1
        for m in members
        if m.socket is not None
        for room in m.rooms
        if m.socket.last_seq.get(room, 0) < newest.get(room, 0)
    )
    print_report(
        "storm",
        {
            "users": len(members),
            "rooms_per_user": args.rooms_per_user,
            "one_frame": args.one_frame,
            "all_rejoined_s": round(wall, 2),
            "users_per_s": round(len(members) / wall, 1),
            "rejoin_ms": latency_summary_ms(took),
            # Where a user's rejoin went: the WebSocket handshake, `auth` to `ready`, and
            # the joins to the last `joined`.
            "handshake_ms": latency_summary_ms(phases[0]),
            "auth_ms": latency_summary_ms(phases[1]),
            "joins_ms": latency_summary_ms(phases[2]),
            "rooms_behind": behind,
            "presence_frames": presence_frames(members),
            "missed_messages_sent": sent,
            "server_cores_busy": round((sum(cpu_after) - sum(cpu_before)) / wall, 2),
            # The generator's own core: near 1.0, the storm measures the client too.
            "loadgen_cores_busy": round(own / wall, 2),
        },
    )
    for member in members:
        if member.socket is not None:
            member.socket.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_workspace_options(parser)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--missed", type=int, default=1, help="messages per writer and room")
    parser.add_argument("--concurrency", type=int, default=1000)
    parser.add_argument("--one-frame", action="store_true", help="join_rooms, not N joins")
    args = parser.parse_args(argv)
    os.sched_setaffinity(0, {int(args.client_cpu)})
    with seed.fresh_server(args.database, DATABASE, args.server_cpu, keep=args.keep) as server:
        members = seed_members(args, server, args.users)
        asyncio.run(storm(args, server, members))


if __name__ == "__main__":
    main()
