"""Account administration: a new password, invite-only sign-up, deactivating an account."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import Page, expect

from conftest import Account, NewContext
from rooms import create_room, open_room, send

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 360, "height": 740}}


def open_account_menu(page: Page) -> None:
    page.get_by_role("button", name=re.compile(r"^Account menu")).click()


def test_new_password_ends_the_other_sign_in_and_keeps_this_one(
    new_context: NewContext,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    account = make_account(display_name="Pat")
    room_id = create_room(api, account)
    phone = open_room(new_context(**PHONE), account, room_id)
    laptop = open_room(new_context(**DESKTOP), account, room_id)

    open_account_menu(phone)
    phone.get_by_role("menuitem", name="Change password").click()
    dialog = phone.get_by_role("dialog", name="Change password")
    dialog.get_by_label("Current password").fill("not my password")
    dialog.get_by_label("New password", exact=True).fill("short")
    dialog.get_by_label("New password again").fill("short")
    dialog.get_by_role("button", name="Change password").click()
    expect(dialog.get_by_text("Use at least 8 characters.")).to_be_visible()

    dialog.get_by_label("New password", exact=True).fill("a brand new secret")
    dialog.get_by_label("New password again").fill("a brand new secret")
    dialog.get_by_role("button", name="Change password").click()
    expect(dialog.get_by_text("The current password is not right.")).to_be_visible()

    dialog.get_by_label("Current password").fill(account.password)
    dialog.get_by_role("button", name="Change password").click()
    expect(dialog.get_by_role("status")).to_have_text(
        "Password changed. You were signed out on your other devices."
    )
    dialog.get_by_role("button", name="Done").click()

    # The other device's socket is closed and its refresh token revoked: it lands on sign-in.
    expect(laptop.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
    # This one goes on with the new token: sending works, and so does a reload (new cookie).
    send(phone, "still here after the change")
    expect(
        phone.get_by_test_id("message").filter(has_text="still here after the change")
    ).to_be_visible()
    phone.reload()
    expect(phone).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(phone.get_by_label("Message", exact=True)).to_be_visible()

    old = api.post(
        "/api/auth/login", data={"username": account.username, "password": account.password}
    )
    assert old.status_code == 401
    new = api.post(
        "/api/auth/login",
        data={"username": account.username, "password": "a brand new secret"},
    )
    assert new.status_code == 200
