"""Reset by email (issue step 11, point 2): where SMTP is set up, people have a one-time
link mailed to the address on their account; asking never tells whether an account or
an address exists; the mail server is a local sink started by the test."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from parley.settings import Settings
from tests.conftest import RunningServer, free_port, make_settings
from tests.factories import DEFAULT_PASSWORD, login
from tests.moderation.helpers import Person, person

LINK = re.compile(r"(http://\S+/reset/(\S+))")


class Sink:
    """An SMTP server that keeps what it is sent (aiosmtpd's handler interface)."""

    def __init__(self) -> None:
        self.letters: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        letter = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(letter, EmailMessage)
        self.letters.append(letter)
        return "250 Message accepted for delivery"

    async def wait_for(self, count: int, timeout: float = 30.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.letters) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.letters)} letters arrived, not {count}")
            await asyncio.sleep(0.05)
        return self.letters


@pytest.fixture
def sink() -> Iterator[tuple[Sink, int]]:
    handler = Sink()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def _mail_settings(database_url: str, data_dir: Path, port: int, **overrides: object) -> Settings:
    return make_settings(
        database_url,
        data_dir,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_from="Parley <parley@example.com>",
        **overrides,
    )


@pytest.fixture
def settings(database_url: str, tmp_path: Path, sink: tuple[Sink, int]) -> Settings:
    return _mail_settings(database_url, tmp_path, sink[1])


async def _set_email(
    client: httpx.AsyncClient, who: Person, email: str | None, password: str = DEFAULT_PASSWORD
) -> httpx.Response:
    return await client.put(
        "/api/users/me/email",
        json={"email": email, "current_password": password},
        headers=who.headers,
    )


async def _forgot(client: httpx.AsyncClient, login_name: str) -> httpx.Response:
    return await client.post("/api/auth/forgot", json={"login": login_name})


def _link_in(letter: EmailMessage) -> tuple[str, str]:
    body = letter.get_body(preferencelist=("plain",))
    assert body is not None
    found = LINK.search(body.get_content())
    assert found, body.get_content()
    return found.group(1), found.group(2)


async def test_a_mailed_link_sets_a_new_password_once(
    client: httpx.AsyncClient, server: RunningServer, sink: tuple[Sink, int]
) -> None:
    letters, _ = sink
    admin, alice = await person(client), await person(client)
    assert (await client.get("/api/config")).json()["password_reset_email"] is True
    assert (await _set_email(client, alice, "Alice.Kim@Example.COM")).json()["email"] == (
        "alice.kim@example.com"
    )
    assert (await client.get("/api/users/me", headers=alice.headers)).json()["email"] == (
        "alice.kim@example.com"
    )

    assert (await _forgot(client, "ALICE.KIM@example.com")).status_code == 202
    (letter,) = await letters.wait_for(1)
    assert letter["To"] == "alice.kim@example.com"
    assert letter["From"] == "Parley <parley@example.com>"
    assert letter["Subject"] == "Reset your Parley password"
    link, token = _link_in(letter)
    assert link == f"{server.base_url}/reset/{token}"  # the first allowed origin
    check = await client.get(f"/api/auth/reset/{token}")
    assert check.json() == {"valid": True, "username": alice.username}

    reset = await client.post(
        "/api/auth/reset", json={"token": token, "new_password": "a new passphrase"}
    )
    assert reset.status_code == 204, reset.text
    assert (await login(client, username=alice.username, password="a new passphrase")).is_success
    assert (await login(client, username=alice.username)).status_code == 401
    again = await client.post(
        "/api/auth/reset", json={"token": token, "new_password": "another passphrase"}
    )
    assert again.status_code == 422  # spent
    audit = await client.get("/api/admin/audit", headers=admin.headers)
    actions = [(e["action"], e["target_user_id"]) for e in audit.json()]
    assert ("mail_reset_link", alice.id) in actions
    assert ("use_reset_link", alice.id) in actions


