"""The admin's lists page on and search on the server: nothing stops at the first page."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from playwright.sync_api import expect

from conftest import DESKTOP, Account, NewContext
from journeys import log_in


def test_the_admin_users_tab_shows_more_and_searching_narrows_it(
    new_context: NewContext, site_admin: Account, make_account: Callable[..., Account]
) -> None:
    # More matching accounts than one page (50) holds, under a name nobody else has.
    tag = f"Pager{uuid.uuid4().hex[:6]}"
    for n in range(53):
        make_account(display_name=f"{tag} {n:02d}")
    odd_one = make_account(display_name=f"{tag} odd one")

    page = new_context(**DESKTOP).new_page()
    page.goto("/admin")
    log_in(page, username=site_admin.username, password=site_admin.password)
    expect(page.get_by_role("heading", name="Admin dashboard")).to_be_visible()
    cards = page.get_by_test_id("admin-user")
    page.get_by_label("Search users").fill(tag.lower())
    expect(cards).to_have_count(50)
    expect(cards.filter(has_text=tag)).to_have_count(50)

    page.get_by_role("button", name="Show more").click()
    expect(cards).to_have_count(54)
    expect(cards.filter(has_text=tag)).to_have_count(54)
    expect(page.get_by_role("button", name="Show more")).to_have_count(0)

    page.get_by_label("Search users").fill(f"{tag} ODD")
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_attribute("data-username", odd_one.username)
