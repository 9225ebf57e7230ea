"""Health, readiness, metrics, request logging and the SPA fallback."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest

from parley.main import create_app
from parley.observability import JsonFormatter
from parley.settings import Settings


async def test_health_and_ready(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/health")).json() == {"status": "ok"}
    ready = await client.get("/api/ready")
    assert ready.status_code == 200 and ready.json()["database"] == "ok"


async def test_ready_is_503_when_the_database_is_gone(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "x.db"
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{missing}", secret_key="k", data_dir=tmp_path
    )
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as http:
        response = await http.get("/api/ready")
    await app.state.parley.engine.dispose()  # no lifespan ran to do it
    assert response.status_code == 503 and response.json()["status"] == "unavailable"


async def test_metrics_count_requests_by_route(client: httpx.AsyncClient) -> None:
    await client.get("/api/health")
    text = (await client.get("/metrics")).text
    assert 'parley_http_requests_total{method="GET",route="/api/health",status="200"}' in text
    assert "parley_http_request_duration_seconds_bucket" in text


async def test_one_structured_log_line_per_request(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="parley.access"):
        await client.get("/api/health?probe=1")
    records = [r for r in caplog.records if r.name == "parley.access"]
    assert len(records) == 1
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["path"] == "/api/health" and line["status"] == 200
    assert line["method"] == "GET" and line["duration_ms"] >= 0


async def test_unknown_api_path_is_json_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/nope")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


async def test_spa_serves_files_and_falls_back_to_index(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<html>parley spa</html>")
    (dist / "assets" / "app.js").write_text("console.log(1)")
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        secret_key="k",
        data_dir=tmp_path,
        static_dir=dist,
    )
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as http:
        assert "parley spa" in (await http.get("/")).text
        assert "parley spa" in (await http.get("/rooms/12")).text
        assert (await http.get("/assets/app.js")).text == "console.log(1)"
        api_miss = await http.get("/api/not-there")
        assert api_miss.status_code == 404 and api_miss.json() == {"detail": "Not Found"}
    await app.state.parley.engine.dispose()
