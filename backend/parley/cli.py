"""`python -m parley serve | migrate | worker | create-admin | openapi | protocol |
export | import`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import getpass
import json
import os
import resource
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import uvicorn
from pydantic import ValidationError
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

from parley import migrate, security
from parley.db import create_engine, create_session_factory
from parley.errors import Conflict
from parley.models import Role, UserCreate
from parley.observability import configure_logging
from parley.services.users import create_user
from parley.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        messages = "; ".join(str(error["msg"]) for error in exc.errors())
        sys.exit(f"parley: invalid settings: {messages}")


# Every open socket keeps ~110 container objects alive (protocol, tasks, buffers, user),
# and with CPython's young-generation threshold of 700 allocations a burst of 5,000
# connects ran 6-9 full collections of the whole heap, up to 0.3-0.5 s each with every
# socket stalled meanwhile: a quarter of the burst (docs/benchmarks-log.md, Finding 8).
# Collecting the young generation every 10,000 allocations keeps the other pauses to
# tens of milliseconds and makes full collections ~14x rarer; cyclic garbage waits a little
# longer for collection, never more than those 10,000 allocations' worth.
GC_YOUNG_THRESHOLD = 10_000


def tune_gc() -> None:
    """For a server process (single or worker), once its app is built."""
    # What startup built (modules, the app, the ORM's registry) lives as long as the
    # process: moved out of the collector's sight, no full collection walks it again.
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def raise_open_file_limit() -> tuple[int, int]:
    """Every socket is an open file: lift the soft limit (often 1,024) to the hard one the
    system allows, so tens of thousands of connections are not refused with EMFILE.
    Returns (soft, hard) as they stand after."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        with contextlib.suppress(ValueError, OSError):  # a sandbox may forbid even this
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def serve(_args: argparse.Namespace) -> None:
    settings = _settings()
    configure_logging(settings.log_level)
    raise_open_file_limit()  # spawned workers inherit it
    migrate.upgrade(settings.database_url)  # once, here, even with several workers
    from parley.main import create_app, server_config  # built once settings are valid

    if settings.workers > 1:
        print(
            f"Parley is running at http://{settings.host}:{settings.port} "
            f"({settings.workers} worker processes)",
            flush=True,
        )
        _run_workers(server_config(WORKER_APP, settings))
        return
    app = create_app(settings)
    tune_gc()
    print(f"Parley is running at http://{settings.host}:{settings.port}", flush=True)
    uvicorn.Server(server_config(app, settings)).run()


# What each worker process imports and calls: uvicorn starts workers as fresh
# interpreters (multiprocessing "spawn"), so the app can only reach them by name.
WORKER_APP = "parley.cli:worker_app"


def worker_app() -> FastAPI:
    """One worker's app, with its settings read from the environment like any `serve`."""
    settings = _settings()
    configure_logging(settings.log_level)  # a spawned process starts with no handlers
    from parley.main import create_app

    app = create_app(settings)
    tune_gc()  # nor does it inherit the parent's collector settings
    return app


def _run_workers(config: uvicorn.Config) -> None:
    """What `uvicorn --workers N` does: the parent binds the port, N spawned workers share
    it (the kernel hands each new connection to one of them), and the parent restarts a
    worker that dies. SIGTERM or SIGINT to the parent is passed on to every worker, which
    closes its sockets with 1012 like a single process does, and the parent waits for them.
    """
    supervisor = Multiprocess(config, sockets=[config.bind_socket()])
    supervisor.run()
    # uvicorn.run() would exit 0 here even when the workers could not start (e.g. Redis
    # unreachable); a process manager must see that as a failure.
    if any(process.exitcode == STARTUP_FAILURE for process in supervisor.processes):
        sys.exit("parley: a worker process failed to start (its error is logged above)")


def worker(_args: argparse.Namespace) -> None:
    settings = _settings()
    if settings.jobs != "worker":
        sys.exit("parley: the worker needs PARLEY_JOBS=worker and PARLEY_BROKER=redis")
    configure_logging(settings.log_level)
    from parley.main import run_worker

    print("Parley upload worker started", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_worker(settings))


def migrate_command(_args: argparse.Namespace) -> None:
    settings = _settings()
    migrate.upgrade(settings.database_url)
    print("Database is at the latest revision.")


def create_admin(args: argparse.Namespace) -> None:
    settings = _settings()
    password = os.environ.get("PARLEY_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    try:
        user_create = UserCreate(
            username=args.username, password=password, display_name=args.display_name
        )
    except ValidationError as exc:
        sys.exit("parley: " + "; ".join(str(error["msg"]) for error in exc.errors()))

    async def run() -> None:
        security.configure_password_hashing(
            memory_kib=settings.password_hash_memory_kib,
            time_cost=settings.password_hash_time_cost,
        )
        engine = create_engine(settings)
        try:
            async with create_session_factory(engine)() as session:
                user = await create_user(session=session, user_create=user_create, role=Role.admin)
        finally:
            await engine.dispose()
        print(f"Created site admin {user.username!r} (id {user.id}).")

    migrate.upgrade(settings.database_url)
    try:
        asyncio.run(run())
    except Conflict as exc:
        sys.exit(f"parley: {exc.detail}")


def write_openapi(args: argparse.Namespace) -> None:
    from parley.main import create_app

    os.environ.setdefault("PARLEY_SECRET_KEY", "openapi-generation-only")
    app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:"))
    document = json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"
    Path(args.path).write_text(document)


def write_protocol(args: argparse.Namespace) -> None:
    from parley.realtime.catalogue import catalogue_json

    Path(args.path).write_text(catalogue_json())


def export_command(args: argparse.Namespace) -> None:
    from parley.portability import ArchiveError, export_instance

    try:
        counts = export_instance(_settings(), Path(args.path))
    except ArchiveError as exc:
        sys.exit(f"parley: {exc}")
    print(
        f"Exported {sum(counts.values())} rows of {len(counts)} tables, and the files,"
        f" to {args.path}."
    )


def import_command(args: argparse.Namespace) -> None:
    from parley.portability import ArchiveError, import_instance

    try:
        counts = import_instance(_settings(), Path(args.path))
    except ArchiveError as exc:
        sys.exit(f"parley: {exc}")
    print(f"Imported {sum(counts.values())} rows of {len(counts)} tables and the files.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="parley")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="migrate, then serve API + SPA").set_defaults(run=serve)
    commands.add_parser("migrate", help="apply migrations").set_defaults(run=migrate_command)
    commands.add_parser("worker", help="process uploads (scaled mode)").set_defaults(run=worker)
    admin = commands.add_parser("create-admin", help="create a site admin account")
    admin.add_argument("username")
    admin.add_argument("--display-name", default=None)
    admin.set_defaults(run=create_admin)
    openapi = commands.add_parser("openapi", help="write the OpenAPI schema to a file")
    openapi.add_argument("path")
    openapi.set_defaults(run=write_openapi)
    protocol = commands.add_parser("protocol", help="write the /ws frame catalogue (JSON Schema)")
    protocol.add_argument("path")
    protocol.set_defaults(run=write_protocol)
    exported = commands.add_parser("export", help="write the whole instance to an archive")
    exported.add_argument("path")
    exported.set_defaults(run=export_command)
    imported = commands.add_parser("import", help="load an archive into a new instance")
    imported.add_argument("path")
    imported.set_defaults(run=import_command)
    args = parser.parse_args(argv)
    args.run(args)
