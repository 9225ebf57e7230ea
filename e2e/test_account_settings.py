"""Account settings: where I am signed in, preferences that follow the account, leaving for good."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, Playwright, expect

from conftest import Account, NewContext
from journeys import log_in

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 360, "height": 740}}


def _device(playwright: Playwright, kind: str) -> dict[str, Any]:
    if kind == "desktop":
        return DESKTOP
    device = dict(playwright.devices["Pixel 7"])
    device.pop("default_browser_type", None)
    return device


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
