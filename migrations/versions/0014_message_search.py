"""message search: each message's words (messages.search_text, written by the
application) and the index each database searches them with

PostgreSQL: a GIN index on to_tsvector('simple', search_text), a stock server's own.
SQLite: an FTS5 table over search_text, kept by triggers.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
import snowballstemmer
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# parley.services.search_text as it is at this revision: a migration keeps its meaning
# when the application's tokeniser changes (that change brings its own migration).
_TOKENS = re.compile(r"<@\d+>|<!room>")
_WORD = re.compile(r"[^\W_]+")
_HANGUL = re.compile(r"([\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]+)")
_LATIN = re.compile(r"^[a-z]+$")
_STEMMER = snowballstemmer.stemmer("english")


def _search_text(body: str) -> str:
    folded = unicodedata.normalize("NFKC", _TOKENS.sub(" ", body)).casefold()
    found = []
    for run in _WORD.findall(folded):
        for part in _HANGUL.split(run):
            if part and len(part) <= 64:
                found.append(_STEMMER.stemWord(part) if _LATIN.fullmatch(part) else part)
    return " ".join(found)


_SQLITE_TRIGGERS = (
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
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    messages = sa.table(
        "messages",
        sa.column("id", sa.Integer()),
        sa.column("body", sa.Text()),
        sa.column("search_text", sa.Text()),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(messages.c.id, messages.c.body).where(messages.c.body != "")
    ).all()
    for message_id, body in rows:
        connection.execute(
            messages.update()
            .where(messages.c.id == message_id)
            .values(search_text=_search_text(body))
        )
    if connection.dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_messages_search ON messages "
            "USING gin (to_tsvector('simple'::regconfig, search_text))"
        )
    else:
        # External content: the words live once, in messages; the table is the index.
        op.execute(
            "CREATE VIRTUAL TABLE message_search USING fts5(search_text, "
            "content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
        )
        op.execute("INSERT INTO message_search(message_search) VALUES ('rebuild')")
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute("DROP INDEX ix_messages_search")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER messages_search_{name}")
        op.execute("DROP TABLE message_search")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("search_text")
