"""direct messages: rooms of a fixed set of people, found by that set

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rooms") as batch:
        batch.add_column(
            sa.Column("is_direct", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("direct_key", sa.String(length=128), nullable=True))
    op.create_index("uq_rooms_direct_key", "rooms", ["direct_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_rooms_direct_key", table_name="rooms")
    with op.batch_alter_table("rooms") as batch:
        batch.drop_column("direct_key")
        batch.drop_column("is_direct")
