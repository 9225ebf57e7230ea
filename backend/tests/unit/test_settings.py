from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from parley.settings import Settings, normalise_database_url


def test_embedded_default_generates_a_private_secret_once(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path)
    second = Settings(data_dir=tmp_path)
    secret_file = tmp_path / "secret_key"
    assert first.secret_key == second.secret_key and len(first.secret_key) >= 40
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert first.database_url == f"sqlite+aiosqlite:///{tmp_path / 'parley.db'}"


def test_non_sqlite_database_without_secret_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="PARLEY_SECRET_KEY is required"):
        Settings(data_dir=tmp_path, database_url="postgresql://db/parley")


def test_settings_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARLEY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PARLEY_PORT", "9123")
    monkeypatch.setenv("PARLEY_ACCESS_TOKEN_MINUTES", "5")
    monkeypatch.setenv("PARLEY_ALLOWED_ORIGINS", '["https://chat.example.org"]')
    settings = Settings()
    assert settings.port == 9123 and settings.access_token_minutes == 5
    assert settings.allowed_origins == ["https://chat.example.org"]


def test_default_origins_follow_host_and_port(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, port=8123)
    assert "http://127.0.0.1:8123" in settings.allowed_origins
    assert "http://localhost:8123" in settings.allowed_origins


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgres://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
    ],
)
def test_database_urls_get_async_drivers(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


def test_email_needs_a_sender_and_links_point_at_the_public_address(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="PARLEY_SMTP_FROM is required"):
        Settings(data_dir=tmp_path, smtp_host="mail.example.org")
    settings = Settings(data_dir=tmp_path, smtp_host="mail.example.org", smtp_from="p@x.org")
    assert settings.email_enabled
    assert settings.public_base_url == "http://127.0.0.1:8000"  # not Vite's 5173
    proxied = Settings(data_dir=tmp_path, allowed_origins=["https://chat.example.org"])
    assert proxied.public_base_url == "https://chat.example.org"
    behind_proxy = Settings(data_dir=tmp_path, public_url="https://chat.example.org/")
    assert behind_proxy.public_base_url == "https://chat.example.org"
    assert not behind_proxy.email_enabled
