"""How the built SPA is cached and compressed (issue step 9, points 4 and 7): hashed
assets for a year and precompressed, everything else revalidated, the API's JSON gzipped."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from parley.main import create_app
from parley.settings import Settings
from parley.spa import accepted_encodings

SCRIPT = "console.log('parley');" * 50
# The server sends the build's compressed copies as they are; the bytes only need to differ.
BROTLI_COPY = b"brotli bytes of index.js"


@asynccontextmanager
async def spa_client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    dist = tmp_path / "dist"
    assets = dist / "assets"
    assets.mkdir(parents=True)
    (dist / "index.html").write_text("<html>parley spa</html>")
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {});")
    (dist / "manifest.webmanifest").write_text('{"name": "Parley"}')
    (assets / "index-abc123.js").write_text(SCRIPT)
    (assets / "index-abc123.js.gz").write_bytes(gzip.compress(SCRIPT.encode()))
    (assets / "index-abc123.js.br").write_bytes(BROTLI_COPY)
    (assets / "plain-def456.css").write_text("body{}")  # too small to be compressed
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        secret_key="k",
        data_dir=tmp_path,
        static_dir=dist,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http
    finally:
        await app.state.parley.engine.dispose()  # no lifespan ran to do it


async def raw_get(http: httpx.AsyncClient, path: str, accept: str) -> tuple[httpx.Response, bytes]:
    """GET without httpx decoding the body, so the test sees the bytes as sent."""
    request = http.build_request("GET", path, headers={"Accept-Encoding": accept})
    response = await http.send(request, stream=True)
    body = b"".join([chunk async for chunk in response.aiter_raw()])
    await response.aclose()
    return response, body


async def test_hashed_assets_are_immutable_and_precompressed(tmp_path: Path) -> None:
    async with spa_client(tmp_path) as http:
        brotli_reply, body = await raw_get(http, "/assets/index-abc123.js", "gzip, deflate, br")
        assert brotli_reply.status_code == 200
        assert brotli_reply.headers["content-encoding"] == "br"
        assert brotli_reply.headers["content-type"] == "text/javascript; charset=utf-8"
        assert brotli_reply.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert brotli_reply.headers["vary"] == "Accept-Encoding"
        assert body == BROTLI_COPY

        gzip_reply, body = await raw_get(http, "/assets/index-abc123.js", "gzip")
        assert gzip_reply.headers["content-encoding"] == "gzip"
        assert gzip.decompress(body) == SCRIPT.encode()

        refused, body = await raw_get(http, "/assets/index-abc123.js", "br;q=0, identity")
        assert "content-encoding" not in refused.headers
        assert body == SCRIPT.encode() and refused.headers["vary"] == "Accept-Encoding"

        # An asset without compressed copies is served as it is, still immutable.
        plain, body = await raw_get(http, "/assets/plain-def456.css", "br, gzip")
        assert body == b"body{}" and "content-encoding" not in plain.headers
        assert plain.headers["content-type"].startswith("text/css")
        assert plain.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_unknown_asset_is_a_404_not_the_page(tmp_path: Path) -> None:
    async with spa_client(tmp_path) as http:
        # A page of the last release asking for a chunk that is gone must fail loudly, not
        # be handed index.html as JavaScript.
        missing = await http.get("/assets/gone-000000.js", headers={"Accept-Encoding": "br"})
        assert missing.status_code == 404
        assert "parley spa" not in missing.text


async def test_pages_the_worker_and_the_manifest_revalidate(tmp_path: Path) -> None:
    async with spa_client(tmp_path) as http:
        for path in ("/", "/index.html", "/rooms/4", "/sw.js", "/manifest.webmanifest"):
            response = await http.get(path)
            assert response.status_code == 200, path
            assert response.headers["cache-control"] == "no-cache", path
        worker = await http.get("/sw.js")
        assert worker.headers["content-type"].startswith("text/javascript")
        manifest = await http.get("/manifest.webmanifest")
        assert manifest.headers["content-type"] == "application/manifest+json"
        csp = manifest.headers["content-security-policy"]
        assert "worker-src 'self'" in csp and "manifest-src 'self'" in csp


async def test_api_json_is_gzipped_when_accepted(tmp_path: Path) -> None:
    async with spa_client(tmp_path) as http:
        big, _ = await raw_get(http, "/api/openapi.json", "gzip")
        assert big.headers["content-encoding"] == "gzip"
        assert "Accept-Encoding" in big.headers["vary"]
        plain, _ = await raw_get(http, "/api/openapi.json", "identity")
        assert "content-encoding" not in plain.headers


def test_accepted_encodings_reads_quality_values() -> None:
    assert accepted_encodings("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert accepted_encodings("br;q=0, gzip;q=0.5") == {"gzip"}
    assert accepted_encodings("BR ; q=1.0") == {"br"}
    assert accepted_encodings("") == set()
    assert accepted_encodings("gzip;q=nonsense") == set()
