"""A login flood beside a chat: do password hashes stall every socket?

C chat sockets each ping the server in turn (one `ping` in flight per socket, every
--interval seconds) and time each `pong`: first quietly, then while F clients loop
`POST /api/auth/login` with random usernames (no account needed, so rate limits keyed
on the username do not slow them). argon2 is tens of milliseconds of CPU per attempt:
on the event loop, every socket waits behind it; beside the loop (security.py's
hashing threads) the loop keeps answering. Reported: the pong latency of both phases
and their ratio (issue step 7 asks at most 2x), and the logins answered per second.

The flooders run in a process of their own: sharing the pingers' event loop, their
HTTP work would delay reading pongs, and the bench would time itself, not the server.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import secrets
import time
from array import array
from multiprocessing.synchronize import Event as StopEvent
from typing import Any

import httpx

from .server import HOST, Server
from .stats import latency_summary_ms, print_report
from .wsclient import FastClient, open_client


async def _pinger(client: FastClient, interval: float, until: float, out: array[int]) -> None:
    while time.monotonic() < until:
        begun = time.monotonic_ns()
        client.send_json({"type": "ping"})
        await client.expect("pong", 30.0)
        out.append(time.monotonic_ns() - begun)
        await asyncio.sleep(interval)


async def _phase(clients: list[FastClient], seconds: float, interval: float) -> array[int]:
    rtts: array[int] = array("q")
    until = time.monotonic() + seconds
    await asyncio.gather(*(_pinger(client, interval, until, rtts) for client in clients))
    return rtts


async def _flooder(base_url: str, stop: StopEvent, counts: dict[int, int]) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        while not stop.is_set():
            response = await http.post(
                "/api/auth/login",
                data={"username": "flood-" + secrets.token_hex(6), "password": "wrong-pass"},
            )
            counts[response.status_code] = counts.get(response.status_code, 0) + 1


async def _flood(base_url: str, flooders: int, stop: StopEvent) -> dict[int, int]:
    counts: dict[int, int] = {}
    await asyncio.gather(*(_flooder(base_url, stop, counts) for _ in range(flooders)))
    return counts


def _flood_process(base_url: str, flooders: int, stop: StopEvent, out: Any) -> None:
    out.put(asyncio.run(_flood(base_url, flooders, stop)))


async def run(args: argparse.Namespace, server: Server) -> None:
    from . import seed  # the bench's own helpers (users straight into the database)

    user_ids = await seed.insert_users(server, args.sockets, seed.run_prefix())
    clients = [
        await open_client(HOST, server.port, server.origin, seed.mint_token(server, user_id))
        for user_id in user_ids
    ]
    await _phase(clients, 2.0, args.interval)  # warm up
    quiet = await _phase(clients, args.duration, args.interval)
    spawn = multiprocessing.get_context("spawn")
    stop, results = spawn.Event(), spawn.Queue()
    flood = spawn.Process(
        target=_flood_process, args=(server.base_url, args.flooders, stop, results)
    )
    flood.start()
    started = time.monotonic()
    flooded = await _phase(clients, args.duration, args.interval)
    elapsed = time.monotonic() - started
    stop.set()
    counts: dict[int, int] = await asyncio.to_thread(results.get, True, 120)
    flood.join(30)
    for client in clients:
        client.close()
    quiet_ms, flood_ms = latency_summary_ms(quiet), latency_summary_ms(flooded)
    print_report(
        "loginflood",
        {
            "args": {k: v for k, v in vars(args).items() if k not in {"func", "secret_key"}},
            "pong_quiet_ms": quiet_ms,
            "pong_during_flood_ms": flood_ms,
            "p99_ratio": round(flood_ms["p99"] / quiet_ms["p99"], 2) if quiet_ms["p99"] else None,
            "p50_ratio": round(flood_ms["p50"] / quiet_ms["p50"], 2) if quiet_ms["p50"] else None,
            "login_answers_per_s": round(sum(counts.values()) / elapsed, 1),
            "login_statuses": counts,
        },
    )
