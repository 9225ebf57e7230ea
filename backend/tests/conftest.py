"""Fixtures: a fresh database per test on SQLite and PostgreSQL, and a real server.

Every test that takes `database_url` (directly or through `server`/`client`) runs once
per backend. Without PostgreSQL those runs are skipped with one loud line, unless
PARLEY_REQUIRE_POSTGRES=1 (CI), where they fail instead.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from parley.main import create_app, server_config
from parley.settings import Settings
from tests.databases import (
    ADMIN_URL,
    REQUIRE_POSTGRES,
    PostgresDatabases,
    SqliteDatabases,
    postgres_reachable,
)

TEST_SECRET = "test-secret-key-for-parley-tests-only"
_postgres_problem: str | None = None
_postgres_skips = 0


def pytest_configure(config: pytest.Config) -> None:
    global _postgres_problem
    _postgres_problem = postgres_reachable()


def pytest_report_header() -> str:
    if _postgres_problem is None:
        return f"parley: PostgreSQL tests ON ({ADMIN_URL})"
    return f"parley: PostgreSQL UNREACHABLE ({_postgres_problem})"


_postgres_ran = 0


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _postgres_ran
    if report.when == "call" and "postgresql" in report.nodeid and report.passed:
        _postgres_ran += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_line(f"parley: {_postgres_ran} PostgreSQL tests passed")
    if _postgres_problem is not None and _postgres_skips:
        terminalreporter.write_line(
            f"!!! PostgreSQL not reachable at {ADMIN_URL}: {_postgres_skips} PostgreSQL "
            "tests were SKIPPED. Start PostgreSQL or set PARLEY_TEST_POSTGRES_URL. !!!",
            red=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory: pytest.TempPathFactory) -> SqliteDatabases:
    databases = SqliteDatabases(tmp_path_factory.mktemp("sqlite"))
    databases.prepare_template()
    return databases


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    global _postgres_skips
    if _postgres_problem is not None:
        if REQUIRE_POSTGRES:
            pytest.fail(
                f"PARLEY_REQUIRE_POSTGRES=1 but PostgreSQL is unreachable: {_postgres_problem}"
            )
        _postgres_skips += 1
        pytest.skip(f"PostgreSQL unreachable: {_postgres_problem}")
    databases = PostgresDatabases()
    databases.prepare_template()
    yield databases
    databases.drop_all()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_backend(request: pytest.FixtureRequest) -> SqliteDatabases | PostgresDatabases:
    global _postgres_skips
    if request.param == "sqlite":
        databases: SqliteDatabases | PostgresDatabases = request.getfixturevalue("sqlite_databases")
        return databases
    if _postgres_problem is not None and not REQUIRE_POSTGRES:
        _postgres_skips += 1
        pytest.skip(f"PostgreSQL unreachable: {_postgres_problem}")
    databases = request.getfixturevalue("postgres_databases")
    return databases


@pytest.fixture
def database_url(db_backend: SqliteDatabases | PostgresDatabases) -> Iterator[str]:
    url = db_backend.fresh()
    yield url
    db_backend.drop(url)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path)


def make_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "data_dir": data_dir,
        "static_dir": data_dir / "no-spa",
        # The lowest argon2 cost: tests sign up hundreds of users (production: 64 MiB, t=3).
        "password_hash_memory_kib": 1024,
        "password_hash_time_cost": 1,
        # Every test client is one address (127.0.0.1) signing up and logging in many
        # users: the per-address limits' own tests set them low again.
        "signup_rate_limit": "100000/hour",
        "login_address_rate_limit": "100000/minute",
        "room_create_rate_limit": "100000/hour",
        "direct_create_rate_limit": "100000/hour",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class RunningServer:
    base_url: str
    settings: Settings
    # The app itself, for tests that reach inside the running server (same event loop).
    app: FastAPI


@pytest.fixture
async def server(settings: Settings) -> AsyncIterator[RunningServer]:
    """A real uvicorn server on a real socket, in this test's event loop."""
    port = free_port()
    settings = settings.model_copy(
        update={"port": port, "allowed_origins": [f"http://127.0.0.1:{port}"]}
    )
    app = create_app(settings)
    config = server_config(app, settings)
    config.log_level = "warning"
    instance = uvicorn.Server(config)
    task = asyncio.create_task(instance.serve())
    while not instance.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    yield RunningServer(base_url=f"http://127.0.0.1:{port}", settings=settings, app=app)
    instance.should_exit = True
    await asyncio.wait_for(task, timeout=10)


@pytest.fixture
async def client(server: RunningServer) -> AsyncIterator[httpx.AsyncClient]:
    # Generous: on a loaded machine a request can wait seconds for the CPU; a wait, not a
    # timing assertion.
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as http:
        yield http
