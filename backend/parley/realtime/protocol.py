"""The wire protocol of /ws: one catalogue of every frame, both ways, and the close codes.

docs/protocol.md explains it; realtime/catalogue.py publishes it as JSON Schema (GET
/api/protocol.json, committed as frontend/protocol.json), and the SPA's frame types are
generated from that. A new frame is one model here plus one member of its union.
"""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Annotated, Any, Literal, cast, get_args

import pydantic_core
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from typing_extensions import TypeAliasType
from websockets.frames import Frame, Opcode

from parley.errors import Banned, DomainError
from parley.events import MemberAction
from parley.models import (
    AuthorPublic,
    MessagePublic,
    NotificationSettings,
    ReactionPublic,
    RoomSummary,
    UploadPublic,
    UserPublic,
)
from parley.models.base import MAX_ID

MAX_FRAME_BYTES = 64 * 1024
EntityId = Annotated[int, Field(ge=1, le=MAX_ID)]
UploadId = Annotated[str, Field(min_length=1, max_length=32)]


class CloseCode(IntEnum):
    """Why the server (or the network) ended a socket; docs/protocol.md says what to do."""

    NORMAL = 1000
    GOING_AWAY = 1001
    FRAME_TOO_BIG = 1009
    INTERNAL_ERROR = 1011
    SERVER_RESTARTING = 1012
    TRY_AGAIN_LATER = 1013
    UNAUTHENTICATED = 4401
    FORBIDDEN = 4403
    TOO_SLOW = 4408
    FLOODING = 4429


# Every code an `error` frame may carry: the gateway's own four and every DomainError's
# (a test keeps them in step with parley.errors). A TypeAliasType gets its own $defs entry.
ErrorCode = TypeAliasType(
    "ErrorCode",
    Literal[
        "bad_json",
        "unknown_type",
        "invalid",
        "internal",
        "not_found",
        "forbidden",
        "locked",
        "muted",
        "banned",
        "kicked",
        "slow_mode",
        "rate_limited",
        "unauthorized",
        "conflict",
        "too_large",
        "unsupported_type",
    ],
)


# ---- client → server ---------------------------------------------------------------


