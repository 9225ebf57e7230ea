"""docker-compose.yml cannot be run here (no Docker engine), so it is checked by parsing."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import yaml

from parley.cli import main as cli_main

REPO = Path(__file__).resolve().parents[3]


def _compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return document


def test_services_have_healthchecks_and_ordered_start() -> None:
    services = _compose()["services"]
    assert {"postgres", "redis", "app"} <= services.keys()
    for name in ("postgres", "redis", "app"):
        assert "healthcheck" in services[name], name
    depends = services["app"]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]


def test_app_builds_from_files_that_exist() -> None:
    build = _compose()["services"]["app"]["build"]
    context = REPO / build["context"]
    dockerfile = context / build["dockerfile"]
    assert dockerfile.is_file()
    for line in dockerfile.read_text().splitlines():
        match = re.match(r"COPY (?!--from)(.+) \S+$", line)
        if match:
            for source in match.group(1).split():
                assert (context / source).exists(), f"Dockerfile copies missing {source}"


def test_app_uses_the_same_entrypoint_as_make_run() -> None:
    command = _compose()["services"]["app"]["command"]
    assert command[:3] == ["python", "-m", "parley"]
    makefile = (REPO / "Makefile").read_text()
    assert f"-m parley {command[3]}" in makefile
    # and that subcommand really exists in the CLI
    try:
        cli_main([command[3], "--help"])
    except SystemExit as exc:
        assert exc.code == 0


def test_app_is_configured_for_postgres_with_a_required_secret() -> None:
    environment = _compose()["services"]["app"]["environment"]
    assert environment["PARLEY_DATABASE_URL"].startswith("postgresql://")
    assert ":?" in environment["PARLEY_SECRET_KEY"]  # compose refuses to start without it
    healthcheck = " ".join(
        shlex.quote(part) for part in _compose()["services"]["app"]["healthcheck"]["test"]
    )
    assert "/api/ready" in healthcheck
