"""access and change log: per-room change counter, kick markers, public-only room names

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 0002 left the name's unique constraint unnamed: PostgreSQL called it this, and on
# SQLite the batch copy finds it through this naming convention.
_UNIQUE_NAME = "rooms_name_key_key"
_CONVENTION = {"uq": "%(table_name)s_%(column_0_name)s_key"}
_PUBLIC_ONLY = sa.text("NOT is_private")


def upgrade() -> None:
    with op.batch_alter_table("rooms", naming_convention=_CONVENTION) as batch:
        batch.add_column(
            sa.Column("last_change_seq", sa.Integer(), nullable=False, server_default="0")
        )
        batch.drop_constraint(_UNIQUE_NAME, type_="unique")
    op.create_index(
        "uq_rooms_public_name",
        "rooms",
        ["name_key"],
        unique=True,
        sqlite_where=_PUBLIC_ONLY,
        postgresql_where=_PUBLIC_ONLY,
    )
    # Every message so far changed last when it was sent: its seq is its change number.
    op.execute("UPDATE rooms SET last_change_seq = last_seq")
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("change_seq", sa.Integer(), nullable=True))
    op.execute("UPDATE messages SET change_seq = seq")
    with op.batch_alter_table("messages") as batch:
        batch.alter_column("change_seq", existing_type=sa.Integer(), nullable=False)
    op.create_index("ix_messages_room_change", "messages", ["room_id", "change_seq"])
    op.create_table(
        "room_kicks",
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kicked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("room_id", "user_id"),
    )


def downgrade() -> None:
    op.drop_table("room_kicks")
    op.drop_index("ix_messages_room_change", table_name="messages")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("change_seq")
    op.drop_index("uq_rooms_public_name", table_name="rooms")
    with op.batch_alter_table("rooms") as batch:
        batch.drop_column("last_change_seq")
        batch.create_unique_constraint(_UNIQUE_NAME, ["name_key"])
