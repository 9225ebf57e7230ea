"""PostgreSQL faults from outside (issue step 7): terminated backends are replaced before
the next request, and while the database refuses connections REST answers a JSON 503
and /api/ready says not ready, never a plain-text 500."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest

from tests.conftest import RunningServer
from tests.databases import ADMIN_URL, PostgresDatabases
from tests.factories import bearer, signup_and_login
from tests.wsclient import WsClient, closed_with


@pytest.fixture
def db_backend(postgres_databases: PostgresDatabases) -> PostgresDatabases:
    return postgres_databases  # faults of a database server: PostgreSQL only


@pytest.fixture
def database_name(database_url: str) -> Iterator[str]:
    yield urlsplit(database_url).path.lstrip("/")


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL.replace("+asyncpg", ""))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _terminate(name: str) -> str:
    return (
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        f" WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


async def test_terminated_backends_never_cost_a_request(
    client: httpx.AsyncClient, server: RunningServer, database_name: str
) -> None:
    _, token = await signup_and_login(client)
    for _ in range(3):
        await _admin(_terminate(database_name))
        me = await client.get("/api/users/me", headers=bearer(token))
        assert me.status_code == 200, me.text
        ready = await client.get("/api/ready")
        assert ready.status_code == 200, ready.text


async def test_sends_survive_terminated_backends(
    client: httpx.AsyncClient, server: RunningServer, database_name: str
) -> None:
    """Backends terminated mid-traffic: the next sends are acked (the pool replaces the
    dead connections first), in order, each once."""
    _, token = await signup_and_login(client)
    room = (
        await client.post("/api/rooms", json={"name": "terminated"}, headers=bearer(token))
    ).json()
    socket = await WsClient.open(server.base_url)
    await socket.auth(token)
    await socket.join(room["id"])
    seqs = []
    for n in range(6):
        if n % 2:
            await _admin(_terminate(database_name))
        await socket.send(type="send", room=room["id"], client_id=f"t{n}", body=f"after {n}")
        ack = await socket.recv_type("ack")
        assert ack["client_id"] == f"t{n}" and not ack["duplicate"]
        seqs.append(ack["message"]["seq"])
    assert seqs == [1, 2, 3, 4, 5, 6]


async def test_an_outage_answers_json_503_then_recovers(
    client: httpx.AsyncClient, server: RunningServer, database_name: str
) -> None:
    _, token = await signup_and_login(client)
    await _admin(f'ALTER DATABASE "{database_name}" ALLOW_CONNECTIONS false')
    try:
        await _admin(_terminate(database_name))
        me = await client.get("/api/users/me", headers=bearer(token))
        assert me.status_code == 503, me.text
        assert me.json()["code"] == "unavailable" and me.headers["retry-after"]
        assert (await client.get("/api/ready")).status_code == 503
        # A socket connecting meanwhile is told to come back, not dropped without a code.
        socket = await WsClient.open(server.base_url)
        await socket.send(type="auth", token=token)
        assert await closed_with(socket) == 1013
    finally:
        await _admin(f'ALTER DATABASE "{database_name}" ALLOW_CONNECTIONS true')
    assert (await client.get("/api/users/me", headers=bearer(token))).status_code == 200
