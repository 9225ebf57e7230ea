"""The signup journey on a phone: the room list lives in a drawer behind the burger."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from conftest import Account, unique_username
from journeys import expect_in_app_as, log_in, log_out, sign_up
from rooms import assert_touchable


def test_phone_signup_drawer_reload_logout(phone_page: Page, base_url: str) -> None:
    page = phone_page
    sign_up(
        page, username=unique_username("phone"), display_name="Pat Mobile", password="pocket sized"
    )
    expect_in_app_as(page, base_url, "Pat Mobile")

    rooms = page.get_by_role("navigation").get_by_text("No rooms yet")
    expect(rooms).not_to_be_in_viewport()
    page.get_by_role("button", name="Open navigation").tap()
    expect(rooms).to_be_in_viewport()
    page.get_by_role("button", name="Close navigation").tap()
    expect(rooms).not_to_be_in_viewport()

    page.reload()
    expect_in_app_as(page, base_url, "Pat Mobile")

    log_out(page, base_url)
    page.goto("/")
    expect(page).to_have_url(f"{base_url}/login")


def test_phone_touch_targets_are_at_least_44px(
    phone_page: Page, make_account: Callable[..., Account]
) -> None:
    page = phone_page
    page.goto("/login")
    for control in (
        page.get_by_label("Username"),
        page.get_by_label("Password", exact=True),
        page.get_by_role("button", name="Sign in"),
        page.get_by_label("Language"),
        page.get_by_role("link", name="Create an account"),
    ):
        assert_touchable(control)

    account = make_account()
    log_in(page, username=account.username, password=account.password)
    assert_touchable(page.get_by_role("button", name="Open navigation"))
    assert_touchable(page.get_by_role("button", name=re.compile(r"^Account menu")))
