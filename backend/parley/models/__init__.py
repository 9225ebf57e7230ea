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
from parley.models.moderation import (
    ActivityPoint,
    AdminBan,
    AdminStats,
    AdminUserUpdate,
    AuditEntry,
    AuditPublic,
    BusyRoom,
    ModerationAction,
    ModerationRequest,
    Report,
    ReportCreate,
    ReportPublic,
    ReportResolve,
    ReportStatus,
    RoomBan,
)
from parley.models.reaction import EMOJI_MAX, Reaction, ReactionPublic
from parley.models.room import (
    MemberInvite,
    MemberPublic,
    Membership,
    ReadMarker,
    Room,
    RoomCreate,
    RoomKick,
    RoomPage,
    RoomPublic,
    RoomRole,
    RoomSummary,
    RoomUpdate,
)
from parley.models.upload import ClientConfig, Upload, UploadPublic, UploadStatus
from parley.models.user import Role, User, UserCreate, UserPublic, UserUpdate

metadata = SQLModel.metadata

__all__ = [
    "EMOJI_MAX",
    "ActivityPoint",
    "AdminBan",
    "AdminStats",
    "AdminUserUpdate",
    "AuditEntry",
    "AuditPublic",
    "AuthorPublic",
    "BusyRoom",
    "ClientConfig",
    "MemberInvite",
    "MemberPublic",
    "Membership",
    "Message",
    "MessageEdit",
    "MessagePage",
    "MessagePublic",
    "ModerationAction",
    "ModerationRequest",
    "Reaction",
    "ReactionPublic",
    "ReadMarker",
    "RefreshToken",
    "Report",
    "ReportCreate",
    "ReportPublic",
    "ReportResolve",
    "ReportStatus",
    "Role",
    "Room",
    "RoomBan",
    "RoomCreate",
    "RoomKick",
    "RoomPage",
    "RoomPublic",
    "RoomRole",
    "RoomSummary",
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
