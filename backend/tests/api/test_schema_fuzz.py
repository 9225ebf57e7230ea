"""Schemathesis over GET /api/openapi.json as signed-in users: no 5xx, and every answer
(status code, content type, body) is one the schema declares.

Every operation gets schemathesis' coverage cases (boundary values, missing and
wrong-typed fields, unexpected methods: enumerated, not random) and random valid
(positive) and invalid (negative) input. Each case is sent as the site admin (who also
owns the rooms) or as an ordinary member, so both the deep paths and the refusals are
reached. Path ids are aimed at seeded rows half the time: schemathesis cannot guess them.
Hypothesis is derandomized with no example database, so a run is the same on every
machine and bounded by MAX_EXAMPLES. The rate limits that would get in the way (sign-up,
login, room creation) are already raised by make_settings; the others answer a declared
429 now and then.

The server runs in a thread with its own event loop: schemathesis calls it with blocking
`requests`, which would stall a server sharing the test's loop (the `server` fixture).

schemathesis.pytest.from_fixture is not used: with pytest 9 it fails on a removed pytest
attribute (Function._nodeid, schemathesis 4.32). The loop below is its public equivalent.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from parley.main import create_app, server_config
from tests.conftest import free_port, make_settings
from tests.factories import bearer, signup_and_login
from tests.images import png
from tests.wsclient import WsClient, create_room, join_room

# Random cases per operation and generation mode (on top of schemathesis' ~1,100
# coverage cases): ~40 operations x 2 modes x 15 keeps one run near 30 s per database on
# a busy 2-core machine. One-off runs at 150 (SQLite) and 100 (PostgreSQL) found nothing
# that 15 does not.
MAX_EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Schemathesis reports its findings as a FailureGroup, a BaseExceptionGroup.
FOUND = (Exception, BaseExceptionGroup)
# Fuzzed last, in this order, so that they destroy nothing still to be fuzzed: deleting
# a message, deleting a room (its own guesses include the seeded room's id, 1), and "sign
# out everywhere", which ends every token of the account. (POST /api/auth/logout is
# harmless anywhere: it needs the refresh cookie, which the fuzzer never holds.)
LAST = [
    ("DELETE", "/api/messages/{message_id}"),
    ("DELETE", "/api/rooms/{room_id}"),
    ("DELETE", "/api/users/me/sessions"),
]


# Operations that answer 2xx only on a seeded row (or, for uploads, a seeded room).
MUST_REACH = {
    "GET /api/rooms/{room_id}",
    "PATCH /api/rooms/{room_id}",
    "DELETE /api/rooms/{room_id}",
    "POST /api/rooms/{room_id}/join",
    "GET /api/rooms/{room_id}/members",
    "GET /api/rooms/{room_id}/messages",
    "POST /api/rooms/{room_id}/read",
    "GET /api/rooms/{room_id}/audit",
    "GET /api/rooms/{room_id}/reports",
    "POST /api/rooms/{room_id}/uploads",
    "PATCH /api/messages/{message_id}",
    "DELETE /api/messages/{message_id}",
    "POST /api/reports/{report_id}/resolve",
    "GET /api/uploads/{upload_id}",
    "GET /api/uploads/{upload_id}/content",
    "GET /api/uploads/{upload_id}/thumbnail",
    "PATCH /api/admin/users/{user_id}",
}


Operation = schemathesis.APIOperation[Any, Any, Any, Any]
Case = schemathesis.Case[Operation]


@dataclass
class Seeded:
    """Real rows for the fuzzer to aim at, and the two identities it calls as."""

    tokens: list[str]
    ids: dict[str, list[Any]]
    # Per operation, ids that only it may aim at: a deleted room or message would
    # otherwise turn every later case about it into a 404.
    only: dict[tuple[str, str], dict[str, list[Any]]]


@pytest.fixture
def fuzz_server(database_url: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    settings = make_settings(
        database_url, tmp_path, port=port, allowed_origins=[f"http://127.0.0.1:{port}"]
    )
    config = server_config(create_app(settings), settings)
    config.log_level = "warning"
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="fuzz-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the fuzz server did not start"
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


async def _send(base_url: str, token: str, room_id: int, count: int) -> list[int]:
    socket = await WsClient.open(base_url)
    try:
        await socket.auth(token)
        await socket.join(room_id)
        ids = []
        for index in range(count):
            await socket.send(type="send", room=room_id, client_id=f"m{index}", body="hello")
            ids.append(int((await socket.recv_type("ack"))["message"]["id"]))
        return ids
    finally:
        await socket.close()


async def _seed(base_url: str) -> Seeded:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
        admin, admin_token = await signup_and_login(client)  # the first account: site admin
        _member, member_token = await signup_and_login(client)
        # The target of site bans and role changes: banning the member would end its
        # tokens half-way through the run.
        target, _ = await signup_and_login(client)
        room = await create_room(client, admin_token, name="Fuzz room")
        doomed = await create_room(client, admin_token, name="Doomed room")
        await join_room(client, member_token, room["id"])
        kept, deletable = await _send(base_url, admin_token, room["id"], 2)
        report = await client.post(
            f"/api/messages/{kept}/report", json={"reason": "fuzz"}, headers=bearer(member_token)
        )
        assert report.status_code == 201, report.text
        upload = await client.post(
            f"/api/rooms/{room['id']}/uploads",
            files={"file": ("a.png", png(), "application/octet-stream")},
            headers=bearer(admin_token),
        )
        assert upload.status_code == 202, upload.text
    return Seeded(
        tokens=[admin_token, member_token],
        ids={
            "room_id": [room["id"]],
            "message_id": [kept],
            "report_id": [report.json()["id"]],
            "user_id": [target["id"], admin["id"]],
            "upload_id": [upload.json()["id"]],
        },
        only={
            ("DELETE", "/api/rooms/{room_id}"): {"room_id": [doomed["id"]]},
            ("DELETE", "/api/messages/{message_id}"): {"message_id": [deletable]},
        },
    )


def _key(operation: Operation) -> tuple[str, str]:
    return operation.method.upper(), operation.path


def _load_schema(base_url: str, seeded: Seeded) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json")
    schema.config.update(base_url=base_url)

    @schema.hook
    def flatmap_path_parameters(
        context: schemathesis.HookContext, path_parameters: dict[str, Any] | None
    ) -> st.SearchStrategy[dict[str, Any] | None]:
        if not path_parameters:  # None for an operation without any
            return st.just(path_parameters)
        operation = context.operation
        assert operation is not None
        ids = seeded.only.get(_key(operation), seeded.ids)
        real = {k: st.sampled_from(v) for k, v in ids.items() if k in path_parameters}
        kept = {k: st.just(v) for k, v in path_parameters.items()}
        # Half the cases aim at a real row; the others keep the fuzzer's own guess.
        return st.one_of(st.just(path_parameters), st.fixed_dictionaries(kept | real))

    return schema


def _call(case: Case, token: str, reached: set[str]) -> None:
    response = case.call_and_validate(headers=bearer(token), checks=CHECKS, timeout=10)
    if 200 <= response.status_code < 300:
        reached.add(case.operation.label)


def _cover(
    schema: schemathesis.BaseSchema,
    operation: Operation,
    tokens: list[str],
    reached: set[str],
) -> list[str]:
    """Schemathesis' coverage cases, each as one of the identities in turn; the first
    failure only (the cases after it mostly repeat it)."""
    cases = schema.iter_coverage_cases(
        operation,
        generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
        generation_config=schema.config.generation_for(operation=operation),
    )
    for index, case in enumerate(cases):
        try:
            _call(case, tokens[index % len(tokens)], reached)
        except FOUND as exc:
            return [f"{operation.label} (coverage): {exc}"]
    return []


def _fuzz(
    operation: Operation,
    mode: GenerationMode,
    tokens: list[str],
    reached: set[str],
) -> None:
    @given(case=operation.as_strategy(generation_mode=mode), token=st.sampled_from(tokens))
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        # A busy machine makes timings meaningless; too_slow and filter_too_much come
        # from schemathesis' own strategies, not from anything the test can tune.
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Case, token: str) -> None:
        _call(case, token, reached)

    run()


def test_every_operation_answers_as_its_schema_says(fuzz_server: str) -> None:
    seeded = asyncio.run(_seed(fuzz_server))
    schema = _load_schema(fuzz_server, seeded)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result.err()  # the schema itself is broken
        operations.append(result.ok())
    operations.sort(key=lambda op: LAST.index(_key(op)) if _key(op) in LAST else -1)
    assert len(operations) >= 40, [op.label for op in operations]
    failures: list[str] = []
    reached: set[str] = set()
    for operation in operations:
        failures += _cover(schema, operation, seeded.tokens, reached)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode, seeded.tokens, reached)
            except Unsatisfiable:
                # Nothing in this operation can be made invalid (no parameters, no body).
                assert mode is GenerationMode.NEGATIVE, operation.label
            except FOUND as exc:
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
    # The seeded rows were really reached: without them every room-scoped case is a 404,
    # which conforms to the schema and proves nothing.
    assert reached >= MUST_REACH, sorted(MUST_REACH - reached)
