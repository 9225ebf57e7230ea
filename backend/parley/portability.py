"""Moving a whole instance between databases: `python -m parley export PATH` and
`python -m parley import PATH` (issue step 11, point 6; docs/deploy.md).

The archive (a .tar.gz) holds manifest.json (the format, the schema's Alembic revision,
the row count of each table), one JSON Lines file per table, and the uploaded files.
Rows are read and written through the models' tables, so the archive is the same from
SQLite and PostgreSQL and loads into either: SQLite → PostgreSQL → SQLite round-trips
with nothing lost (tests/unit/test_portability.py). What only migrations create follows
the rows by itself (SQLite's search index through its triggers). Secrets are not in it:
tokens signed with the old PARLEY_SECRET_KEY stay valid only if the new instance has
the same key; without it everyone signs in again.
"""

from __future__ import annotations

import asyncio
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncConnection

from parley import migrate
from parley.db import create_engine
from parley.models import metadata
from parley.settings import Settings

FORMAT = "parley-export/1"
_BATCH = 1000


class ArchiveError(Exception):
    """The archive cannot be written or loaded here (the message says why)."""


def _head() -> str:
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def _revision(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _rows_jsonl(rows: Iterator[sa.Row[Any]]) -> Iterator[bytes]:
    for row in rows:
        yield (json.dumps({k: _encode(v) for k, v in row._mapping.items()},
                          ensure_ascii=False) + "\n").encode()  # fmt: skip


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def export_instance(settings: Settings, path: Path) -> dict[str, int]:
    """Write the archive; returns the rows written per table."""
    return asyncio.run(_export(settings, path))


async def _export(settings: Settings, path: Path) -> dict[str, int]:
    if path.exists():
        raise ArchiveError(f"{path} exists already: choose a new file name")
    engine = create_engine(settings)
    counts: dict[str, int] = {}
    try:
        async with engine.connect() as connection:
            revision = await connection.run_sync(_revision)
            if revision != _head():
                raise ArchiveError(
                    f"the database is at revision {revision}, not {_head()}: "
                    "run `python -m parley migrate` first"
                )
            with tarfile.open(path, "w:gz") as archive:
                for table in metadata.sorted_tables:
                    data = await _table_bytes(connection, table)
                    counts[table.name] = data.count(b"\n")
                    _add_bytes(archive, f"tables/{table.name}.jsonl", data)
                if settings.uploads_dir.is_dir():
                    archive.add(settings.uploads_dir, arcname="files")
                manifest = {"format": FORMAT, "revision": revision, "tables": counts}
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        await engine.dispose()
    return counts


async def _table_bytes(connection: AsyncConnection, table: sa.Table) -> bytes:
    key = list(table.primary_key.columns)
    rows = (await connection.execute(sa.select(table).order_by(*key))).all()
    return b"".join(_rows_jsonl(iter(rows)))


def _decode(table: sa.Table, record: dict[str, Any]) -> dict[str, Any]:
    for column in table.columns:
        value = record.get(column.name)
        if isinstance(value, str) and _is_datetime(column):
            record[column.name] = datetime.fromisoformat(value)
    return record


def _is_datetime(column: sa.Column[Any]) -> bool:
    kind = column.type
    return isinstance(kind, sa.DateTime) or isinstance(getattr(kind, "impl", None), sa.DateTime)


def import_instance(settings: Settings, path: Path) -> dict[str, int]:
    """Load the archive into this instance's database (migrated first; it must hold no
    accounts yet) and its files into the data directory. Returns rows loaded per table."""
    if not path.is_file():
        raise ArchiveError(f"{path} is not a file")
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(root, filter="data")
        try:
            manifest = json.loads((root / "manifest.json").read_text())
        except (OSError, ValueError) as exc:
            raise ArchiveError(f"{path} is not a Parley export (no manifest)") from exc
        if manifest.get("format") != FORMAT:
            raise ArchiveError(f"unknown archive format {manifest.get('format')!r}")
        if manifest.get("revision") != _head():
            raise ArchiveError(
                f"the archive is of schema revision {manifest.get('revision')}, this Parley "
                f"is at {_head()}: import it with the release that exported it"
            )
        uploads = settings.uploads_dir
        if uploads.is_dir() and any(uploads.iterdir()):
            raise ArchiveError(f"{uploads} is not empty: import into a new data directory")
        migrate.upgrade(settings.database_url)  # runs its own event loop
        counts = asyncio.run(_load_tables(settings, root / "tables"))
        if (root / "files").is_dir():
            shutil.copytree(root / "files", uploads, dirs_exist_ok=True)
    return counts


async def _load_tables(settings: Settings, tables: Path) -> dict[str, int]:
    engine = create_engine(settings)
    counts: dict[str, int] = {}
    try:
        async with engine.begin() as connection:
            users = metadata.tables["users"]
            if (await connection.execute(sa.select(sa.func.count()).select_from(users))).scalar():
                raise ArchiveError("this database has accounts already: import into a new one")
            for table in metadata.sorted_tables:
                counts[table.name] = await _load_table(connection, table, tables)
            if connection.dialect.name == "postgresql":
                await _advance_sequences(connection)
    finally:
        await engine.dispose()
    return counts


async def _load_table(connection: AsyncConnection, table: sa.Table, tables: Path) -> int:
    source = tables / f"{table.name}.jsonl"
    if not source.is_file():
        return 0
    loaded = 0
    batch: list[dict[str, Any]] = []
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            batch.append(_decode(table, json.loads(line)))
            if len(batch) >= _BATCH:
                await connection.execute(sa.insert(table), batch)
                loaded += len(batch)
                batch = []
    if batch:
        await connection.execute(sa.insert(table), batch)
        loaded += len(batch)
    return loaded


async def _advance_sequences(connection: AsyncConnection) -> None:
    """Rows came with their ids: each id sequence moves past the largest."""
    for table in metadata.sorted_tables:
        column = table.columns.get("id")
        if column is None or not isinstance(column.type, sa.Integer):
            continue
        await connection.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )
