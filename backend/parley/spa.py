"""Serve the built SPA: real files as they are, any other GET path gets index.html."""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Paths that belong to the API, the socket and operations, never to the SPA.
_NOT_THE_SPA = ("/api/", "/ws", "/metrics")


class SpaMount(Mount):
    """The SPA at "/", except for API paths: there the router's own answer stands (a 405
    naming the route's methods, a JSON 404), not the static files' 405 or fallback."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and scope["path"].startswith(_NOT_THE_SPA):
            return Match.NONE, {}
        return super().matches(scope)


class SpaFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
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
