"""create_app(): the REST API, the SPA files and /metrics on one origin."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.routing import APIRoute
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from parley import security
from parley.api.errors import install_error_handlers
from parley.api.routes import (
    admin,
    auth,
    config,
    directs,
    health,
    invites,
    messages,
    moderation,
    push,
    rooms,
    search,
    uploads,
    users,
)
from parley.compression import ApiCompression
from parley.db import create_engine, create_session_factory
from parley.headers import SecurityHeaders
from parley.jobs.push import PushingPublisher, PushSender, load_vapid, public_key_of
from parley.jobs.queue import TaskiqJobs
from parley.jobs.queue import run_worker as worker_loop
from parley.jobs.runner import InProcessJobs
from parley.mail import Mailer
from parley.observability import RequestObserver, metrics_allowed
from parley.realtime.assembly import Realtime, build_realtime
from parley.realtime.catalogue import catalogue_json
from parley.realtime.gateway import Gateway
from parley.realtime.protocol import MAX_FRAME_BYTES
from parley.realtime.wire import FramedWebSocketProtocol
from parley.services.ratelimit import RateLimiter
from parley.services.runtime import Runtime
from parley.settings import Settings, get_settings
from parley.spa import SpaFiles, SpaMount
from parley.storage import FileStore


def _operation_id(route: APIRoute) -> str:
    # "{tag}-{name}" gives the generated TypeScript client stable, readable names.
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


class ParleyApp(FastAPI):
    """FastAPI, with `/ws` answered before the HTTP middleware stack.

    Every middleware layer would stay suspended, scope copies and all, for the whole
    life of each socket (hours, thousands of sockets) and sit on every frame sent; none
    of them has anything to do for a WebSocket. The gateway does its own checks.
    """

    def __init__(self, gateway: Gateway, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.gateway = gateway

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and scope["path"] == "/ws":
            await self.gateway(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    security.configure_password_hashing(
        memory_kib=settings.password_hash_memory_kib,
        time_cost=settings.password_hash_time_cost,
        threads=settings.password_hash_threads,
    )
    realtime = build_realtime(settings)
    jobs: InProcessJobs | TaskiqJobs = (
        TaskiqJobs(settings) if settings.jobs == "worker" else InProcessJobs()
    )
    runtime = _runtime(settings, realtime, jobs)
    engine = runtime.engine
    pushing = _with_push(runtime)
    gateway = Gateway(runtime, realtime.hub, realtime.presence.publish_local)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await realtime.broker.start(realtime.hub.deliver)
        await realtime.presence.start(gateway.announce_offline)
        await jobs.start(runtime)
        if pushing is not None:
            pushing.start()
        yield
        stops = [
            gateway.stop,
            jobs.stop,
            realtime.presence.stop,
            realtime.broker.stop,
            engine.dispose,
        ]
        if pushing is not None:
            stops.insert(0, pushing.stop)
        if runtime.mailer is not None:
            stops.insert(0, runtime.mailer.wait_sent)
        # Each step runs even if an earlier one fails (e.g. Redis already gone).
        for stop in stops:
            try:
                await stop()
            except Exception:
                logging.getLogger("parley").exception("shutdown step failed")

    app = ParleyApp(
        gateway,
        title="Parley",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    app.state.parley = runtime
    install_error_handlers(app)

    # Each router carries its full /api/... prefix so metrics see whole route templates.
    for module in (
        auth,
        users,
        rooms,
        directs,
        invites,
        messages,
        search,
        push,
        uploads,
        moderation,
        admin,
        config,
        health,
    ):
        app.include_router(module.router)

    # Registered here, not in api/routes: the catalogue is realtime's, and api must not
    # import realtime (nor realtime api); main is the one module that sees both.
    protocol_document = catalogue_json().encode()

    @app.get("/api/protocol.json", tags=["protocol"], response_class=Response)
    async def protocol_schema() -> Response:
        """The /ws frame catalogue as JSON Schema: every client and server frame, and the
        close codes (docs/protocol.md explains them)."""
        return Response(protocol_document, media_type="application/json")

    @app.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        # Not public: the scraper either sits on this host (loopback) or presents the
        # token PARLEY_METRICS_TOKEN (docs/deploy.md); nginx refuses /metrics outright.
        if not metrics_allowed(settings, request):
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    if (settings.static_dir / "index.html").is_file():
        spa = SpaFiles(directory=settings.static_dir, html=True)
        app.router.routes.append(SpaMount("/", app=spa, name="spa"))
    app.add_middleware(ApiCompression)
    app.add_middleware(SecurityHeaders, hsts_seconds=settings.hsts_seconds)
    app.add_middleware(RequestObserver)
    return app


def _runtime(settings: Settings, realtime: Realtime, jobs: InProcessJobs | TaskiqJobs) -> Runtime:
    engine = create_engine(settings)
    return Runtime(
        settings=settings,
        engine=engine,
        sessions=create_session_factory(engine),
        limiter=RateLimiter(_limiter_storage(settings), key_prefix=settings.redis_prefix),
        publisher=realtime.publisher,
        presence=realtime.presence,
        store=FileStore(settings.uploads_dir),
        jobs=jobs,
        mailer=Mailer(settings) if settings.email_enabled else None,
        checks={"broker": realtime.broker.ping},
    )


def _with_push(runtime: Runtime) -> PushingPublisher | None:
    """Web Push on the way out of every publish, when a VAPID key is there to sign it."""
    vapid = load_vapid(runtime.settings)
    if vapid is None:
        return None
    pushing = PushingPublisher(
        runtime.publisher,
        sessions=runtime.sessions,
        presence=runtime.presence,
        sender=PushSender(vapid, runtime.settings.vapid_subject),
    )
    runtime.publisher = pushing
    runtime.push_public_key = public_key_of(vapid)
    return pushing


async def run_worker(settings: Settings) -> None:
    """`python -m parley worker`: process uploads from the queue until stopped."""
    security.configure_password_hashing(
        memory_kib=settings.password_hash_memory_kib, time_cost=settings.password_hash_time_cost
    )
    realtime = build_realtime(settings)  # only its publisher is used: events reach the apps
    jobs = TaskiqJobs(settings)
    runtime = _runtime(settings, realtime, jobs)
    try:
        await worker_loop(runtime, jobs)
    finally:
        await runtime.engine.dispose()


def _limiter_storage(settings: Settings) -> str:
    # Shared counters in scaled mode, so a limit holds across instances.
    if settings.broker == "redis":
        return "async+" + settings.redis_url
    return "async+memory://"


def server_config(app: FastAPI | str, settings: Settings) -> uvicorn.Config:
    """uvicorn options Parley relies on: frame size cap (1009) and protocol pings.

    The one home of these options, for one process (`app` is the app object) and for
    PARLEY_WORKERS > 1 (`app` is the import string of a factory each worker calls).
    """
    return uvicorn.Config(
        app,
        factory=isinstance(app, str),
        workers=settings.workers,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        log_config=None,  # keep our JSON logging instead of uvicorn's default config
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        # Parley's own subclass of uvicorn's sans-io protocol: pre-framed fan-out writes
        # and a capped socket send buffer (realtime/wire.py).
        ws=FramedWebSocketProtocol,
        # No compression: a compressed frame differs per recipient (serialise-once would
        # be lost) and each socket would hold a zlib context (~40 KB) for its lifetime.
        ws_per_message_deflate=False,
        ws_max_size=MAX_FRAME_BYTES,
        ws_ping_interval=settings.ws_ping_interval,
        ws_ping_timeout=settings.ws_ping_timeout,
        timeout_graceful_shutdown=5,
    )
