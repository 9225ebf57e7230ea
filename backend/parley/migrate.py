"""Apply Alembic migrations from code (serve, migrate and the tests use this)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from parley.settings import REPO_ROOT


def alembic_config(database_url: str) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    # env.py reads this first; '%' must be escaped for ConfigParser interpolation.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    # The app configures logging itself; alembic.ini's logging is for the alembic CLI.
    config.attributes["configure_logger"] = False
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


# Schema the models cannot describe, written by migrations alone (0014, message search):
# SQLite's FTS5 table and its shadow tables, PostgreSQL's expression index.
_MIGRATION_ONLY = ("message_search", "ix_messages_search")


def include_object(
    _object: object, name: str | None, _type: str, reflected: bool, _compare_to: object
) -> bool:
    """Autogenerate's filter: what only migrations define is not a difference."""
    return not (reflected and name is not None and name.startswith(_MIGRATION_ONLY))
