"""Account settings: where I am signed in, preferences that follow the account, leaving for good."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, Playwright, expect

from conftest import DESKTOP, Account, NewContext, phone_device
from journeys import log_in
from rooms import auth_headers, create_room, find_message, join_room, open_room, send

PHONE = {"viewport": {"width": 360, "height": 740}}


def _device(playwright: Playwright, kind: str) -> dict[str, Any]:
    if kind == "desktop":
        return DESKTOP
    return phone_device(playwright, width=360)


def sign_in(page: Page, account: Account) -> Page:
    page.goto("/login")
    log_in(page, username=account.username, password=account.password)
    expect(page.get_by_role("button", name=re.compile(r"^Account menu"))).to_be_visible()
    return page


def open_account_menu(page: Page) -> None:
    page.get_by_role("button", name=re.compile(r"^Account menu")).click()


def open_account_dialog(page: Page) -> None:
    open_account_menu(page)
    page.get_by_role("menuitem", name="Account and devices").click()


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_sessions_list_both_devices_and_sign_the_other_out(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    make_account: Callable[..., Account],
) -> None:
    # Signed in nowhere else (no API sign-in either), so these two are the whole list.
    account = make_account(display_name="Sam")
    other = sign_in(new_context(**_device(playwright, "phone")).new_page(), account)
    here = sign_in(new_context(**_device(playwright, kind)).new_page(), account)

    open_account_dialog(here)
    dialog = here.get_by_role("dialog", name="Account and devices")
    rows = dialog.get_by_role("list", name="Where you're signed in").get_by_role("listitem")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="This device")).to_have_count(1)
    expect(rows.first).to_contain_text("This device")
    expect(rows.first).to_contain_text("Last active now")
    expect(rows.first.get_by_role("button", name=re.compile("^Sign out"))).to_have_count(0)

    rows.nth(1).get_by_role("button", name=re.compile("^Sign out")).click()

    expect(rows).to_have_count(1)
    expect(other.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
    # This device is untouched: still signed in after a reload.
    here.reload()
    expect(here.get_by_role("heading", name="Welcome, Sam!")).to_be_visible()


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_language_and_theme_follow_the_account_to_a_new_device(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    make_account: Callable[..., Account],
) -> None:
    account = make_account(display_name="Kim")
    first = sign_in(new_context(**_device(playwright, kind)).new_page(), account)

    open_account_menu(first)
    first.get_by_role("menuitem", name="Dark").click()
    expect(first.locator("html")).to_have_attribute("data-mantine-color-scheme", "dark")
    with first.expect_response(
        lambda response: (
            response.url.endswith("/api/users/me") and response.request.method == "PATCH"
        )
    ) as saved:
        open_account_menu(first)
        first.get_by_role("menuitem", name="한국어").click()
    assert saved.value.ok
    expect(first.locator("html")).to_have_attribute("lang", "ko")

    # A fresh device in an English browser: the account's choices win once signed in.
    fresh = new_context(**_device(playwright, kind)).new_page()
    fresh.goto("/login")
    expect(fresh.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
    log_in(fresh, username=account.username, password=account.password)
    expect(fresh.get_by_role("heading", name="Kim님, 환영합니다!")).to_be_visible()
    expect(fresh.locator("html")).to_have_attribute("lang", "ko")
    expect(fresh.locator("html")).to_have_attribute("data-mantine-color-scheme", "dark")


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_deleting_my_account_and_erasing_my_messages(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    owner = make_account(display_name="Ola")
    leaver = make_account(display_name="Lee")
    room_id = create_room(api, owner)
    join_room(api, leaver, room_id)
    watcher = open_room(new_context(**DESKTOP), owner, room_id)
    page = open_room(new_context(**_device(playwright, kind)), leaver, room_id)
    send(page, "goodbye everyone")
    expect(find_message(watcher, "goodbye everyone")).to_have_count(1)

    open_account_dialog(page)
    danger = page.get_by_role("region", name="Delete my account")
    danger.get_by_role("button", name="Delete my account…").click()
    danger.get_by_role("button", name="Continue").click()
    expect(danger.get_by_text("Enter your password.")).to_be_visible()
    expect(danger.get_by_text("Choose what happens to the messages.")).to_be_visible()

    danger.get_by_label("Your password").fill("not my password")
    danger.get_by_label("Erase my messages").check()
    danger.get_by_role("button", name="Continue").click()
    expect(danger).to_contain_text("All your messages are erased.")
    danger.get_by_role("button", name="Delete my account forever").click()
    expect(danger.get_by_text("The password is not right.")).to_be_visible()

    danger.get_by_label("Your password").fill(leaver.password)
    danger.get_by_role("button", name="Continue").click()
    danger.get_by_role("button", name="Delete my account forever").click()

    expect(page.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        "Your account was deleted. Thanks for using Parley."
    )
    expect(find_message(watcher, "goodbye everyone")).to_have_count(0)
    expect(watcher.get_by_test_id("message").filter(has_text="message removed")).to_have_count(1)
    gone = api.post(
        "/api/auth/login", data={"username": leaver.username, "password": leaver.password}
    )
    assert gone.status_code == 401


def test_admin_deletes_an_account_keeping_its_messages(
    new_context: NewContext,
    api: httpx.Client,
    site_admin: Account,
    make_account: Callable[..., Account],
) -> None:
    member = make_account(display_name="Mo Delete")
    page = new_context(**PHONE).new_page()
    page.goto("/admin")
    log_in(page, username=site_admin.username, password=site_admin.password)
    expect(page.get_by_role("heading", name="Admin dashboard")).to_be_visible()
    page.get_by_label("Search users").fill(member.username)
    card = page.get_by_test_id("admin-user").and_(
        page.locator(f'[data-username="{member.username}"]')
    )
    card.get_by_role("button", name="Delete account").click()
    dialog = page.get_by_role("dialog", name="Delete Mo Delete's account?")
    dialog.get_by_label("Keep my messages (shown as Deleted user)").check()
    dialog.get_by_role("button", name="Delete account").click()
    expect(dialog).to_have_count(0)
    expect(card).to_have_count(0)
    gone = api.post(
        "/api/auth/login", data={"username": member.username, "password": member.password}
    )
    assert gone.status_code == 401


def _moderate(
    api: httpx.Client, moderator: Account, room_id: int, user: Account, **request: Any
) -> None:
    me = api.get("/api/users/me", headers=auth_headers(api, user))
    assert me.status_code == 200, me.text
    response = api.post(
        f"/api/rooms/{room_id}/moderation",
        json={"user_id": me.json()["id"], **request},
        headers=auth_headers(api, moderator),
    )
    assert response.status_code == 204, response.text


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_moderator_lifts_a_ban_and_a_mute_from_the_bans_panel(
    kind: str,
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    owner = make_account(display_name="Owen")
    banned = make_account(display_name="Bea Banned")
    muted = make_account(display_name="Max Muted")
    room_id = create_room(api, owner)
    join_room(api, banned, room_id)
    join_room(api, muted, room_id)
    _moderate(api, owner, room_id, banned, action="ban", reason="spam links")
    _moderate(api, owner, room_id, muted, action="mute", reason="calm", duration_seconds=3600)
    refused = api.post(f"/api/rooms/{room_id}/join", headers=auth_headers(api, banned))
    assert refused.status_code == 403, refused.text

    page = open_room(new_context(**_device(playwright, kind)), owner, room_id)
    page.get_by_role("button", name="Room settings").click()
    page.get_by_role("menuitem", name="Bans and mutes").click()
    panel = page.get_by_role("tabpanel", name="Bans and mutes")
    bans = panel.get_by_role("region", name="Banned").get_by_test_id("room-ban")
    expect(bans).to_have_count(1)
    expect(bans).to_contain_text("Bea Banned")
    expect(bans).to_contain_text("Banned by Owen")
    expect(bans).to_contain_text("Reason: spam links")
    mutes = panel.get_by_role("region", name="Muted").get_by_test_id("room-mute")
    expect(mutes).to_have_count(1)
    expect(mutes).to_contain_text("Max Muted")
    expect(mutes).to_contain_text("Muted until")

    bans.get_by_role("button", name="Unban Bea Banned").click()
    dialog = page.get_by_role("dialog", name="Unban Bea Banned")
    dialog.get_by_label("Reason").fill("second chance")
    dialog.get_by_role("button", name="Unban").click()
    expect(dialog).to_have_count(0)
    expect(bans).to_have_count(0)
    expect(panel).to_contain_text("Nobody is banned from this room.")

    mutes.get_by_role("button", name="Unmute Max Muted").click()
    dialog = page.get_by_role("dialog", name="Unmute Max Muted")
    dialog.get_by_role("button", name="Unmute").click()
    expect(dialog).to_have_count(0)
    expect(mutes).to_have_count(0)

    # The unbanned member can join again, from the app.
    again = new_context(**DESKTOP).new_page()
    again.goto(f"/rooms/{room_id}")
    log_in(again, username=banned.username, password=banned.password)
    again.get_by_role("button", name="Join room").click()
    expect(again.get_by_label("Message", exact=True)).to_be_visible()


def test_language_and_theme_follow_the_account_live_to_my_other_open_devices(
    new_context: NewContext, playwright: Playwright, make_account: Callable[..., Account]
) -> None:
    account = make_account(display_name="Jin")
    other = sign_in(new_context(**_device(playwright, "phone")).new_page(), account)
    here = sign_in(new_context(**DESKTOP).new_page(), account)
    expect(other.locator("html")).to_have_attribute("lang", "en")
    expect(other.locator("html")).not_to_have_attribute("data-mantine-color-scheme", "dark")
    # Marks the page: a reload would drop it, so it still being there proves none happened.
    other.evaluate("window.__notReloaded = true")

    open_account_menu(here)
    here.get_by_role("menuitem", name="Dark").click()
    expect(here.locator("html")).to_have_attribute("data-mantine-color-scheme", "dark")
    expect(other.locator("html")).to_have_attribute("data-mantine-color-scheme", "dark")

    open_account_menu(here)
    here.get_by_role("menuitem", name="한국어").click()
    expect(here.locator("html")).to_have_attribute("lang", "ko")
    expect(other.locator("html")).to_have_attribute("lang", "ko")
    expect(other.get_by_role("heading", name="Jin님, 환영합니다!")).to_be_visible()
    assert other.evaluate("window.__notReloaded") is True
