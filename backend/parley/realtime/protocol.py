"""The wire protocol of /ws (documented in docs/protocol.md): frames and close codes."""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from websockets.frames import Frame, Opcode

from parley.models.base import MAX_ID

MAX_FRAME_BYTES = 64 * 1024
EntityId = Annotated[int, Field(ge=1, le=MAX_ID)]
UploadId = Annotated[str, Field(min_length=1, max_length=32)]


class CloseCode(IntEnum):
    INTERNAL_ERROR = 1011
    SERVER_RESTARTING = 1012
    FRAME_TOO_BIG = 1009
    UNAUTHENTICATED = 4401
    FORBIDDEN = 4403
    TOO_SLOW = 4408
    FLOODING = 4429


class _Frame(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class AuthFrame(_Frame):
    type: Literal["auth"]
    token: str = Field(min_length=1, max_length=4096)


class JoinFrame(_Frame):
    type: Literal["join"]
    room: EntityId
    since: int | None = Field(default=None, ge=0, le=MAX_ID)


class LeaveFrame(_Frame):
    type: Literal["leave"]
    room: EntityId


class SendFrame(_Frame):
    type: Literal["send"]
    room: EntityId
    client_id: str = Field(min_length=1, max_length=64)
    # Length rules live in services.messages so REST and WS report them alike.
    body: str
    attachments: list[UploadId] = Field(default_factory=list, max_length=10)


class TypingFrame(_Frame):
    type: Literal["typing"]
    room: EntityId


class PingFrame(_Frame):
    type: Literal["ping"]


ClientFrame = Annotated[
    AuthFrame | JoinFrame | LeaveFrame | SendFrame | TypingFrame | PingFrame,
    Field(discriminator="type"),
]
client_frame = TypeAdapter(ClientFrame)
CLIENT_TYPES = frozenset({"auth", "join", "leave", "send", "typing", "ping"})


def encode(frame_type: str, **fields: Any) -> str:
    """Serialise one server frame. Called once per event, never once per recipient."""
    return json.dumps({"type": frame_type, **fields}, separators=(",", ":"), default=str)


def error_frame(code: str, detail: str, ref: str | None = None, **extra: Any) -> str:
    """`extra`: fields some refusals add (a ban's `reason`)."""
    return encode("error", code=code, detail=detail, ref=ref, **extra)


class OutFrame:
    """One server frame: its JSON text, and its wire bytes built on first use.

    Server-to-client frames are unmasked, so without compression (Parley negotiates
    none) the bytes are the same for every recipient: a room message is framed once.
    """

    __slots__ = ("_wire", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._wire: bytes | None = None

    @property
    def wire(self) -> bytes:
        if self._wire is None:
            self._wire = Frame(Opcode.TEXT, self.text.encode()).serialize(mask=False, extensions=[])
        return self._wire
