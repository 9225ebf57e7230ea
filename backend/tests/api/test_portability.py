"""`python -m parley export` and `import` move a whole instance, database and files:
SQLite → PostgreSQL → SQLite with nothing lost (issue step 11, point 6)."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_SECRET, RunningServer
from tests.databases import PostgresDatabases, SqliteDatabases
from tests.moderation.helpers import moderate, person
from tests.uploads.test_uploads import settled
from tests.wsclient import WsClient, create_room, join_room, send_message


def _parley(*args: str, url: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PARLEY_DATABASE_URL": url,
        "PARLEY_DATA_DIR": str(data_dir),
        "PARLEY_SECRET_KEY": TEST_SECRET,
    }
    return subprocess.run(
        [sys.executable, "-m", "parley", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _contents(archive: Path) -> tuple[dict[str, list[Any]], dict[str, bytes]]:
    """Each table's rows (parsed) and each file's bytes, by name."""
    tables: dict[str, list[Any]] = {}
    files: dict[str, bytes] = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            data = tar.extractfile(member)
            assert data is not None
            if member.name.startswith("tables/"):
                tables[member.name] = [json.loads(line) for line in data.read().splitlines()]
            elif member.name.startswith("files/"):
                files[member.name] = data.read()
    return tables, files


async def _populate(client: httpx.AsyncClient, server: RunningServer) -> None:
    admin, bob = await person(client), await person(client)
    await client.patch("/api/users/me", json={"display_name": "김민수"}, headers=bob.headers)
    room = await create_room(client, admin.token, name="설계 Design")
    await join_room(client, bob.token, room["id"])
    socket = await WsClient.open(server.base_url)
    await socket.auth(admin.token)
    await socket.join(room["id"])
    upload = await client.post(
        f"/api/rooms/{room['id']}/uploads",
        files={"file": ("회의록.txt", "회의록 내용".encode(), "text/plain")},
        headers=admin.headers,
    )
    first = await send_message(
        socket,
        room["id"],
        f"내일 회의를 준비합시다 <@{bob.id}>",
        attachments=[upload.json()["id"]],
    )
    reply = await send_message(socket, room["id"], "**bold** reply", reply_to=first["id"])
    await client.put(f"/api/messages/{first['id']}/reactions/👍", headers=bob.headers)
    await client.put(f"/api/messages/{reply['id']}/pin", headers=admin.headers)
    await client.delete(f"/api/messages/{reply['id']}", headers=admin.headers)
    await moderate(client, admin, room["id"], "mute", bob.id, minutes=5)
    dm = (await client.post("/api/dms", json={"user_ids": [bob.id]}, headers=admin.headers)).json()
    await socket.join(dm["id"])
    await send_message(socket, dm["id"], "just us")
    await client.post("/api/invites", json={"max_uses": 3}, headers=admin.headers)
    await socket.close()
    # The upload's processing has finished (its state is part of what moves).
    assert (await settled(client, admin.token, upload.json()["id"]))["status"] == "ready"


@pytest.mark.parametrize("db_backend", ["sqlite"], indirect=True)
async def test_an_instance_moves_sqlite_to_postgresql_to_sqlite_with_nothing_lost(
    client: httpx.AsyncClient,
    server: RunningServer,
    tmp_path: Path,
    sqlite_databases: SqliteDatabases,
    postgres_databases: PostgresDatabases,
) -> None:
    await _populate(client, server)
    first = tmp_path / "first.tar.gz"
    exported = _parley(
        "export", str(first), url=server.settings.database_url, data_dir=server.settings.data_dir
    )
    assert exported.returncode == 0, exported.stderr
    again = _parley(
        "export", str(first), url=server.settings.database_url, data_dir=server.settings.data_dir
    )
    assert again.returncode != 0 and "exists already" in again.stderr

    postgres = await asyncio.to_thread(postgres_databases.empty)  # it runs its own loop
    into_postgres = _parley("import", str(first), url=postgres, data_dir=tmp_path / "pg-data")
    assert into_postgres.returncode == 0, into_postgres.stderr
    second = tmp_path / "second.tar.gz"
    assert (
        _parley("export", str(second), url=postgres, data_dir=tmp_path / "pg-data").returncode == 0
    )

    sqlite = sqlite_databases.empty()
    back = _parley("import", str(second), url=sqlite, data_dir=tmp_path / "back-data")
    assert back.returncode == 0, back.stderr
    third = tmp_path / "third.tar.gz"
    assert (
        _parley("export", str(third), url=sqlite, data_dir=tmp_path / "back-data").returncode == 0
    )

    tables, files = _contents(first)
    assert tables["tables/messages.jsonl"] and files
    assert len(tables["tables/messages.jsonl"]) == 3
    for archive in (second, third):
        assert _contents(archive) == (tables, files)

    # What only migrations make follows the rows: the search index finds the message.
    path = sqlite.split("///", 1)[1]
    with sqlite3.connect(path) as db:
        found = db.execute(
            "SELECT count(*) FROM message_search WHERE message_search MATCH '\"회의를\"'"
        ).fetchone()
    assert found == (1,)
    # Ids go on from where they were: a new account in the PostgreSQL copy gets a new id.
    refused = _parley("import", str(first), url=postgres, data_dir=tmp_path / "other-data")
    assert refused.returncode != 0 and "accounts already" in refused.stderr


def test_an_archive_that_is_not_one_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz"):
        pass
    url = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    result = _parley("import", str(bogus), url=url, data_dir=tmp_path / "data")
    assert result.returncode != 0 and "not a Parley export" in result.stderr
    missing = _parley("import", str(tmp_path / "nope.tar.gz"), url=url, data_dir=tmp_path / "d")
    assert missing.returncode != 0 and "is not a file" in missing.stderr
