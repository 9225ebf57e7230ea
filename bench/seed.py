"""Bench fixtures written straight into the database: users, tokens, history.

Signing up over REST costs ~0.2 s of argon2 per user, so thousands of clients are
bulk-inserted instead, after the server has migrated the schema, and get tokens minted
with the server's own secret (parley.security, the code the server verifies with).
"""

from __future__ import annotations

import asyncio
import secrets
import sqlite3
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
from parley.security import create_access_token

from .server import HOST, Server, spawn, stop

TOKEN_LIFETIME = timedelta(hours=1)
ADMIN_PG_URL = f"postgresql://postgres@{HOST}:5432/postgres"
# Any string: bench users never log in with a password.
FAKE_HASH = "bench-user-without-password"


def run_prefix() -> str:
    """Distinct usernames per run, so several runs can share one database."""
    return "b" + secrets.token_hex(3)


async def insert_users(server: Server, count: int, prefix: str) -> list[int]:
    """Create `count` users named <prefix>-<n>; returns their ids in order."""
    names = [f"{prefix}-{n}" for n in range(count)]
    if server.database_url.startswith("sqlite"):
        return _insert_users_sqlite(server.database_url, names)
    return await _insert_users_postgres(server.database_url, names)


def _insert_users_sqlite(url: str, names: list[str]) -> list[int]:
    # UTCDateTime stores naive UTC text on SQLite.
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as db:
        db.executemany(
            "INSERT INTO users (username, display_name, password_hash, role, token_version,"
            " is_banned, is_disabled, created_at) VALUES (?, '', ?, 'user', 0, 0, 0, ?)",
            [(name, FAKE_HASH, now) for name in names],
        )
        return _ids_in_order(db.execute(_ids_query(names, "?"), names).fetchall(), names)


async def _insert_users_postgres(url: str, names: list[str]) -> list[int]:
    db = await asyncpg.connect(url)
    try:
        await db.executemany(
            "INSERT INTO users (username, display_name, password_hash, role, token_version,"
            " is_banned, is_disabled, created_at) VALUES ($1, '', $2, 'user', 0, false, false,"
            " now())",
            [(name, FAKE_HASH) for name in names],
        )
        rows = await db.fetch("SELECT id, username FROM users WHERE username = ANY($1)", names)
    finally:
        await db.close()
    return _ids_in_order([(row["id"], row["username"]) for row in rows], names)


def _ids_query(names: list[str], placeholder: str) -> str:
    marks = ",".join(placeholder for _ in names)
    return f"SELECT id, username FROM users WHERE username IN ({marks})"  # noqa: S608


def _ids_in_order(rows: list[tuple[int, str]], names: list[str]) -> list[int]:
    by_name = {name: user_id for user_id, name in rows}
    return [by_name[name] for name in names]


def mint_token(server: Server, user_id: int) -> str:
    token, _expires = create_access_token(
        user_id=user_id, token_version=0, secret=server.secret_key, lifetime=TOKEN_LIFETIME
    )
    return token


def create_room(server: Server, owner_token: str, name: str) -> int:
    """A public room, created over REST like a user would."""
    response = httpx.post(
        f"{server.base_url}/api/rooms",
        json={"name": name},
        headers={"Authorization": f"Bearer {owner_token}"},
        timeout=30,
    )
    response.raise_for_status()
    return int(response.json()["id"])


