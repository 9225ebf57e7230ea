"""The frame catalogue: its published form, its codes, and how client frames are read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import httpx
import pytest

from parley import errors
from parley.main import create_app
from parley.realtime import catalogue, protocol
from parley.settings import Settings
from tests.wsclient import check_server_frame

REPO = Path(__file__).resolve().parents[3]


def test_committed_catalogue_is_current() -> None:
    committed = (REPO / "frontend" / "protocol.json").read_text()
    assert committed == catalogue.catalogue_json(), (
        "frontend/protocol.json is stale: run `make openapi`"
    )


async def test_the_catalogue_is_served(tmp_path: Path) -> None:
    settings = Settings(database_url="sqlite+aiosqlite://", secret_key="k", data_dir=tmp_path)
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as http:
        response = await http.get("/api/protocol.json")
    await app.state.parley.engine.dispose()  # no lifespan ran to do it
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == catalogue.catalogue()


def test_catalogue_names_every_frame_and_close_code() -> None:
    defs = catalogue.catalogue()["$defs"]
    client = set(defs["ClientFrame"]["discriminator"]["mapping"])
    server = set(defs["ServerFrame"]["discriminator"]["mapping"])
    assert (
        client
        == protocol.CLIENT_TYPES
        == {
            "auth",
            "join",
            "join_rooms",
            "leave",
            "send",
            "typing",
            "ping",
        }
    )
    assert {"ready", "message", "error", "upload", "room", "member"} <= server
    close = defs["CloseCode"]
    assert close["enum"] == [int(code) for code in protocol.CloseCode]
    assert close["x-enum-varnames"] == [code.name for code in protocol.CloseCode]


def _domain_errors(cls: type[errors.DomainError]) -> list[type[errors.DomainError]]:
    return [sub for child in cls.__subclasses__() for sub in (child, *_domain_errors(child))]


def test_every_domain_error_code_is_an_error_code() -> None:
    codes = set(get_args(protocol.ErrorCode.__value__))
    assert {cls.code for cls in _domain_errors(errors.DomainError)} <= codes


def test_server_frames_must_name_every_field() -> None:
    """Defaults included: the TypeScript types may rely on each field being there."""
    for frame in catalogue.catalogue()["$defs"]["ServerFrame"]["oneOf"]:
        name = frame["$ref"].rsplit("/", 1)[1]
        schema = catalogue.catalogue()["$defs"][name]
        assert schema["required"] == list(schema["properties"]), name
        assert schema["additionalProperties"] is False, name


@pytest.mark.parametrize(
    ("text", "code", "ref"),
    [
        ("[" * 300 + "]" * 300, "bad_json", None),
        ("7", "bad_json", None),
        ('{"type":null}', "unknown_type", None),
        ('{"type":"dance","client_id":"c1"}', "unknown_type", "c1"),
        ('{"type":"join","room":0}', "invalid", "join"),
        ('{"type":"send","room":1,"client_id":"","body":"x"}', "invalid", "send"),
    ],
)
def test_decode_turns_every_bad_frame_into_bad_frame(text: str, code: str, ref: str | None) -> None:
    with pytest.raises(protocol.BadFrame) as bad:
        protocol.decode(text)
    assert (bad.value.code, bad.value.ref) == (code, ref)


def test_decode_reads_a_good_frame() -> None:
    frame = protocol.decode(json.dumps({"type": "send", "room": 7, "client_id": "c", "body": "hi"}))
    assert isinstance(frame, protocol.SendFrame) and protocol.frame_ref(frame) == "c"


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "pong", "extra": 1},
        {"type": "left"},
        {"type": "presence", "online": ["4"], "offline": []},
        {"type": "typing_start", "room": 1},
        {"type": "error", "code": "oops", "detail": "", "ref": None},
    ],
)
def test_the_ws_test_client_refuses_frames_outside_the_catalogue(frame: dict[str, object]) -> None:
    with pytest.raises(AssertionError):
        check_server_frame(json.dumps(frame))


def test_the_ws_test_client_checks_nested_payloads_strictly() -> None:
    message = {
        "id": 1, "room_id": 7, "seq": 1, "change_seq": 1, "body": "hi", "client_id": "c",
        "author": {"id": 1, "username": "a", "display_name": "A", "avatar_url": None,
                   "secret": "x"},
        "created_at": "2026-11-23T20:00:00Z", "edited_at": None, "deleted_at": None,
        "deleted_by": None, "attachments": [], "reactions": [], "reply_to": None,
        "mentions": [], "mentions_room": False, "pinned_at": None, "pinned_by": None,
    }  # fmt: skip
    with pytest.raises(AssertionError, match="secret"):
        check_server_frame(json.dumps({"type": "message", "room": 7, "message": message}))
    del message["author"]["secret"]  # type: ignore[attr-defined]
    check_server_frame(json.dumps({"type": "message", "room": 7, "message": message}))
