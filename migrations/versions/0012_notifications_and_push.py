"""notifications and web push: each member's notification level for a room, and the
push subscriptions of each user's devices

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("memberships") as batch:
        # NULL: the default for the kind of room (everything in a DM, mentions elsewhere).
        batch.add_column(sa.Column("notify_level", sa.String(length=16), nullable=True))
        batch.add_column(
            sa.Column("notify_muted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "push_subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("endpoint", sa.String(length=2048), nullable=False, unique=True),
        sa.Column("p256dh", sa.String(length=128), nullable=False),
        sa.Column("auth", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("push_subscriptions")
    with op.batch_alter_table("memberships") as batch:
        batch.drop_column("notify_muted")
        batch.drop_column("notify_level")
