"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from parley.api.deps import StateDep

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready", responses={503: {"description": "A dependency is down"}})
async def ready(state: StateDep) -> JSONResponse:
    try:
        async with state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not ready", never a 500
        return JSONResponse({"status": "unavailable", "database": str(exc)[:200]}, 503)
    report = {"database": "ok"}
    for name, check in state.checks.items():
        report[name] = "ok" if await check() else "unavailable"
    healthy = all(value == "ok" for value in report.values())
    return JSONResponse(
        {"status": "ok" if healthy else "unavailable", **report}, 200 if healthy else 503
    )
