"""Security headers on every response, API methods answered by the API, and a /metrics
that is not public (issue step 7, point 6)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from parley.main import create_app
from parley.settings import Settings


@asynccontextmanager
async def app_client(
    tmp_path: Path, *, client_host: str = "127.0.0.1", **overrides: object
) -> AsyncIterator[httpx.AsyncClient]:
    dist = tmp_path / "dist"
    dist.mkdir(exist_ok=True)
    (dist / "index.html").write_text("<html>parley spa</html>")
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        secret_key="k",
        data_dir=tmp_path,
        static_dir=dist,
        **overrides,  # type: ignore[arg-type]
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, client=(client_host, 40000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http
    finally:
        await app.state.parley.engine.dispose()  # no lifespan ran to do it


async def test_the_spa_and_the_api_carry_the_security_headers(tmp_path: Path) -> None:
    async with app_client(tmp_path) as http:
        for path in ("/", "/rooms/3", "/api/health", "/api/nope"):
            headers = (await http.get(path)).headers
            csp = headers["content-security-policy"]
            script = next(part for part in csp.split("; ") if part.startswith("script-src"))
            assert "'unsafe-inline'" not in script and "frame-ancestors 'none'" in csp, path
            assert headers["x-frame-options"] == "DENY"
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["referrer-policy"] == "no-referrer"
            assert "strict-transport-security" not in headers
    async with app_client(tmp_path, hsts_seconds=31536000) as http:
        hsts = (await http.get("/api/health")).headers["strict-transport-security"]
        assert hsts == "max-age=31536000"


async def test_unsupported_api_methods_are_the_apis_405(tmp_path: Path) -> None:
    async with app_client(tmp_path) as http:
        response = await http.request("OPTIONS", "/api/rooms")
        assert response.status_code == 405
        assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}
        assert response.json() == {"detail": "Method Not Allowed"}
        # The SPA still answers its own paths (and refuses what a static site cannot do).
        assert (await http.get("/anything")).status_code == 200
        assert (await http.post("/anything")).status_code == 405


async def test_metrics_are_for_this_host_or_the_token(tmp_path: Path) -> None:
    async with app_client(tmp_path) as http:
        assert (await http.get("/metrics")).status_code == 200
    async with app_client(tmp_path, client_host="203.0.113.9") as http:
        assert (await http.get("/metrics")).status_code == 404
    async with app_client(tmp_path, client_host="203.0.113.9", metrics_token="s3cret") as http:
        assert (await http.get("/metrics")).status_code == 404
        bad = await http.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 404
        good = await http.get("/metrics", headers={"Authorization": "Bearer s3cret"})
        assert good.status_code == 200 and "parley_http_requests_total" in good.text
