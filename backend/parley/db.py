"""Async engine and session factory for SQLite (aiosqlite) and PostgreSQL (asyncpg)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.settings import Settings


def create_engine(settings: Settings) -> AsyncEngine:
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            settings.database_url, connect_args={"timeout": 30}, pool_pre_ping=False
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # pool_pre_ping: a pooled connection whose backend was terminated (a restart, a
    # failover, pg_terminate_backend) is noticed and replaced before a request uses it,
    # for the price of one tiny round trip per checkout.
    return create_async_engine(
        settings.database_url, pool_size=10, max_overflow=20, pool_pre_ping=True
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers proceed while a writer commits; SQLite leaves foreign keys off
    # unless asked on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


SessionFactory = async_sessionmaker[AsyncSession]


def create_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


# PostgreSQL's SQLSTATE classes for "the server cannot serve you now": connection
# exceptions (08), operator intervention such as shutdown or "cannot connect now" (57P),
# insufficient resources such as too many connections (53), and 55000, which is what a
# database closed to connections (ALLOW_CONNECTIONS false) answers.
_OUTAGE_STATES = ("08", "57P", "53", "55000")


def is_outage(exc: BaseException) -> bool:
    """A lost or refused database connection, as opposed to a failing statement."""
    if isinstance(exc, DBAPIError):
        state = getattr(exc.orig, "sqlstate", None) or ""
        return (
            exc.connection_invalidated
            or isinstance(exc, OperationalError | InterfaceError)
            or state.startswith(_OUTAGE_STATES)
        )
    return isinstance(exc, ConnectionError | TimeoutError)
