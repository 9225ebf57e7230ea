"""create_app(): the REST API, the SPA files and /metrics on one origin."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.routing import APIRoute
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.responses import Response

from parley.api.errors import install_error_handlers
from parley.api.routes import auth, health, users
from parley.api.state import AppState
from parley.db import create_engine, create_session_factory
from parley.observability import RequestObserver
from parley.services.ratelimit import RateLimiter
from parley.settings import Settings, get_settings
from parley.spa import SpaFiles


def _operation_id(route: APIRoute) -> str:
    # "{tag}-{name}" gives the generated TypeScript client stable, readable names.
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = create_engine(settings)
    state = AppState(
        settings=settings,
        engine=engine,
        sessions=create_session_factory(engine),
        limiter=RateLimiter(),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await engine.dispose()

    app = FastAPI(
        title="Parley",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    app.state.parley = state
    install_error_handlers(app)

    # Each router carries its full /api/... prefix so metrics see whole route templates.
    for module in (auth, users, health):
        app.include_router(module.router)

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    if (settings.static_dir / "index.html").is_file():
        app.mount("/", SpaFiles(directory=settings.static_dir, html=True), name="spa")
    app.add_middleware(RequestObserver)
    return app