async def test_asking_tells_nobody_whether_an_account_or_address_exists(
    client: httpx.AsyncClient, sink: tuple[Sink, int]
) -> None:
    letters, _ = sink
    without_email, with_email = await person(client), await person(client)
    await _set_email(client, with_email, f"{with_email.username}@example.org")
    for asked in ("nobody-here", "nobody@example.org", without_email.username, "not an address@"):
        answer = await _forgot(client, asked)
        assert (answer.status_code, answer.content) == (202, b"null"), asked
    # By username too. It is the only letter: none went out for the asks before it.
    assert (await _forgot(client, with_email.username)).status_code == 202
    (letter,) = await letters.wait_for(1)
    assert letter["To"] == f"{with_email.username}@example.org"


async def test_the_letter_speaks_the_accounts_language(
    client: httpx.AsyncClient, sink: tuple[Sink, int]
) -> None:
    letters, _ = sink
    minsu = await person(client)
    await client.patch("/api/users/me", json={"locale": "ko"}, headers=minsu.headers)
    await _set_email(client, minsu, "minsu@example.kr")
    await _forgot(client, "minsu@example.kr")
    (letter,) = await letters.wait_for(1)
    assert letter["Subject"] == "Parley 비밀번호 재설정"
    body = letter.get_body(preferencelist=("plain",))
    assert body is not None and "한 시간 안에" in body.get_content()


async def test_an_address_needs_the_password_and_belongs_to_one_account(
    client: httpx.AsyncClient,
) -> None:
    alice, bob = await person(client), await person(client)
    wrong = await _set_email(client, alice, "alice@example.com", password="not-my-password")
    assert wrong.status_code == 403
    assert (await _set_email(client, alice, "alice@example.com")).status_code == 200
    taken = await _set_email(client, bob, "ALICE@example.com")
    assert taken.status_code == 409, taken.text
    for bad in ("not-an-address", "a@b", "two@@example.com", "x" * 250 + "@example.com"):
        refused = await _set_email(client, bob, bad)
        assert refused.status_code == 422, (bad, refused.text)
        assert refused.json()["detail"]
    removed = await _set_email(client, alice, None)
    assert removed.json()["email"] is None
    assert (await _set_email(client, bob, "alice@example.com")).status_code == 200


class TestLimits:
    @pytest.fixture
    def settings(self, database_url: str, tmp_path: Path, sink: tuple[Sink, int]) -> Settings:
        return _mail_settings(
            database_url,
            tmp_path,
            sink[1],
            reset_email_rate_limit="4/hour",
            reset_email_account_rate_limit="2/hour",
        )

    async def test_one_inbox_gets_few_letters_and_one_address_asks_few_times(
        self, client: httpx.AsyncClient, sink: tuple[Sink, int]
    ) -> None:
        letters, _ = sink
        alice, bob = await person(client), await person(client)
        await _set_email(client, alice, "alice@example.com")
        await _set_email(client, bob, "bob@example.com")
        for _ in range(3):  # the third is accepted, silently not sent
            assert (await _forgot(client, alice.username)).status_code == 202
        assert (await _forgot(client, bob.username)).status_code == 202
        arrived = await letters.wait_for(3)
        assert [letter["To"] for letter in arrived] == [
            "alice@example.com",
            "alice@example.com",
            "bob@example.com",
        ]
        refused = await _forgot(client, bob.username)
        assert refused.status_code == 429
        assert refused.json()["detail"]


class TestMailServerDown:
    @pytest.fixture
    def settings(self, database_url: str, tmp_path: Path) -> Settings:
        return _mail_settings(database_url, tmp_path, free_port())  # nothing listens there

    async def test_asking_still_answers_and_the_server_goes_on(
        self, client: httpx.AsyncClient
    ) -> None:
        alice = await person(client)
        await _set_email(client, alice, "alice@example.com")
        assert (await _forgot(client, alice.username)).status_code == 202
        assert (await client.get("/api/users/me", headers=alice.headers)).status_code == 200


class TestWithoutSmtp:
    @pytest.fixture
    def settings(self, database_url: str, tmp_path: Path) -> Settings:
        return make_settings(database_url, tmp_path)

    async def test_asking_is_refused_clearly(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/api/config")).json()["password_reset_email"] is False
        refused = await _forgot(client, "anyone")
        assert refused.status_code == 403
        assert "ask an admin" in refused.json()["detail"]
        # An address can still be kept on the account, for when email is set up.
        alice = await person(client)
        assert (await _set_email(client, alice, "alice@example.com")).status_code == 200
