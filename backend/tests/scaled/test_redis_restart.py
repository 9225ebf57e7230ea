"""A Redis restart: instances resubscribe, sockets resume by seq, nothing is lost."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from websockets.exceptions import ConnectionClosed

from tests.conftest import free_port
from tests.databases import PostgresDatabases
from tests.factories import signup_and_login
from tests.scaled.conftest import REQUIRE_REDIS, Cluster, running_cluster
from tests.wsclient import WsClient, create_room, join_room


class PrivateRedis:
    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary is not None
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("private redis did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        if REQUIRE_REDIS:
            pytest.fail("PARLEY_REQUIRE_REDIS=1 but redis-server is not installed")
        pytest.skip("!!! redis-server not installed: the Redis restart test is SKIPPED")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.kill()


@pytest.fixture
def cluster_on_private_redis(
    tmp_path: Path, postgres_databases: PostgresDatabases, private_redis: PrivateRedis
) -> Iterator[Cluster]:
    with running_cluster(tmp_path, postgres_databases, private_redis.url) as cluster:
        yield cluster


async def test_instances_survive_a_redis_restart(
    cluster_on_private_redis: Cluster, private_redis: PrivateRedis
) -> None:
    cluster = cluster_on_private_redis
    async with httpx.AsyncClient(base_url=cluster.a.base_url, timeout=10) as http:
        _, alice = await signup_and_login(http)
        _, bob = await signup_and_login(http)
        room = await create_room(http, alice, name="Weather")
        await join_room(http, bob, room["id"])
    on_a = await WsClient.open(cluster.a.base_url)
    await on_a.auth(alice)
    await on_a.join(room["id"])
    on_b = await WsClient.open(cluster.b.base_url)
    await on_b.auth(bob)
    await on_b.join(room["id"])
    await on_a.send(type="send", room=room["id"], client_id="before", body="before")
    last_seen = (await on_b.recv_type("message"))["message"]["seq"]

    private_redis.kill()
    private_redis.start()
    # Both instances notice, resubscribe, and ask their sockets to resume (1012).
    for socket in (on_a, on_b):
        try:
            while True:
                await asyncio.wait_for(socket.connection.recv(), 15)
        except ConnectionClosed as closed:
            assert closed.rcvd is not None and closed.rcvd.code == 1012

    on_a = await WsClient.open(cluster.a.base_url)
    await on_a.auth(alice)
    await on_a.join(room["id"])
    on_b = await WsClient.open(cluster.b.base_url)
    await on_b.auth(bob)
    await on_b.join(room["id"], since=last_seen)
    await on_a.send(type="send", room=room["id"], client_id="after", body="after")
    assert (await on_b.recv_type("message"))["message"]["body"] == "after"
