"""Two real Parley processes on different ports over one PostgreSQL and one Redis.

Needs PostgreSQL and Redis: skipped loudly without them, failed under
PARLEY_REQUIRE_POSTGRES=1 / PARLEY_REQUIRE_REDIS=1 (CI).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import redis

from tests.conftest import TEST_SECRET, free_port
from tests.databases import PostgresDatabases

REDIS_URL = os.environ.get("PARLEY_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REQUIRE_REDIS = os.environ.get("PARLEY_REQUIRE_REDIS") == "1"


@dataclass
class Instance:
    name: str
    port: int
    env: dict[str, str]
    command: list[str] = field(default_factory=lambda: ["serve"])
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "parley", *self.command],
            env=self.env,
            stdout=subprocess.DEVNULL,
        )

    def wait_healthy(self) -> None:
        for _ in range(300):
            try:
                if httpx.get(f"{self.base_url}/api/ready", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert self.process is not None and self.process.poll() is None, f"{self.name} died"
            time.sleep(0.05)
        raise AssertionError(f"{self.name} never became ready")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Cluster:
    a: Instance
    b: Instance
    worker: Instance
    env: dict[str, str]


def _redis_problem() -> str | None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except (redis.RedisError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@pytest.fixture
def redis_url() -> str:
    problem = _redis_problem()
    if problem is not None:
        if REQUIRE_REDIS:
            pytest.fail(f"PARLEY_REQUIRE_REDIS=1 but Redis is unreachable: {problem}")
        pytest.skip(f"!!! Redis unreachable at {REDIS_URL}: scaled-mode tests SKIPPED ({problem})")
    return REDIS_URL


def cluster_env(
    data_dir: Path, database_url: str, redis_url: str, ports: list[int], namespace: str
) -> dict[str, str]:
    return {
        **os.environ,
        "PARLEY_DATABASE_URL": database_url,
        "PARLEY_SECRET_KEY": TEST_SECRET,
        "PARLEY_BROKER": "redis",
        "PARLEY_JOBS": "worker",
        "PARLEY_REDIS_URL": redis_url,
        "PARLEY_REDIS_PREFIX": f"test-{namespace}:",
        "PARLEY_DATA_DIR": str(data_dir),
        "PARLEY_ALLOWED_ORIGINS": json.dumps([f"http://127.0.0.1:{p}" for p in ports]),
        "PARLEY_PASSWORD_HASH_MEMORY_KIB": "1024",
        "PARLEY_PASSWORD_HASH_TIME_COST": "1",
        "PARLEY_SEND_RATE_LIMIT": "1000 per second",
        "PARLEY_LOG_LEVEL": "warning",
    }


@contextlib.contextmanager
def running_cluster(
    tmp_path: Path, postgres_databases: PostgresDatabases, redis_url: str
) -> Iterator[Cluster]:
    """Instances A and B (started and ready) plus a worker (started), on a fresh database."""
    database_url = postgres_databases.fresh()
    ports = [free_port(), free_port()]
    env = cluster_env(tmp_path, database_url, redis_url, ports, uuid.uuid4().hex[:8])
    a = Instance("A", ports[0], {**env, "PARLEY_PORT": str(ports[0])})
    b = Instance("B", ports[1], {**env, "PARLEY_PORT": str(ports[1])})
    worker = Instance("worker", 0, env, command=["worker"])
    try:
        for instance in (a, b):
            instance.start()
        for instance in (a, b):
            instance.wait_healthy()
        worker.start()
        yield Cluster(a=a, b=b, worker=worker, env=env)
    finally:
        for instance in (a, b, worker):
            instance.stop()
        postgres_databases.drop(database_url)


@pytest.fixture
def cluster(
    tmp_path: Path, postgres_databases: PostgresDatabases, redis_url: str
) -> Iterator[Cluster]:
    with running_cluster(tmp_path, postgres_databases, redis_url) as running:
        yield running
