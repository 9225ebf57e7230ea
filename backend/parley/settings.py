"""Every knob of Parley, read once from PARLEY_* environment variables.

The embedded default needs nothing: SQLite under the data folder and a secret key that
is generated on first start and kept there (0600). Any other database is a deployment,
so it must be given PARLEY_SECRET_KEY explicitly rather than a key nobody backs up.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
SECRET_FILE_NAME = "secret_key"  # noqa: S105 (a file name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PARLEY_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    data_dir: Path = REPO_ROOT / "data"
    database_url: str = ""
    secret_key: str = Field(default="", repr=False)
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_days: int = Field(default=30, ge=1)
    allowed_origins: list[str] = Field(default_factory=list)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    static_dir: Path = REPO_ROOT / "frontend" / "dist"
    password_hash_memory_kib: int = Field(default=65536, ge=1024)
    password_hash_time_cost: int = Field(default=3, ge=1)
    # Threads that hash passwords beside the event loop (each hash is CPU for tens of ms).
    password_hash_threads: int = Field(default=1, ge=1, le=32)
    broker: Literal["memory", "redis"] = "memory"
    redis_url: str = "redis://127.0.0.1:6379/0"
    # Namespaces channels and presence keys, so deployments can share one Redis.
    redis_prefix: str = Field(default="parley:", max_length=64)
    # "worker": uploads are processed by `python -m parley worker` processes (needs Redis).
    jobs: Literal["inprocess", "worker"] = "inprocess"
    # uvicorn worker processes of one `serve`; they share no memory, so more than one
    # needs the Redis broker to carry each message to the sockets the other workers hold.
    workers: int = Field(default=1, ge=1, le=64)
    # Strict-Transport-Security max-age; 0 leaves it out (set it once HTTPS is certain).
    hsts_seconds: int = Field(default=0, ge=0)
    # Bearer token a remote scraper presents at /metrics; empty: only this host may read it.
    metrics_token: SecretStr = SecretStr("")
    # Failed logins for one username from one address (a right password never counts).
    login_rate_limit: str = "10/minute"
    # Every login attempt from one address, whatever the username.
    login_address_rate_limit: str = "30/minute"
    # Accounts created from one address, and rooms created by one user.
    signup_rate_limit: str = "10/hour"
    # Who may create an account, until an admin changes it (models.invite.SignupMode):
    # "open", "invite" (with an invite link) or "closed" (with an admin's site invite).
    signup: Literal["open", "invite", "closed"] = "open"
    room_create_rate_limit: str = "30/hour"
    # Proxies whose X-Forwarded-For is believed (uvicorn's forwarded_allow_ips): the
    # client address every per-address limit counts. "*" only where nothing but the
    # proxy can reach the app (docker-compose.yml's internal network).
    forwarded_allow_ips: str = "127.0.0.1"
    send_rate_limit: str = "10 per 5 seconds"
    # Edits are re-posts (broadcast to the room, up to 4,000 characters each): limited
    # on their own counter so a burst of edits cannot stop someone sending.
    edit_rate_limit: str = "10 per 5 seconds"
    # Starting a direct message puts it in every invitee's list (finding one is free).
    direct_create_rate_limit: str = "30/hour"
    # Clicking a reaction on and off is quick; a script toggling thousands is not.
    reaction_rate_limit: str = "30 per 10 seconds"
    cookie_secure: bool = False
    max_upload_mb: int = Field(default=25, ge=1, le=2000)
    upload_max_pixels: int = Field(default=50_000_000, ge=1_000_000)
    upload_max_attempts: int = Field(default=3, ge=1)
    upload_cleanup_interval_seconds: float = Field(default=3600.0, gt=0)
    upload_unattached_hours: float = Field(default=24.0, gt=0)
    ws_queue_bytes: int = Field(default=1024 * 1024, ge=64 * 1024)
    ws_queue_frames: int = Field(default=4096, ge=16)
    ws_backfill_limit: int = Field(default=500, ge=1)
    ws_ping_interval: float = Field(default=20.0, gt=0)
    ws_ping_timeout: float = Field(default=20.0, gt=0)
    # Web Push: the VAPID private key (PEM) that signs every push. Empty: with SQLite one
    # is generated on first start and kept in $PARLEY_DATA_DIR/vapid_private_key (0600);
    # with any other database push stays off until it is set (every instance needs the
    # same key, or browsers refuse the pushes of the others).
    vapid_private_key: SecretStr = SecretStr("")
    # Who push services may contact about our pushes (a mailto: or https: URL).
    vapid_subject: str = "mailto:admin@localhost"
    # The push services the server may POST to (a host or any of its subdomains): the
    # browsers' own. A browser registering any other endpoint gets 422.
    push_endpoint_hosts: list[str] = Field(
        default_factory=lambda: [
            "fcm.googleapis.com",
            "push.services.mozilla.com",
            "push.apple.com",
            "notify.windows.com",
        ]
    )

    # Email, for people to reset their own password: the SMTP server mail goes out
    # through. Empty host: no email (an admin's reset links remain).
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    # "starttls" upgrades a plain connection (port 587), "tls" speaks TLS from the start
    # (port 465), "none" is for a relay on this host or a private network only.
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    # The sender, e.g. "Parley <parley@example.com>"; required with smtp_host.
    smtp_from: str = ""
    # Where links in mail point: the address people open Parley at (behind a proxy, its
    # public https:// address). Empty: the first allowed origin.
    public_url: str = ""
    # Reset emails asked for from one address; one account gets at most a few an hour
    # whoever asks (silently: the answer never says whether an account exists).
    reset_email_rate_limit: str = "5/hour"
    reset_email_account_rate_limit: str = "3/hour"

    @model_validator(mode="after")
    def _derive_defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir / 'parley.db'}"
        self.database_url = normalise_database_url(self.database_url)
        if not self.allowed_origins:
            self.allowed_origins = default_origins(self.host, self.port)
        if self.smtp_host and not self.smtp_from:
            raise ValueError(
                "PARLEY_SMTP_FROM is required with PARLEY_SMTP_HOST: the address reset "
                'emails come from, e.g. "Parley <parley@example.com>"'
            )
        if self.jobs == "worker" and self.broker != "redis":
            raise ValueError("PARLEY_JOBS=worker needs PARLEY_BROKER=redis")
        if self.workers > 1 and self.broker != "redis":
            raise ValueError(
                f"PARLEY_WORKERS={self.workers} needs PARLEY_BROKER=redis: with the in-memory "
                "broker a message sent on one worker never reaches the sockets held by the others"
            )
        if not self.secret_key:
            if not self.is_sqlite:
                raise ValueError(
                    "PARLEY_SECRET_KEY is required when PARLEY_DATABASE_URL is not SQLite: "
                    "set it to a long random string (e.g. `openssl rand -hex 32`) and keep it "
                    "stable across restarts and instances."
                )
            self.secret_key = load_or_create_secret(self.data_dir)
        return self

    @property
    def public_base_url(self) -> str:
        """Where people open Parley: the base of links sent out of it (reset emails)."""
        if self.public_url:
            return self.public_url.rstrip("/")
        # Unset: an allowed origin on our own port (the defaults also allow Vite's dev
        # server), else the first one (a proxy's public address, as in docker-compose.yml).
        own = [o for o in self.allowed_origins if o.rstrip("/").endswith(f":{self.port}")]
        return (own or self.allowed_origins or [""])[0].rstrip("/")

    @property
    def email_enabled(self) -> bool:
        return bool(self.smtp_host)

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def normalise_database_url(url: str) -> str:
    """Accept the usual URL spellings and pick the async driver for each."""
    for plain, driver in (
        ("postgres://", "postgresql+asyncpg://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


def default_origins(host: str, port: int) -> list[str]:
    hosts = {host, "127.0.0.1", "localhost"} if host in ("0.0.0.0", "127.0.0.1") else {host}  # noqa: S104
    # Vite's dev server (5173) proxies to us, so its origin is allowed too.
    return sorted(f"http://{h}:{p}" for h in hosts for p in (port, 5173))


def load_or_create_secret(
    data_dir: Path,
    name: str = SECRET_FILE_NAME,
    make: Callable[[], str] = lambda: secrets.token_urlsafe(48),
) -> str:
    """The secret kept in `data_dir/name`, made by `make` on first use."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / name
    if path.exists():
        return path.read_text().strip()
    key = make()
    # O_EXCL: two processes starting at once must not write two different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
