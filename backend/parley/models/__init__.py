"""All tables, imported here so SQLModel.metadata (Alembic's target) knows them."""

from sqlmodel import SQLModel

from parley.models.auth import RefreshToken, TokenPublic
from parley.models.user import Role, User, UserCreate, UserPublic, UserUpdate

metadata = SQLModel.metadata

__all__ = [
    "RefreshToken",
    "Role",
    "TokenPublic",
    "User",
    "UserCreate",
    "UserPublic",
    "UserUpdate",
    "metadata",
]
