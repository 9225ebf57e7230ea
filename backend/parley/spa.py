"""Serve the built SPA: real files as they are, any other GET path gets index.html.

Caching follows the build: files under `assets/` carry a content hash in their names, so a
browser may keep them for a year without asking again (and they are served precompressed,
`.br` / `.gz` written next to them at build time). Everything else (index.html, the service
worker, the manifest, icons) keeps its name across releases, so the browser revalidates it
on every use (`no-cache`; a 304 costs a round trip, not the body).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Paths that belong to the API, the socket and operations, never to the SPA.
_NOT_THE_SPA = ("/api/", "/ws", "/metrics")

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
_HASHED_DIR = "assets/"
# Best first: brotli is ~15 % smaller than gzip on the bundles.
_PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))

# Python's table lacks the web manifest; browsers warn about (or ignore) other types.
mimetypes.add_type("application/manifest+json", ".webmanifest")


class SpaMount(Mount):
    """The SPA at "/", except for API paths: there the router's own answer stands (a 405
    naming the route's methods, a JSON 404), not the static files' 405 or fallback."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and scope["path"].startswith(_NOT_THE_SPA):
            return Match.NONE, {}
        return super().matches(scope)


def accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header allows (`br;q=0` refuses br)."""
    accepted: set[str] = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        quality = params.strip().removeprefix("q=")
        try:
            refused = params.strip().startswith("q=") and float(quality) <= 0
        except ValueError:
            refused = True
        if name and not refused:
            accepted.add(name.strip().lower())
    return accepted


class SpaFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.startswith(_HASHED_DIR):
            return await self._asset(path, scope)
        response = await self._page(path, scope)
        response.headers["Cache-Control"] = REVALIDATE
        return response

    async def _asset(self, path: str, scope: Scope) -> Response:
        """A hashed build file, in the best coding the client takes. A missing one is a 404,
        never index.html: a stale page asking for last release's chunk must see it fail."""
        accepted = accepted_encodings(Headers(scope=scope).get("accept-encoding", ""))
        response: Response | None = None
        for coding, suffix in _PRECOMPRESSED:
            if coding not in accepted:
                continue
            try:
                response = await super().get_response(path + suffix, scope)
            except HTTPException:
                continue
            response.headers["Content-Encoding"] = coding
            media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            if media_type.startswith("text/") or media_type == "application/javascript":
                media_type += "; charset=utf-8"
            response.headers["Content-Type"] = media_type
            break
        if response is None:
            response = await super().get_response(path, scope)
        response.headers["Cache-Control"] = IMMUTABLE
        # Caches between us and the browser must keep one copy per coding.
        response.headers["Vary"] = "Accept-Encoding"
        return response

    async def _page(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            # API and socket paths never fall back: a typo there must stay a 404.
            if exc.status_code != 404 or path.startswith(("api/", "ws", "metrics")):
                raise
            index = Path(str(self.directory)) / "index.html"
            if not index.is_file():  # mid-deploy: the build is being replaced
                raise HTTPException(503, "The app is being updated, reload in a moment") from exc
            return FileResponse(index)
