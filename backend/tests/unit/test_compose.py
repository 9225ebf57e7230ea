"""docker-compose.yml cannot be run here (no Docker engine), so it is checked by parsing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from parley.cli import main as cli_main
from parley.settings import Settings

REPO = Path(__file__).resolve().parents[3]
PARLEY_SERVICES = ("migrate", "app", "worker")


def _compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return document


def test_services_have_healthchecks_and_ordered_start() -> None:
    services = _compose()["services"]
    assert {"postgres", "redis", "migrate", "app", "worker", "balancer"} <= services.keys()
    for name in ("postgres", "redis", "app", "balancer"):
        assert "healthcheck" in services[name], name
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("app", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
    assert services["balancer"]["depends_on"]["app"]["condition"] == "service_healthy"
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert services["app"]["deploy"]["replicas"] == 2
    # app replicas and the worker share the uploads volume
    assert "uploads:/data" in services["app"]["volumes"]
    assert "uploads:/data" in services["worker"]["volumes"]


def test_images_build_from_files_that_exist() -> None:
    for name in PARLEY_SERVICES:
        build = _compose()["services"][name]["build"]
        context = REPO / build["context"]
        dockerfile = context / build["dockerfile"]
        assert dockerfile.is_file()
        for line in dockerfile.read_text().splitlines():
            match = re.match(r"COPY (?!--from)(.+) \S+$", line)
            if match:
                for source in match.group(1).split():
                    assert (context / source).exists(), f"Dockerfile copies missing {source}"


@pytest.mark.parametrize("service", PARLEY_SERVICES)
def test_commands_are_real_cli_entrypoints(service: str) -> None:
    command = _compose()["services"][service]["command"]
    assert command[:3] == ["python", "-m", "parley"]
    try:
        cli_main([command[3], "--help"])
    except SystemExit as exc:
        assert exc.code == 0


def test_app_uses_the_same_entrypoint_as_make_run() -> None:
    command = _compose()["services"]["app"]["command"]
    assert f"-m parley {command[3]}" in (REPO / "Makefile").read_text()


def test_the_environment_is_valid_scaled_mode_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    environment = _compose()["services"]["app"]["environment"]
    assert ":?" in environment["PARLEY_SECRET_KEY"]  # compose refuses to start without it
    resolved = {
        key: re.sub(r"\$\{[A-Z_]+:[-?]([^}]*)\}", r"\1", str(value))
        for key, value in environment.items()
    }
    resolved["PARLEY_SECRET_KEY"] = "x" * 40
    for key, value in resolved.items():  # read as the container would: from its environment
        monkeypatch.setenv(key, value)
    settings = Settings()
    assert (settings.broker, settings.jobs) == ("redis", "worker")
    assert settings.database_url.startswith("postgresql+asyncpg://")


def test_the_balancer_upgrades_websockets() -> None:
    balancer = _compose()["services"]["balancer"]
    mount = next(v for v in balancer["volumes"] if "nginx.conf" in v)
    config = (REPO / mount.split(":")[0]).read_text()
    assert "proxy_set_header Upgrade $http_upgrade" in config
    assert "location /ws" in config and "server app:8000" in config


def test_the_apps_trust_the_balancers_forwarded_address() -> None:
    """Behind nginx every client would share its address (and its rate limits) unless the
    app believes nginx's X-Forwarded-For; it may, because only nginx reaches it."""
    services = _compose()["services"]
    assert services["app"]["environment"]["PARLEY_FORWARDED_ALLOW_IPS"] == "*"
    assert "ports" not in services["app"]
    assert "X-Forwarded-For" in (REPO / "deploy" / "nginx.conf").read_text()


def test_the_balancer_refuses_sign_in_floods_before_the_app() -> None:
    """A login flood costs the app argon2 CPU and loop time per attempt: nginx limits the
    auth routes per client address first."""
    conf = (REPO / "deploy" / "nginx.conf").read_text()
    assert re.search(r"limit_req_zone \$binary_remote_addr zone=parley_auth:\S+ rate=\S+;", conf)
    auth = re.search(r"location /api/auth/ \{(.*?)\}", conf, re.S)
    assert auth and "limit_req zone=parley_auth" in auth.group(1)
    assert "proxy_pass http://parley_app;" in auth.group(1)
