"""pins: a message on its room's pinned list, since when and by whom

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# 0014's triggers: on SQLite this migration copies the messages table both ways, and a
# copy has no triggers.
_SQLITE_SEARCH_TRIGGERS = (
    """CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
         INSERT INTO message_search(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
    """CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
         INSERT INTO message_search(message_search, rowid, search_text)
           VALUES ('delete', old.id, old.search_text);
       END""",
    """CREATE TRIGGER messages_search_update AFTER UPDATE OF search_text ON messages BEGIN
         INSERT INTO message_search(message_search, rowid, search_text)
           VALUES ('delete', old.id, old.search_text);
         INSERT INTO message_search(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # On SQLite the table is copied (a foreign key cannot be added in place; an inline
    # REFERENCES added in place loses its ON DELETE on reflection), and the copy needs
    # 0014's search triggers again.
    with op.batch_alter_table("messages", recreate="always" if sqlite else "auto") as batch:
        batch.add_column(sa.Column("pinned_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("pinned_by", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_messages_pinned_by_users", "users", ["pinned_by"], ["id"], ondelete="SET NULL"
        )
    if sqlite:
        for trigger in _SQLITE_SEARCH_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("messages", recreate="always" if sqlite else "auto") as batch:
        batch.drop_constraint("fk_messages_pinned_by_users", type_="foreignkey")
        batch.drop_column("pinned_by")
        batch.drop_column("pinned_at")
    if sqlite:
        for trigger in _SQLITE_SEARCH_TRIGGERS:
            op.execute(trigger)
