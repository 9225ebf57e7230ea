"""The command line, run as a user runs it: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from uvicorn.importer import import_from_string

from parley import cli, migrate
from parley.main import create_app, server_config
from parley.settings import Settings


def _parley(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parley", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_create_admin_then_duplicate_is_refused(tmp_path: Path) -> None:
    env = {"PARLEY_DATA_DIR": str(tmp_path), "PARLEY_ADMIN_PASSWORD": "admin-password"}
    env.pop("PARLEY_DATABASE_URL", None)
    first = _parley("create-admin", "Root", env=env)
    assert first.returncode == 0, first.stderr
    assert "Created site admin 'root'" in first.stdout
    again = _parley("create-admin", "root", env=env)
    assert again.returncode != 0 and "Username already taken" in again.stderr


def test_create_admin_rejects_a_short_password(tmp_path: Path) -> None:
    env = {"PARLEY_DATA_DIR": str(tmp_path), "PARLEY_ADMIN_PASSWORD": "short"}
    result = _parley("create-admin", "root", env=env)
    assert result.returncode != 0 and "at least 8 characters" in result.stderr


def test_serve_refuses_postgres_without_secret(tmp_path: Path) -> None:
    env = {
        "PARLEY_DATA_DIR": str(tmp_path),
        "PARLEY_DATABASE_URL": "postgresql://postgres@127.0.0.1/none",
        "PARLEY_SECRET_KEY": "",
    }
    result = _parley("serve", env=env)
    assert result.returncode != 0 and "PARLEY_SECRET_KEY is required" in result.stderr


def test_openapi_has_tagged_operation_ids(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    result = _parley("openapi", str(target), env={"PARLEY_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    operations = {
        op["operationId"]
        for path in json.loads(target.read_text())["paths"].values()
        for op in path.values()
    }
    assert {"auth-login", "auth-signup", "users-read_me"} <= operations


@pytest.mark.parametrize("name", ["frontend/openapi.json"])
def test_committed_openapi_is_current(tmp_path: Path, name: str) -> None:
    repo = Path(__file__).resolve().parents[3]
    target = tmp_path / "openapi.json"
    _parley("openapi", str(target), env={"PARLEY_DATA_DIR": str(tmp_path)})
    assert target.read_text() == (repo / name).read_text(), (
        "frontend/openapi.json is stale: run `make openapi`"
    )


def test_serve_refuses_several_workers_with_the_memory_broker(tmp_path: Path) -> None:
    env = {
        "PARLEY_DATA_DIR": str(tmp_path),
        "PARLEY_DATABASE_URL": f"sqlite:///{tmp_path / 'parley.db'}",
        "PARLEY_BROKER": "memory",
        "PARLEY_WORKERS": "2",
    }
    result = _parley("serve", env=env)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "PARLEY_WORKERS=2 needs PARLEY_BROKER=redis" in result.stderr
    assert "never reaches the sockets held by the others" in result.stderr
    assert not (tmp_path / "parley.db").exists()  # refused before migrating anything


def test_serve_with_workers_migrates_once_then_runs_them_with_the_same_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PARLEY_DATABASE_URL", f"sqlite:///{tmp_path / 'parley.db'}")
    monkeypatch.setenv("PARLEY_BROKER", "redis")
    monkeypatch.setenv("PARLEY_WORKERS", "3")
    migrated: list[str] = []
    supervised: list[uvicorn.Config] = []
    monkeypatch.setattr(migrate, "upgrade", migrated.append)
    monkeypatch.setattr(cli, "configure_logging", lambda _level: None)  # keep pytest's
    monkeypatch.setattr(cli, "_run_workers", supervised.append)

    tuned: list[str] = []
    monkeypatch.setattr(cli, "tune_gc", lambda: tuned.append("tuned"))
    cli.main(["serve"])

    settings = Settings()
    assert migrated == [settings.database_url]  # in the parent, once; workers do not
    [config] = supervised
    assert (config.app, config.factory, config.workers) == (cli.WORKER_APP, True, 3)
    one_process = server_config(create_app(settings), settings)
    assert one_process.factory is False

    def options(config: uvicorn.Config) -> dict[str, object]:
        return {k: v for k, v in vars(config).items() if k not in {"app", "factory"}}

    assert options(config) == options(one_process)
    assert import_from_string(cli.WORKER_APP) is cli.worker_app
    assert isinstance(cli.worker_app(), FastAPI)
    # A spawned worker inherits no collector settings: it tunes its own.
    assert tuned == ["tuned"]


def test_serve_lifts_the_open_file_limit_to_the_hard_one() -> None:
    """Run in a child process: lowering a limit in the test process would stick."""
    probe = (
        "import resource\n"
        "from parley.cli import raise_open_file_limit\n"
        "hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))\n"
        "print(raise_open_file_limit() == (hard, hard))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "True", result.stderr
