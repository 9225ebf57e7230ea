"""gzip for the API's JSON: a page of messages or the room list shrinks about fivefold,
which a phone on a slow link feels on every start. The SPA's files are precompressed at build time
(spa.py) and the socket is dispatched before any middleware (main.ParleyApp), so neither
passes through here; upload files are left alone (mostly compressed already, and served
as stored)."""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

_API = "/api/"
_FILES = "/api/uploads/"
# Level 6: nearly all of level 9's gain for a fraction of the CPU, on every response.
_LEVEL = 6


class ApiCompression:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._gzip = GZipMiddleware(app, compresslevel=_LEVEL)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and path.startswith(_API) and not path.startswith(_FILES):
            await self._gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
