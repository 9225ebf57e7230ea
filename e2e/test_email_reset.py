"""Forgot my password: I keep an email address on my account, ask for a link from the
sign-in screen, and set a new password from the letter (the server mails a local SMTP
sink, the `mailbox` fixture)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Playwright, expect

from conftest import DESKTOP, Account, NewContext, phone_device
from journeys import log_in
from smtp_sink import Mailbox
from test_account_settings import open_account_dialog, sign_in

LINK = re.compile(r"http://\S+/reset/\S+")


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_a_mailed_link_sets_a_new_password(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    make_account: Callable[..., Account],
    mailbox: Mailbox,
) -> None:
    account = make_account(display_name="Forgetful")
    device = DESKTOP if kind == "desktop" else phone_device(playwright, width=360)
    address = f"{account.username}@example.org"

    # Signed in, I keep an address on my account (my password again to change it).
    page = sign_in(new_context(**device).new_page(), account)
    open_account_dialog(page)
    dialog = page.get_by_role("dialog", name="Account and devices")
    section = dialog.get_by_role("region", name="Email address")
    section.get_by_role("textbox", name="Email address").fill(address.upper())
    section.get_by_label("Current password").fill(account.password)
    section.get_by_role("button", name="Save email").click()
    expect(section.get_by_role("status")).to_have_text(f"Saved: reset links will go to {address}.")

    # Later, on a browser that is signed out, I have forgotten it.
    guest = new_context(**device).new_page()
    guest.goto("/login")
    guest.get_by_role("link", name="Forgot your password?").click()
    guest.get_by_label("Username or email").fill(account.username)
    guest.get_by_role("button", name="Send reset link").click()
    expect(guest.get_by_role("status")).to_contain_text("If that account has an email address")

    letter = mailbox.letter_to(address)
    body = letter.get_body(preferencelist=("plain",))
    assert body is not None
    found = LINK.search(body.get_content())
    assert found, body.get_content()
    guest.goto(found.group(0))
    guest.get_by_label(re.compile(r"^New password\s*\*?$")).fill("a brand new passphrase")
    guest.get_by_label(re.compile(r"^New password again")).fill("a brand new passphrase")
    guest.get_by_role("button", name="Set new password").click()
    expect(guest.get_by_role("status")).to_contain_text("Your new password is set")

    guest.get_by_role("link", name="Log in").click()
    log_in(guest, username=account.username, password="a brand new passphrase")
    expect(guest.get_by_role("button", name=re.compile(r"^Account menu"))).to_be_visible()