class _Frame(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class AuthFrame(_Frame):
    """First frame (within 5 s), or a token refresh on an open socket."""

    type: Literal["auth"]
    token: str = Field(min_length=1, max_length=4096)


class JoinFrame(_Frame):
    """Receive a room live, after replaying every message with seq > since."""

    type: Literal["join"]
    room: EntityId
    since: int | None = Field(default=None, ge=0, le=MAX_ID)


# A reconnect resumes every open room in one frame; a workspace user has tens of rooms,
# an admin perhaps hundreds. Past this the client sends more than one.
MAX_JOIN_ROOMS = 500


class JoinTarget(_Frame):
    """One room of a `join_rooms`: the same fields as a `join`."""

    room: EntityId
    since: int | None = Field(default=None, ge=0, le=MAX_ID)


class JoinRoomsFrame(_Frame):
    """Several joins in one frame, as a reconnect needs: answered exactly as that many
    `join` frames in the same order (a `joined` and its replay, or an `error` with ref
    "join", per room), but read from the database in a few queries for all of them."""

    type: Literal["join_rooms"]
    rooms: list[JoinTarget] = Field(min_length=1, max_length=MAX_JOIN_ROOMS)


class LeaveFrame(_Frame):
    """Stop receiving a room (membership is unchanged)."""

    type: Literal["leave"]
    room: EntityId


class SendFrame(_Frame):
    """Post a message; `client_id` is reused on every retry of the same message."""

    type: Literal["send"]
    room: EntityId
    client_id: str = Field(min_length=1, max_length=64)
    # Length rules live in services.messages so REST and WS report them alike.
    body: str
    attachments: list[UploadId] = Field(default_factory=list, max_length=10)
    # The id of the message this one answers, in the same room.
    reply_to: EntityId | None = None


class TypingFrame(_Frame):
    """ "I am typing" (the server throttles it to one notice per user and room every 2 s)."""

    type: Literal["typing"]
    room: EntityId


class PingFrame(_Frame):
    """Answered with `pong`: lets the client notice a dead socket."""

    type: Literal["ping"]


ClientFrame = Annotated[
    AuthFrame | JoinFrame | JoinRoomsFrame | LeaveFrame | SendFrame | TypingFrame | PingFrame,
    Field(discriminator="type"),
]
client_frame: TypeAdapter[ClientFrame] = TypeAdapter(ClientFrame)
CLIENT_TYPES = frozenset(
    get_args(model.model_fields["type"].annotation)[0]
    for model in get_args(get_args(ClientFrame)[0])
)


# ---- server → client ---------------------------------------------------------------


class _Sent(BaseModel):
    """A server frame, built by its call site from values that are already models (the
    services' MessagePublic and co. pass as they are: revalidate_instances is 'never')
    and written by pydantic-core in one pass. Plain construction measured faster than
    model_construct (a Python loop) and checks the frame's own fields on the way."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ReadyFrame(_Sent):
    """Answer to the first `auth`: the socket is authenticated as `user`."""

    type: Literal["ready"] = "ready"
    user: UserPublic


class ReauthenticatedFrame(_Sent):
    """Answer to a later `auth`: the socket now lives until `expires_at`."""

    type: Literal["reauthenticated"] = "reauthenticated"
    expires_at: datetime


class PongFrame(_Sent):
    """Answer to `ping`."""

    type: Literal["pong"] = "pong"


class JoinedFrame(_Sent):
    """Answer to `join`; the backlog `message` frames follow, then live traffic."""

    type: Literal["joined"] = "joined"
    room: int
    last_seq: int
    last_change_seq: int
    online: list[int]


class LeftFrame(_Sent):
    """Answer to `leave`."""

    type: Literal["left"] = "left"
    room: int


class ResetFrame(_Sent):
    """Instead of the backlog when too much is missing: reload the latest page over REST."""

    type: Literal["reset"] = "reset"
    room: int
    last_seq: int
    last_change_seq: int


class AckFrame(_Sent):
    """To the sender, once its `send` is committed (`duplicate`: a retry of a stored one)."""

    type: Literal["ack"] = "ack"
    client_id: str
    duplicate: bool
    message: MessagePublic


class MessageFrame(_Sent):
    """A new message, to every socket that joined the room (the sender's too)."""

    type: Literal["message"] = "message"
    room: int
    message: MessagePublic


class MessageEditedFrame(_Sent):
    """A message was edited (`edited_at` set)."""

    type: Literal["message_edited"] = "message_edited"
    room: int
    message: MessagePublic


class MessageDeletedFrame(_Sent):
    """A message was deleted: a tombstone with an empty body and `deleted_at` set."""

    type: Literal["message_deleted"] = "message_deleted"
    room: int
    message: MessagePublic


class ReactionsFrame(_Sent):
    """A message's reactions changed: all of them, in order of first use."""

    type: Literal["reactions"] = "reactions"
    room: int
    message_id: int
    change_seq: int
    reactions: list[ReactionPublic]


class PinFrame(_Sent):
    """A message was pinned (`pinned_at` set) or unpinned (null). A client that was away
    gets the message in its latest state on resume, pin included."""

    type: Literal["pin"] = "pin"
    room: int
    message_id: int
    change_seq: int
    pinned_at: datetime | None
    pinned_by: int | None


class TypingNoticeFrame(_Sent):
    """Someone in the room is typing."""

    type: Literal["typing"] = "typing"
    room: int
    user_id: int
    display_name: str


class PresenceFrame(_Sent):
    """Members of a joined room who came online (first tab) or went offline (last tab)
    since the last such frame; changes are announced together, a few times a second at
    most, so a reconnect storm does not cost every socket one frame per arrival."""

    type: Literal["presence"] = "presence"
    online: list[int] = Field(default_factory=list)
    offline: list[int] = Field(default_factory=list)


class ProfileFrame(_Sent):
    """Someone who shares a room with you (or you, in another tab) changed their display
    name or avatar: `user` is their public profile now."""

    type: Literal["profile"] = "profile"
    user: AuthorPublic


class ReadFrame(_Sent):
    """Your read position in a room moved, on this or another tab or device; `unread` and
    `mentions` are what remains unread there (the server's counts, as in the room list)."""

    type: Literal["read"] = "read"
    room: int
    last_read_seq: int
    unread: int
    mentions: int


class ReceiptFrame(_Sent):
    """Someone in a room you share moved their read position: sent only when both of you
    turned read receipts on and the room is small (services.receipts)."""

    type: Literal["receipt"] = "receipt"
    room: int
    user_id: int
    last_read_seq: int


class ReportsFrame(_Sent):
    """The room's open reports changed (one was filed, resolved or dismissed): sent only
    to those who work its queue (its owner and moderators, site admins), as the room
    list's `open_reports` would now say."""

    type: Literal["reports"] = "reports"
    room: int
    open_reports: int


class NotificationsFrame(_Sent):
    """You changed what of a room notifies you (on this or another tab or device)."""

    type: Literal["notifications"] = "notifications"
    room: int
    settings: NotificationSettings


class PreferencesFrame(_Sent):
    """You changed your language, theme or read receipts (on this or another tab or
    device): apply them here too."""

    type: Literal["preferences"] = "preferences"
    locale: str | None
    theme: str | None
    read_receipts: bool


class MemberFrame(_Sent):
    """A membership changed; also sent to the affected user's own sockets."""

    type: Literal["member"] = "member"
    room: int
    user_id: int
    action: MemberAction
    reason: str
    until: datetime | None


class RoomFrame(_Sent):
    """The room was updated (name, topic, lock, slow mode) or deleted."""

    type: Literal["room"] = "room"
    room: int
    action: Literal["updated", "deleted"]
    # RoomSummary, not RoomPublic: the caller-specific fields (my_role, last_read_seq,
    # my_muted_until) were the updater's and meant nothing to the other members.
    data: RoomSummary


class UploadFrame(_Sent):
    """An upload changed state (to the uploader; once attached, to the whole room)."""

    type: Literal["upload"] = "upload"
    room: int
    upload: UploadPublic
    # The room's change number once the upload is attached (its state is then part of
    # the message's); null while only the uploader hears of it.
    change_seq: int | None


class RevokedFrame(_Sent):
    """The right to read the room ended (it went private, an admin was demoted): the
    server has stopped sending it to this socket."""

    type: Literal["revoked"] = "revoked"
    room: int
    reason: str


class ErrorFrame(_Sent):
    """A frame was refused; the socket stays open. `ref`: its client_id, or its type."""

    type: Literal["error"] = "error"
    code: ErrorCode
    detail: str
    ref: str | None
    # Why a moderator banned you, on a refusal as `banned`: a reloaded page has no
    # other way to learn it (null on every other error).
    reason: str | None = None


AnyServerFrame = (
    ReadyFrame
    | ReauthenticatedFrame
    | PongFrame
    | JoinedFrame
    | LeftFrame
    | ResetFrame
    | AckFrame
    | MessageFrame
    | MessageEditedFrame
    | MessageDeletedFrame
    | ReactionsFrame
    | PinFrame
    | TypingNoticeFrame
    | PresenceFrame
    | ProfileFrame
    | ReadFrame
    | ReceiptFrame
    | ReportsFrame
    | NotificationsFrame
    | PreferencesFrame
    | MemberFrame
    | RoomFrame
    | UploadFrame
    | RevokedFrame
    | ErrorFrame
)
ServerFrame = Annotated[AnyServerFrame, Field(discriminator="type")]
server_frame: TypeAdapter[ServerFrame] = TypeAdapter(ServerFrame)


def encode(frame: AnyServerFrame) -> str:
    """Serialise one server frame. Called once per event, never once per recipient."""
    return frame.model_dump_json()


def error_frame(
    code: str, detail: str, ref: str | None = None, *, reason: str | None = None
) -> str:
    # Not validated: the error path must never fail. A DomainError's code is a plain str;
    # tests/unit/test_protocol.py keeps every one of them in ErrorCode.
    return encode(
        ErrorFrame.model_construct(
            code=cast(ErrorCode, code), detail=detail, ref=ref, reason=reason
        )
    )


INTERNAL_DETAIL = "Something went wrong; try again"


def refusal_frame(refusal: DomainError, ref: str | None) -> str:
    """The `error` answering a refused frame: a ban carries its reason too (a reloaded
    page has nowhere else to learn it)."""
    reason = refusal.reason if isinstance(refusal, Banned) else None
    return error_frame(refusal.code, refusal.detail, ref, reason=reason)


# ---- reading a client frame ----------------------------------------------------------


class BadFrame(Exception):
    """A client frame that is no frame of the catalogue; answered with an `error` frame."""

    def __init__(self, code: str, detail: str, ref: str | None = None) -> None:
        super().__init__(detail)
        self.code, self.detail, self.ref = code, detail, ref


def decode(text: str) -> ClientFrame:
    """Parse a client frame's text once. Whatever is wrong with it raises BadFrame.

    pydantic-core's parser caps nesting (at 200 levels) with a ValueError, where the
    stdlib's json would recurse until RecursionError.
    """
    try:
        raw = pydantic_core.from_json(text)
    except ValueError:
        raise BadFrame("bad_json", "Frames must be JSON objects") from None
    if not isinstance(raw, dict):
        raise BadFrame("bad_json", "Frames must be JSON objects")
    ref = _ref(raw)
    kind = raw.get("type")
    if not isinstance(kind, str):
        raise BadFrame("unknown_type", 'Frames need a string "type"', ref)
    if kind not in CLIENT_TYPES:
        raise BadFrame("unknown_type", f"Unknown frame type {kind[:32]!r}", ref)
    try:
        return client_frame.validate_python(raw)
    except ValidationError as exc:
        fields = sorted({str(error["loc"][1]) for error in exc.errors() if len(error["loc"]) > 1})
        raise BadFrame("invalid", "Invalid or missing fields: " + ", ".join(fields), ref) from None


def _ref(raw: dict[str, Any]) -> str | None:
    """The offending frame's client_id (or type), so the client can match the error."""
    for key in ("client_id", "type"):
        if isinstance(value := raw.get(key), str) and value:
            return value[:64]
    return None


def frame_ref(frame: ClientFrame) -> str:
    return frame.client_id if isinstance(frame, SendFrame) else frame.type


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
