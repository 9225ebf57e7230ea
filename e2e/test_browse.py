"""Browse rooms pages the server's list and searches it by name, on desktop and phone.

One account creating many rooms must not bloat everyone's sidebar: the sidebar lists only
the rooms I am in, and Browse finds the rest by name, a page at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Page, expect

from conftest import Account, unique_username
from journeys import log_in
from rooms import auth_headers

FLOOD = 55  # more than one page (50) of rooms sharing the flood's prefix


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_browse_searches_pages_and_joins(
    device: str,
    request: pytest.FixtureRequest,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    view: Page = request.getfixturevalue("phone_page" if device == "phone" else "page")
    flooder, reader = make_account(), make_account()
    prefix = unique_username("flood")
    headers = auth_headers(api, flooder)
    for number in range(FLOOD):
        response = api.post("/api/rooms", json={"name": f"{prefix} {number:03}"}, headers=headers)
        assert response.status_code == 201, response.text

    view.goto("/")
    log_in(view, username=reader.username, password=reader.password)
    if device == "phone":
        view.get_by_role("button", name="Open navigation").tap()
    nav = view.get_by_role("navigation")
    # None of the flood is in my sidebar: I joined none of it.
    expect(nav.get_by_text("No rooms yet")).to_be_visible()
    nav.get_by_role("button", name="Browse rooms").click()

    dialog = view.get_by_role("dialog", name="Browse public rooms")
    # Typing waits for the search to reach the server (it is debounced), then for the page.
    with view.expect_response(lambda response: f"q={prefix}&" in response.url):
        dialog.get_by_label("Search rooms").fill(prefix)
    rows = dialog.get_by_role("listitem")
    expect(rows).to_have_count(50)
    expect(rows.first).to_contain_text(f"{prefix} 000")
    dialog.get_by_role("button", name="Show more rooms").click()
    expect(rows).to_have_count(FLOOD)
    expect(dialog.get_by_role("button", name="Show more rooms")).to_have_count(0)

    dialog.get_by_label("Search rooms").fill(f"{prefix} 042")
    expect(rows).to_have_count(1)
    dialog.get_by_role("button", name=f"Join {prefix} 042").click()
    expect(view).to_have_url(re.compile(r"/rooms/\d+$"))
    expect(view.get_by_label("Message", exact=True)).to_be_visible()

    if device == "phone":
        view.get_by_role("button", name="Open navigation").tap()
    expect(nav.get_by_role("link", name=re.compile(f"{prefix} 042"))).to_be_visible()

    view.get_by_role("navigation").get_by_role("button", name="Browse rooms").click()
    dialog.get_by_label("Search rooms").fill("no room is called this " + prefix)
    expect(dialog.get_by_text(re.compile("^No rooms match"))).to_be_visible()
