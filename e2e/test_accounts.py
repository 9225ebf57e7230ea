"""Account administration: a new password, invite-only sign-up, deactivating an account."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from playwright.sync_api import Page, expect

from conftest import Account, NewContext, unique_username
from journeys import expect_in_app_as, log_in, sign_up
from rooms import auth_headers, create_room, open_room, send

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


def open_admin(page: Page, admin: Account) -> None:
    page.goto("/admin")
    log_in(page, username=admin.username, password=admin.password)
    expect(page.get_by_role("heading", name="Admin dashboard")).to_be_visible()


@pytest.fixture
def admin_headers(api: httpx.Client, site_admin: Account) -> Iterator[dict[str, str]]:
    """The admin's API credentials; sign-up is open again afterwards whatever the test did,
    since every test shares the one server."""
    headers = auth_headers(api, site_admin)
    yield headers
    response = api.patch("/api/admin/settings", json={"signup": "open"}, headers=headers)
    assert response.status_code == 200, response.text


def test_closed_sign_up_lets_in_only_a_site_invite(
    new_context: NewContext,
    base_url: str,
    api: httpx.Client,
    site_admin: Account,
    admin_headers: dict[str, str],
) -> None:
    admin = new_context(**DESKTOP, permissions=["clipboard-read", "clipboard-write"]).new_page()
    open_admin(admin, site_admin)
    admin.get_by_role("tab", name="Sign-up").click()
    admin.get_by_text("Closed", exact=True).click()
    expect(admin.get_by_text("Nobody can sign up, except with a site invite")).to_be_visible()
    assert api.get("/api/admin/settings", headers=admin_headers).json()["signup"] == "closed"

    admin.get_by_label("Number of uses").fill("1")
    admin.get_by_role("button", name="Create invite link").click()
    link_field = admin.get_by_role("textbox", name="Invite link")
    expect(link_field).to_have_value(re.compile(rf"^{re.escape(base_url)}/invite/.+"))
    link = link_field.input_value()
    admin.get_by_role("button", name="Copy").click()
    expect(admin.get_by_role("button", name="Copied")).to_be_visible()
    assert admin.evaluate("() => navigator.clipboard.readText()") == link
    rows = admin.get_by_test_id("invite-link")
    expect(rows.first).to_contain_text("0 of 1 uses")

    # Without the link, sign-up says why it refuses.
    stranger = new_context(**DESKTOP).new_page()
    sign_up(
        stranger, username=unique_username("no"), display_name="Nope", password="no invite here"
    )
    expect(stranger.get_by_role("alert")).to_have_text(
        "Sign-up is closed here: ask an admin for an invite."
    )
    expect(stranger).to_have_url(f"{base_url}/signup")

    # With it, a newcomer on a phone signs up and is in.
    newcomer = new_context(**PHONE).new_page()
    newcomer.goto(link)
    expect(newcomer.get_by_text("You were invited to Parley.")).to_be_visible()
    newcomer.get_by_label("Username").fill(unique_username("inv"))
    newcomer.get_by_label("Display name").fill("Invited Ivy")
    newcomer.get_by_label("Password", exact=True).fill("invited and welcome")
    newcomer.get_by_role("button", name="Create account").click()
    expect_in_app_as(newcomer, base_url, "Invited Ivy")

    # The link is spent: the admin sees it, and it no longer opens the door.
    admin.reload()
    admin.get_by_role("tab", name="Sign-up").click()
    expect(rows.first).to_contain_text("1 of 1 uses")
    expect(rows.first).to_contain_text("Used up")
    late = new_context(**DESKTOP).new_page()
    late.goto(link)
    expect(late.get_by_role("heading", name="This invite link doesn't work")).to_be_visible()

    rows.first.get_by_role("button", name="Revoke").click()
    rows.first.get_by_role("group").get_by_role("button", name="Revoke").click()
    expect(rows.first).to_contain_text("Revoked")

    admin.get_by_text("Anyone", exact=True).click()
    expect(admin.get_by_text("Anyone who finds the site can sign up.")).to_be_visible()


def test_deactivating_an_account_ends_its_live_session(
    new_context: NewContext,
    api: httpx.Client,
    site_admin: Account,
    make_account: Callable[..., Account],
) -> None:
    someone = make_account(display_name="Deac Tivated")
    room_id = create_room(api, someone)
    their_page = open_room(new_context(**PHONE), someone, room_id)

    admin = new_context(**DESKTOP).new_page()
    open_admin(admin, site_admin)
    admin.get_by_label("Search users").fill(someone.username)
    card = admin.locator(f'[data-testid="admin-user"][data-username="{someone.username}"]')
    card.get_by_role("button", name="Deactivate").click()
    dialog = admin.get_by_role("dialog", name=re.compile("Deactivate"))
    expect(dialog).to_contain_text("signed out everywhere")
    dialog.get_by_role("button", name="Deactivate").click()
    expect(dialog).to_have_count(0)
    expect(card.get_by_text("Deactivated", exact=True)).to_be_visible()

    # Their socket is closed and their refresh token revoked: the app gives way to sign-in.
    expect(their_page.get_by_label("Message", exact=True)).to_have_count(0)
    expect(their_page.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
    refused = api.post(
        "/api/auth/login", data={"username": someone.username, "password": someone.password}
    )
    assert refused.status_code == 403, refused.text

    card.get_by_role("button", name="Reactivate").click()
    admin.get_by_role("dialog").get_by_role("button", name="Reactivate").click()
    expect(card.get_by_text("Deactivated", exact=True)).to_have_count(0)
    log_in(their_page, username=someone.username, password=someone.password)
    expect(their_page.get_by_role("banner")).to_contain_text("Deac Tivated")


def test_a_room_invite_link_brings_people_into_a_private_room(
    new_context: NewContext,
    base_url: str,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    owner = make_account(display_name="Room Owner")
    member = make_account(display_name="Already Here")
    room_id = create_room(api, owner, private=True)
    owner_page = open_room(new_context(**PHONE), owner, room_id)

    owner_page.get_by_role("button", name="Invite").click()
    dialog = owner_page.get_by_role("dialog")
    dialog.get_by_label("Number of uses").fill("3")
    dialog.get_by_role("button", name="Create invite link").click()
    link = dialog.get_by_role("textbox", name="Invite link")
    expect(link).to_have_value(re.compile(rf"^{re.escape(base_url)}/invite/.+"))
    url = link.input_value()

    # Someone signed out follows the link, logs in instead of signing up, and is let in.
    guest = new_context(**DESKTOP).new_page()
    guest.goto(url)
    expect(guest.get_by_text(re.compile(r"^You were invited to room"))).to_be_visible()
    guest.get_by_role("link", name="Log in").click()
    log_in(guest, username=member.username, password=member.password)
    expect(guest).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(guest.get_by_label("Message", exact=True)).to_be_visible()

    # Someone already signed in gets a Join button.
    other = make_account(display_name="Joins By Link")
    other_page = new_context(**DESKTOP).new_page()
    other_page.goto("/")
    log_in(other_page, username=other.username, password=other.password)
    expect(other_page.get_by_role("banner")).to_be_visible()
    other_page.goto(url)
    other_page.get_by_role("button", name=re.compile(r"^Join room")).click()
    expect(other_page).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(other_page.get_by_label("Message", exact=True)).to_be_visible()

    # A newcomer signs up with it and lands in the room (the sign-up made them a member).
    newcomer = new_context(**PHONE).new_page()
    newcomer.goto(url)
    newcomer.get_by_label("Username").fill(unique_username("rinv"))
    newcomer.get_by_label("Display name").fill("Room Newcomer")
    newcomer.get_by_label("Password", exact=True).fill("invited to a room")
    newcomer.get_by_role("button", name="Create account").click()
    expect(newcomer).to_have_url(re.compile(rf"/rooms/{room_id}$"))
    expect(newcomer.get_by_label("Message", exact=True)).to_be_visible()

    # Every use is spent, as the owner's list says when next opened.
    owner_page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    owner_page.get_by_role("button", name="Invite").click()
    expect(dialog.get_by_test_id("invite-link").first).to_contain_text("3 of 3 uses")
    expect(dialog.get_by_test_id("invite-link").first).to_contain_text("Used up")


def test_an_admins_reset_link_lets_someone_choose_a_new_password(
    new_context: NewContext,
    site_admin: Account,
    make_account: Callable[..., Account],
) -> None:
    forgetful = make_account(display_name="Forgot Ful")
    admin = new_context(**DESKTOP).new_page()
    open_admin(admin, site_admin)
    admin.get_by_label("Search users").fill(forgetful.username)
    card = admin.locator(f'[data-testid="admin-user"][data-username="{forgetful.username}"]')
    card.get_by_role("button", name="Reset link").click()
    dialog = admin.get_by_role("dialog", name="Reset link for Forgot Ful")
    field = dialog.get_by_role("textbox", name="Reset link for Forgot Ful")
    expect(field).to_have_value(re.compile(r"^http://.+/reset/[A-Za-z0-9_-]+$"))
    link = field.input_value()
    dialog.get_by_role("button", name="Close").click()

    phone = new_context(**PHONE).new_page()
    phone.goto(link)
    expect(phone.get_by_text(f"For the account @{forgetful.username}.")).to_be_visible()
    phone.get_by_label(re.compile(r"^New password\s*\*?$")).fill("a fresh start 123")
    phone.get_by_label(re.compile(r"^New password again")).fill("a different one")
    phone.get_by_role("button", name="Set new password").click()
    expect(phone.get_by_text("The two passwords are not the same")).to_be_visible()
    phone.get_by_label(re.compile(r"^New password again")).fill("a fresh start 123")
    phone.get_by_role("button", name="Set new password").click()
    expect(phone.get_by_role("status")).to_contain_text("Your new password is set")
    phone.get_by_role("link", name="Log in").click()
    log_in(phone, username=forgetful.username, password="a fresh start 123")
    expect(phone.get_by_role("button", name=re.compile(r"^Account menu"))).to_be_visible()
    # The link works once.
    spent = new_context(**PHONE).new_page()
    spent.goto(link)
    expect(spent.get_by_text("This reset link doesn't work")).to_be_visible()
