"""The one place domain errors become HTTP responses."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from parley.db import is_outage
from parley.errors import (
    Banned,
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    RateLimited,
    SlowMode,
    TooLarge,
    Unauthorized,
    UnsupportedType,
)

log = logging.getLogger("parley.api")


class ErrorBody(BaseModel):
    """Every 4xx/5xx the API answers itself: `detail` (a message, or pydantic-style
    field errors on 422), and the domain error's `code` where there is one."""

    detail: str | list[dict[str, object]]
    code: str | None = None


_DESCRIPTIONS = {
    401: "Not signed in, or the token expired or was signed out",
    403: "Not allowed (code: forbidden, banned, kicked, locked, muted)",
    404: "No such thing, or one you may not see",
    409: "Conflicts with what exists",
    413: "Too large",
    415: "A type of file that is not allowed",
    422: "Invalid input",
    429: "Too many attempts (Retry-After says when to try again)",
    503: "The database is unavailable (Retry-After)",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a router: the errors its routes really answer."""
    return {
        status: {"model": ErrorBody, "description": _DESCRIPTIONS[status]}
        for status in (*statuses, 503)
    }


STATUS_BY_ERROR: dict[type[DomainError], int] = {
    NotFound: 404,
    Forbidden: 403,
    Unauthorized: 401,
    Conflict: 409,
    Invalid: 422,
    RateLimited: 429,
    SlowMode: 429,
    TooLarge: 413,
    UnsupportedType: 415,
}


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    # Walk the class hierarchy: the most specific class listed wins (TooLarge before
    # Invalid), and an unlisted subclass (Locked) maps like its parent (Forbidden).
    status = next((STATUS_BY_ERROR[k] for k in type(exc).__mro__ if k in STATUS_BY_ERROR), 400)
    headers: dict[str, str] = {}
    if isinstance(exc, RateLimited | SlowMode):
        headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    body: dict[str, object] = {"detail": exc.detail, "code": exc.code}
    if isinstance(exc, Banned):
        body["reason"] = exc.reason
    if isinstance(exc, Invalid) and exc.field:
        body["detail"] = [{"loc": ["body", exc.field], "msg": exc.detail, "type": "value_error"}]
    return JSONResponse(body, status_code=status, headers=headers)


async def _database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    # The database is down or unreachable (not a bug in the request): a JSON 503 the
    # client can retry, instead of a plain-text 500.
    log.warning("database unavailable", extra={"fields": {"error": str(exc)[:200]}})
    return JSONResponse(
        {"detail": "The database is unavailable; try again shortly", "code": "unavailable"},
        status_code=503,
        headers={"Retry-After": "2"},
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if is_outage(exc):
        return await _database_unavailable(request, exc)
    raise exc


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # Pydantic's own error dicts can carry the raw input and exception objects, which
    # are not always JSON-serialisable (bytes, ValueError): keep only the useful keys.
    errors = [
        {
            "loc": list(error.get("loc", ())),
            "msg": str(error.get("msg", "")),
            "type": error.get("type"),
        }
        for error in exc.errors()
    ]
    return JSONResponse({"detail": errors}, status_code=422)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
# FastAPI's words when a body cannot even be decoded (not UTF-8, so neither JSON nor a
# form): fastapi.routing raises them as a 400 that no route declares.
_UNPARSEABLE_BODY = "There was an error parsing the body"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 405:
        # FastAPI has one route per method: the one that answered knows only its own.
        # The Allow header names every method of every route at this path.
        # Asked of the router itself (Starlette's matching), whatever its nesting.
        allowed = [
            method
            for method in _METHODS
            if any(
                route.matches({**request.scope, "method": method})[0] is Match.FULL
                for route in request.app.router.routes
            )
        ]
        return JSONResponse(
            {"detail": exc.detail}, status_code=405, headers={"Allow": ", ".join(allowed)}
        )
    if exc.status_code == 400 and exc.detail == _UNPARSEABLE_BODY:
        # The same mistake as malformed JSON, which FastAPI already answers with a 422
        # (json_invalid): one status, in the field-error shape, for both.
        return JSONResponse(
            {
                "detail": [
                    {
                        "loc": ["body"],
                        "msg": "The body could not be decoded (it must be UTF-8)",
                        "type": "body_invalid",
                    }
                ]
            },
            status_code=422,
        )
    return await http_exception_handler(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(ConnectionError, _database_unavailable)
