"""Accounts on a desktop browser: signup, staying signed in, logout, errors, redirects."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import Page, expect

from conftest import Account, NewContext, unique_username
from journeys import expect_in_app_as, expect_no_token_in_storage, log_in, log_out, sign_up
from rooms import create_room, open_room


def test_signup_reload_logout_journey(page: Page, base_url: str) -> None:
    username = unique_username("new")
    sign_up(page, username=username, display_name="Ada Lovelace", password="analytical engine")

    expect_in_app_as(page, base_url, "Ada Lovelace")
    expect(page.get_by_role("navigation").get_by_text("No rooms yet")).to_be_visible()
    expect_no_token_in_storage(page)

    page.reload()
    expect_in_app_as(page, base_url, "Ada Lovelace")

    log_out(page, base_url)
    page.goto("/")
    expect(page).to_have_url(f"{base_url}/login")


def test_wrong_password_shows_an_error(
    page: Page, base_url: str, make_account: Callable[..., Account]
) -> None:
    account = make_account()
    page.goto("/login")
    log_in(page, username=account.username, password="not the password")

    expect(page.get_by_role("alert")).to_have_text("Wrong username or password")
    expect(page).to_have_url(f"{base_url}/login")


def test_signup_with_a_taken_username_says_so(
    page: Page, make_account: Callable[..., Account]
) -> None:
    account = make_account()
    sign_up(page, username=account.username, display_name="Impostor", password="another password")

    expect(page.get_by_text("That username is taken")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_attribute("aria-invalid", "true")


def test_protected_address_returns_after_login(
    page: Page, base_url: str, make_account: Callable[..., Account]
) -> None:
    account = make_account(display_name="Grace Hopper")
    page.goto("/some/deep/link?x=1")
    expect(page).to_have_url(f"{base_url}/login")

    log_in(page, username=account.username.upper(), password=account.password)

    expect(page).to_have_url(f"{base_url}/some/deep/link?x=1")
    expect(page.get_by_role("banner")).to_contain_text("Grace Hopper")


def test_sign_out_everywhere_signs_out_the_other_device(
    new_context: NewContext,
    base_url: str,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    account = make_account(display_name="Dana")
    room_id = create_room(api, account)
    laptop = open_room(new_context(viewport={"width": 1280, "height": 800}), account, room_id)
    phone = open_room(new_context(viewport={"width": 390, "height": 844}), account, room_id)
    laptop.get_by_role("button", name=re.compile(r"^Account menu")).click()
    laptop.get_by_role("menuitem", name="Sign out everywhere").click()
    expect(laptop).to_have_url(f"{base_url}/login")
    # The phone's socket is closed and its session cannot be renewed: it lands on sign-in.
    expect(phone.get_by_role("heading", name="Sign in to Parley")).to_be_visible()
