"""A local SMTP server for the e2e server to mail through (nothing outside this machine is
reachable): it keeps every letter, and tests wait for the one they expect."""

from __future__ import annotations

import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


class Mailbox:
    def __init__(self, port: int) -> None:
        self.port = port
        self._letters: list[EmailMessage] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        letter = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(letter, EmailMessage)
        with self._arrived:
            self._letters.append(letter)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def letter_to(self, address: str, timeout: float = 30.0) -> EmailMessage:
        """The first letter sent to `address`, waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for letter in self._letters:
                    if letter["To"] == address:
                        return letter
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no letter to {address} within {timeout}s")
                self._arrived.wait(left)


def start_mailbox(port: int) -> tuple[Mailbox, Controller]:
    mailbox = Mailbox(port)
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    return mailbox, controller
