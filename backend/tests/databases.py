"""Fresh databases for tests: a migrated template per backend, copied per test.

SQLite copies a migrated file; PostgreSQL uses CREATE DATABASE ... TEMPLATE, which is
a file-level copy too, so every test starts from an empty, fully migrated schema.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from parley import migrate

ADMIN_URL = os.environ.get(
    "PARLEY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_POSTGRES = os.environ.get("PARLEY_REQUIRE_POSTGRES") == "1"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


async def _admin_execute(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL.replace("+asyncpg", ""), timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def postgres_reachable() -> str | None:
    """None when reachable, else the reason."""
    try:
        asyncio.run(_admin_execute("SELECT 1"))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


class SqliteDatabases:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.template = root / "template.db"

    def url_for(self, path: Path) -> str:
        return f"sqlite+aiosqlite:///{path}"

    def prepare_template(self) -> None:
        migrate.upgrade(self.url_for(self.template))

    def fresh(self) -> str:
        path = self.root / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(self.template, path)
        return self.url_for(path)

    def empty(self) -> str:
        return self.url_for(self.root / f"{uuid.uuid4().hex}-empty.db")

    def drop(self, url: str) -> None:
        path = Path(url.split("///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


class PostgresDatabases:
    def __init__(self) -> None:
        self.prefix = f"parley_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_template"
        self.created: list[str] = []

    def url_for(self, name: str) -> str:
        return _with_database(ADMIN_URL, name).replace("postgresql://", "postgresql+asyncpg://")

    def _create(self, template: str | None = None) -> str:
        name = f"{self.prefix}_{uuid.uuid4().hex[:10]}"
        suffix = f" TEMPLATE {template}" if template else ""
        asyncio.run(_admin_execute(f'CREATE DATABASE "{name}"{suffix}'))
        self.created.append(name)
        return name

    def prepare_template(self) -> None:
        asyncio.run(_admin_execute(f'CREATE DATABASE "{self.template}"'))
        self.created.append(self.template)
        migrate.upgrade(self.url_for(self.template))

    def fresh(self) -> str:
        return self.url_for(self._create(self.template))

    def empty(self) -> str:
        return self.url_for(self._create())

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        asyncio.run(_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self.created:
            self.created.remove(name)

    def drop_all(self) -> None:
        for name in list(self.created):
            self.drop(self.url_for(name))
