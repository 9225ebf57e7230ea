"""people search that folds case the Unicode way, read receipts, and joining without a
backlog of unread

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _name_key(name: str) -> str:
    # A copy of parley.models.user.name_key as it is today: a migration must not change
    # meaning when the application's function does.
    return unicodedata.normalize("NFKC", name).casefold()


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("display_name_key", sa.String(length=256), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("read_receipts", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    users = sa.table(
        "users",
        sa.column("id", sa.Integer()),
        sa.column("display_name", sa.String()),
        sa.column("display_name_key", sa.String()),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(users.c.id, users.c.display_name)).all()
    for user_id, display_name in rows:
        connection.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(display_name_key=_name_key(display_name or ""))
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("read_receipts")
        batch.drop_column("display_name_key")
