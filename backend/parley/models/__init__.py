"""All tables, imported here so SQLModel.metadata (Alembic's target) knows them."""

from sqlmodel import SQLModel

from parley.models.auth import RefreshToken, TokenPublic
from parley.models.message import (
    AuthorPublic,
    Message,
    MessageEdit,
    MessagePage,
    MessagePublic,
)
from parley.models.room import (
    MemberInvite,
    MemberPublic,
    Membership,
    ReadMarker,
    Room,
    RoomCreate,
    RoomPublic,
    RoomRole,
    RoomUpdate,
)
from parley.models.upload import ClientConfig, Upload, UploadPublic, UploadStatus
from parley.models.user import Role, User, UserCreate, UserPublic, UserUpdate

metadata = SQLModel.metadata

__all__ = [
    "AuthorPublic",
    "ClientConfig",
    "MemberInvite",
    "MemberPublic",
    "Membership",
    "Message",
    "MessageEdit",
    "MessagePage",
    "MessagePublic",
    "ReadMarker",
    "RefreshToken",
    "Role",
    "Room",
    "RoomCreate",
    "RoomPublic",
    "RoomRole",
    "RoomUpdate",
    "TokenPublic",
    "Upload",
    "UploadPublic",
    "UploadStatus",
    "User",
    "UserCreate",
    "UserPublic",
    "UserUpdate",
    "metadata",
]
