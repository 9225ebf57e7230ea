"""Migrations run both ways on both databases, and agree with the models."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import create_async_engine

from parley import migrate
from parley.models import metadata
from tests.databases import PostgresDatabases, SqliteDatabases


def _tables(url: str) -> set[str]:
    async def read() -> set[str]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        await engine.dispose()
        return names

    return asyncio.run(read())


def _differences(url: str) -> list[object]:
    def compare(connection: Connection) -> list[object]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": migrate.include_object}
        )
        return list(compare_metadata(context, metadata))

    async def run() -> list[object]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            diff = await connection.run_sync(compare)
        await engine.dispose()
        return diff

    return asyncio.run(run())


def test_upgrade_downgrade_upgrade(db_backend: SqliteDatabases | PostgresDatabases) -> None:
    url = db_backend.empty()
    try:
        migrate.upgrade(url)
        assert {"users", "refresh_tokens"} <= _tables(url)
        migrate.downgrade(url, "base")
        assert _tables(url) <= {"alembic_version"}
        migrate.upgrade(url)
        assert {"users", "refresh_tokens"} <= _tables(url)
    finally:
        db_backend.drop(url)


def test_models_and_migrations_agree(db_backend: SqliteDatabases | PostgresDatabases) -> None:
    url = db_backend.empty()
    try:
        migrate.upgrade(url)
        assert _differences(url) == []
    finally:
        db_backend.drop(url)
