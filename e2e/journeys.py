"""Steps shared by the desktop and phone journeys, written as a user would describe them."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def sign_up(page: Page, *, username: str, display_name: str, password: str) -> None:
    page.goto("/signup")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Display name").fill(display_name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Create account").click()


def log_in(page: Page, *, username: str, password: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def expect_in_app_as(page: Page, base_url: str, display_name: str) -> None:
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("banner")).to_contain_text(display_name)
    expect(page.get_by_role("heading", name=f"Welcome, {display_name}!")).to_be_visible()


def log_out(page: Page, base_url: str) -> None:
    page.get_by_role("button", name=re.compile(r"^Account menu")).click()
    page.get_by_role("menuitem", name="Log out").click()
    expect(page).to_have_url(f"{base_url}/login")
    expect(page.get_by_role("heading", name="Sign in to Parley")).to_be_visible()


def expect_no_token_in_storage(page: Page) -> None:
    # Access tokens are JWTs ("eyJ…"); they must live only in memory.
    stored = page.evaluate("() => JSON.stringify({...localStorage, ...sessionStorage})")
    assert "eyJ" not in stored, stored
