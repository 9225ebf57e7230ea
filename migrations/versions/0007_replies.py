"""replies: a message may answer another in its room

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FK = "fk_messages_reply_to_id_messages"


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("reply_to_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(_FK, "messages", ["reply_to_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.drop_constraint(_FK, type_="foreignkey")
        batch.drop_column("reply_to_id")