def join_room(server: Server, token: str, room_id: int) -> None:
    """Membership (needed to send), over REST."""
    response = httpx.post(
        f"{server.base_url}/api/rooms/{room_id}/join",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    response.raise_for_status()


def room_last_seq(server: Server, token: str, room_id: int) -> int:
    response = httpx.get(
        f"{server.base_url}/api/rooms/{room_id}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    response.raise_for_status()
    return int(response.json()["last_seq"])


async def seed_history(url: str, room_id: int, author_id: int, count: int) -> None:
    """`count` messages in one room with generate_series, and the room's counters to match
    (each message's last change is its creation)."""
    db = await asyncpg.connect(url)
    try:
        async with db.transaction():
            await db.execute(
                "INSERT INTO messages"
                " (room_id, seq, change_seq, author_id, body, client_id, created_at)"
                " SELECT $1, g, g, $2, 'history message number ' || g, 'seed-' || g,"
                " now() - make_interval(secs => $3 - g)"
                " FROM generate_series(1, $3::int) AS g",
                room_id,
                author_id,
                count,
            )
            await db.execute(
                "UPDATE rooms SET last_seq = $2, last_change_seq = $2 WHERE id = $1",
                room_id,
                count,
            )
        # Fresh statistics, as autovacuum would have them on a long-lived table.
        await db.execute("ANALYZE messages")
    finally:
        await db.close()


# The statement messages.history() issues through SQLAlchemy, written out.
HISTORY_SQL = (
    "SELECT m.*, u.* FROM messages m JOIN users u ON u.id = m.author_id"
    " WHERE m.room_id = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3"
)


async def time_history_query(url: str, room_id: int, befores: list[int], limit: int) -> array[int]:
    """ns per history query straight on asyncpg: the database's share of a page."""
    db = await asyncpg.connect(url)
    timings = array("q")
    try:
        statement = await db.prepare(HISTORY_SQL)
        for before in befores:
            begun = time.monotonic_ns()
            await statement.fetch(room_id, before, limit)
            timings.append(time.monotonic_ns() - begun)
    finally:
        await db.close()
    return timings


async def explain_history(url: str, room_id: int, before: int, limit: int) -> str:
    db = await asyncpg.connect(url)
    try:
        rows = await db.fetch("EXPLAIN (ANALYZE, BUFFERS) " + HISTORY_SQL, room_id, before, limit)
    finally:
        await db.close()
    return "\n".join(row[0] for row in rows)


async def recreate_database(admin_url: str, name: str) -> None:
    """Drop and create a PostgreSQL database (bench-only names)."""
    if not name.startswith("parley_bench"):
        raise ValueError("refusing to drop a database not named parley_bench*")
    db = await asyncpg.connect(admin_url)
    try:
        await db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await db.execute(f'CREATE DATABASE "{name}"')
    finally:
        await db.close()


async def drop_database(admin_url: str, name: str) -> None:
    if not name.startswith("parley_bench"):
        raise ValueError("refusing to drop a database not named parley_bench*")
    db = await asyncpg.connect(admin_url)
    try:
        await db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await db.close()


def _last_seqs(rows: list[tuple[Any, ...]]) -> dict[int, int]:
    last: dict[int, int] = {}
    for row in rows:
        last[row[0]] = max(last.get(row[0], 0), row[1])
    return last


async def insert_rooms_postgres(
    url: str, owner: int, rooms: int, rows_of: Any
) -> tuple[list[int], dict[int, int]]:
    """`rooms` private rooms named "room <n>", the history `rows_of(room_ids)` makes (rows of
    room_id, seq, change_seq, author_id, body, search_text, client_id, created_at) and the
    rooms' counters to match; returns the room ids and each room's last seq."""
    db = await asyncpg.connect(url)
    try:
        room_ids = [
            row["id"]
            for row in await db.fetch(
                "INSERT INTO rooms (name, topic, is_private, name_key, locked, created_by,"
                " created_at, last_seq, last_change_seq, slow_mode_seconds, is_direct)"
                " SELECT 'room ' || g, '', true, 'room ' || g, false, $1, now(), 0, 0, 0, false"
                " FROM generate_series(1, $2::int) g RETURNING id",
                owner,
                rooms,
            )
        ]
        rows = rows_of(room_ids)
        await db.copy_records_to_table(
            "messages",
            records=rows,
            columns=["room_id", "seq", "change_seq", "author_id", "body", "search_text",
                     "client_id", "created_at"],
        )  # fmt: skip
        last = _last_seqs(rows)
        await db.executemany(
            "UPDATE rooms SET last_seq = $2, last_change_seq = $2 WHERE id = $1",
            list(last.items()),
        )
        await db.execute("ANALYZE")
    finally:
        await db.close()
    return room_ids, last


def insert_rooms_sqlite(
    url: str, owner: int, rooms: int, rows_of: Any
) -> tuple[list[int], dict[int, int]]:
    """insert_rooms_postgres, on SQLite."""
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=60) as db:
        db.executemany(
            "INSERT INTO rooms (name, topic, is_private, name_key, locked, created_by,"
            " created_at, last_seq, last_change_seq, slow_mode_seconds, is_direct)"
            " VALUES (?, '', 1, ?, 0, ?, ?, 0, 0, 0, 0)",
            [(f"room {n}", f"room {n}", owner, now) for n in range(rooms)],
        )
        room_ids = [r[0] for r in db.execute("SELECT id FROM rooms WHERE name LIKE 'room %'")]
        rows = rows_of(room_ids)
        db.executemany(
            "INSERT INTO messages (room_id, seq, change_seq, author_id, body, search_text,"
            " client_id, created_at, mentions_room) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [(*row[:7], row[7].replace(tzinfo=None).isoformat(sep=" ")) for row in rows],
        )
        last = _last_seqs(rows)
        db.executemany(
            "UPDATE rooms SET last_seq = ?, last_change_seq = ? WHERE id = ?",
            [(seq, seq, room) for room, seq in last.items()],
        )
        db.execute("ANALYZE")
    return room_ids, last


def insert_memberships(url: str, rows: list[tuple[int, int]]) -> None:
    """(room_id, user_id) memberships, as plain members."""
    if url.startswith("sqlite"):
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=60) as db:
            db.executemany(
                "INSERT INTO memberships (room_id, user_id, role, last_read_seq, joined_at,"
                " notify_muted) VALUES (?, ?, 'member', 0, ?, 0)",
                [(*row, now) for row in rows],
            )
        return

    async def insert() -> None:
        db = await asyncpg.connect(url)
        try:
            await db.executemany(
                "INSERT INTO memberships (room_id, user_id, role, last_read_seq, joined_at,"
                " notify_muted) VALUES ($1, $2, 'member', 0, now(), false)",
                rows,
            )
        finally:
            await db.close()

    asyncio.run(insert())


@contextmanager
def fresh_server(database: str, name: str, cpu: str, *, keep: bool = False) -> Iterator[Server]:
    """A server on an empty database: SQLite in its own data dir, or PostgreSQL database
    `name`, created anew and dropped afterwards unless `keep`."""
    database_url = None
    if database == "postgres":
        asyncio.run(recreate_database(ADMIN_PG_URL, name))
        database_url = f"postgresql://postgres@{HOST}:5432/{name}"
    server = spawn(database_url=database_url, cpu=cpu)
    try:
        yield server
    finally:
        stop(server)
        if database == "postgres" and not keep:
            asyncio.run(drop_database(ADMIN_PG_URL, name))
