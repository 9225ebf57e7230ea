"""sign-ins people can see (the device of each refresh token family) and each account's
language and theme

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("refresh_tokens") as batch:
        batch.add_column(
            sa.Column("device", sa.String(length=128), nullable=False, server_default="")
        )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("locale", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("theme", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("theme")
        batch.drop_column("locale")
    with op.batch_alter_table("refresh_tokens") as batch:
        batch.drop_column("device")
