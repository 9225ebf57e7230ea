"""The language switch on the login screen."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from conftest import NewContext


def test_language_switch_turns_login_korean_and_sticks(page: Page) -> None:
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_label("Language").select_option("ko")

    expect(page.get_by_role("heading", name="Parley에 로그인")).to_be_visible()
    expect(page.get_by_label("사용자 이름")).to_be_visible()
    expect(page.get_by_role("button", name="로그인")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ko")

    page.reload()
    expect(page.get_by_role("heading", name="Parley에 로그인")).to_be_visible()


def test_korean_browser_gets_korean_by_default(new_context: NewContext) -> None:
    page = new_context(locale="ko-KR").new_page()
    page.goto("/login")
    expect(page.get_by_role("heading", name="Parley에 로그인")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
