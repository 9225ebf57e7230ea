"""Search and jump latency over a large history (issue step 10, point 5).

    backend/.venv/bin/python -m bench.search --database postgres --messages 1000000
    backend/.venv/bin/python -m bench.search --database sqlite --messages 200000

Starts its own server (pinned to --server-cpu; SQLite in a fresh data dir, or a fresh
PostgreSQL database `parley_bench_search`), then writes straight into the database:
--rooms private rooms, --messages messages spread over them (a mix of Korean and
English words drawn from a fixed vocabulary; `search_text` from the server's own
tokeniser), and one searcher who is a member of --member-rooms of them. It then times,
through the HTTP API one request at a time (each includes the access check, the query
and the JSON):

- `GET /api/search?q=<a two-syllable Korean word>` (different words, each in ~0.5 % of
  all messages, found by prefix: 회의를, 회의에서 …),
- `GET /api/search?q=<an English word>` (each in ~0.5 %, by stem),
- `GET /api/rooms/{id}/messages?around_seq=N` (a jump's context page, 50 messages),

and prints p50 / p95 / p99 / max per kind. Not a test: figures in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from array import array
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from parley.services.search_text import search_text

from . import seed
from .stats import latency_summary_ms, print_report

DATABASE = "parley_bench_search"
# Words searched for: each is drawn into about 1 message in 200.
KOREAN_TARGETS = ["회의", "일정", "보고", "예산", "계약", "출장", "자료", "검토", "승인", "고객"]
ENGLISH_TARGETS = ["deploy", "budget", "review", "invoice", "release", "contract", "travel"]
PARTICLES = ["", "를", "을", "에서", "의", "는", "가", "로", "와", "도"]
FILLER_KOREAN = [
    "오늘",
    "내일",
    "어제",
    "우리",
    "그리고",
    "정말",
    "다시",
    "먼저",
    "이번",
    "다음",
    "주간",
    "사무실",
    "점심",
    "커피",
    "프로젝트",
    "문서",
    "메일",
    "전화",
    "시간",
    "확인",
    "부탁",
    "감사",
    "준비",
    "완료",
    "변경",
    "공유",
    "질문",
    "답변",
    "요청",
    "처리",
    "진행",
    "결과",
    "방법",
    "문제",
    "해결",
    "정리",
]
FILLER_ENGLISH = [
    "the",
    "team",
    "we",
    "will",
    "check",
    "please",
    "thanks",
    "today",
    "tomorrow",
    "office",
    "lunch",
    "coffee",
    "project",
    "document",
    "email",
    "call",
    "time",
    "update",
    "share",
    "question",
    "answer",
    "request",
    "issue",
    "fix",
    "plan",
    "meeting",
    "notes",
    "draft",
    "design",
    "build",
    "test",
    "server",
    "client",
    "ticket",
    "ready",
    "done",
    "later",
    "soon",
]
TARGET_SHARE = 1 / 200


def _body(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(5, 14)):
        if rng.random() < 0.5:
            words.append(rng.choice(FILLER_KOREAN) + rng.choice(PARTICLES))
        else:
            words.append(rng.choice(FILLER_ENGLISH))
    for target in KOREAN_TARGETS:
        if rng.random() < TARGET_SHARE:
            words.insert(rng.randrange(len(words) + 1), target + rng.choice(PARTICLES))
    for target in ENGLISH_TARGETS:
        if rng.random() < TARGET_SHARE:
            form = rng.choice([target, target + "s", target + "ed", target + "ing"])
            words.insert(rng.randrange(len(words) + 1), form)
    return " ".join(words)


def _history(
    rooms: list[int], authors: list[int], count: int, seed_value: int
) -> list[tuple[Any, ...]]:
    """(room_id, seq, change_seq, author_id, body, search_text, client_id, created_at)."""
    rng = random.Random(seed_value)  # noqa: S311 (seeded, reproducible)
    seqs = dict.fromkeys(rooms, 0)
    start = datetime.now(UTC) - timedelta(days=365)
    step = timedelta(days=365) / count
    rows = []
    for n in range(count):
        room = rooms[n % len(rooms)] if n % 3 else rng.choice(rooms)
        seqs[room] += 1
        body = _body(rng)
        rows.append(
            (room, seqs[room], seqs[room], rng.choice(authors), body, search_text(body),
             f"seed-{n}", start + step * n)
        )  # fmt: skip
    return rows


def _time(
    client: httpx.Client, requests: list[tuple[str, dict[str, Any]]]
) -> tuple[array[int], int]:
    timings, found = array("q"), 0
    for path, params in requests:
        begun = time.monotonic_ns()
        response = client.get(path, params=params)
        timings.append(time.monotonic_ns() - begun)
        response.raise_for_status()
        body = response.json()
        found += len(body["items"] if "items" in body else body["messages"])
    return timings, found


def run(args: argparse.Namespace) -> None:
    with seed.fresh_server(args.database, DATABASE, args.server_cpu, keep=args.keep) as server:
        prefix = seed.run_prefix()
        owner, searcher, *authors = asyncio.run(seed.insert_users(server, 22, prefix))
        began = time.monotonic()

        def rows_of(room_ids: list[int]) -> list[tuple[Any, ...]]:
            return _history(room_ids, [owner, *authors], args.messages, args.seed)

        if server.database_url.startswith("sqlite"):
            room_ids, last = seed.insert_rooms_sqlite(
                server.database_url, owner, args.rooms, rows_of
            )
        else:
            room_ids, last = asyncio.run(
                seed.insert_rooms_postgres(server.database_url, owner, args.rooms, rows_of)
            )
        mine = random.Random(args.seed).sample(room_ids, args.member_rooms)  # noqa: S311
        seed.insert_memberships(server.database_url, [(room, searcher) for room in mine])
        seeded_s = round(time.monotonic() - began, 1)
        token = seed.mint_token(server, searcher)
        rng = random.Random(args.seed + 1)  # noqa: S311
        korean = [("/api/search", {"q": rng.choice(KOREAN_TARGETS)}) for _ in range(args.queries)]
        english = [("/api/search", {"q": rng.choice(ENGLISH_TARGETS)}) for _ in range(args.queries)]
        jumps = []
        for _ in range(args.queries):
            room = rng.choice(mine)
            jumps.append(
                (f"/api/rooms/{room}/messages", {"around_seq": rng.randint(1, last[room])})
            )
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as client:
            _time(client, korean[:20] + english[:20] + jumps[:20])  # warm caches
            results: dict[str, Any] = {}
            for name, requests in (("korean", korean), ("english", english), ("jump", jumps)):
                timings, found = _time(client, requests)
                results[f"{name}_ms"] = latency_summary_ms(timings)
                results[f"{name}_results_per_request"] = round(found / len(requests), 1)
        print_report(
            "search",
            {
                "args": vars(args) | {"func": None},
                "seeded_s": seeded_s,
                **results,
            },
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--rooms", type=int, default=1000)
    parser.add_argument("--member-rooms", type=int, default=50)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-cpu", default="0")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
