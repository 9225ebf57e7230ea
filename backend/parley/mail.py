"""Outgoing email over SMTP (aiosmtplib): the only module that talks to a mail server.

A letter is sent in a task of its own, after the request that caused it has answered:
how long the mail server takes (or whether a letter was sent at all) must not show in
the response, and a slow or failing server must not hold a request open. Failures are
logged, not raised: nobody is waiting for them.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib

from parley.settings import Settings

log = logging.getLogger("parley.mail")
SEND_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    text: str


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._sending: set[asyncio.Task[None]] = set()

    def send_soon(self, letter: Letter) -> None:
        task = asyncio.create_task(self._send(letter))
        self._sending.add(task)  # held until done: the loop keeps only weak references
        task.add_done_callback(self._sending.discard)

    async def wait_sent(self) -> None:
        """Until every letter handed over so far was sent or failed (shutdown)."""
        if self._sending:
            await asyncio.wait(set(self._sending))

    async def _send(self, letter: Letter) -> None:
        settings = self._settings
        message = EmailMessage()
        message["From"] = settings.smtp_from
        message["To"] = letter.to
        message["Subject"] = letter.subject
        message.set_content(letter.text)
        try:
            await aiosmtplib.send(
                message,
                hostname=settings.smtp_host,
                port=settings.smtp_port,
                username=settings.smtp_username or None,
                password=settings.smtp_password.get_secret_value() or None,
                use_tls=settings.smtp_security == "tls",
                start_tls=settings.smtp_security == "starttls",
                timeout=SEND_TIMEOUT_SECONDS,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            log.warning("email not sent", extra={"fields": {"error": str(exc)}})
