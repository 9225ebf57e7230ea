"""The admin's lists page on and search on the server: nothing stops at the first page."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

import httpx
from playwright.sync_api import Playwright, expect

from conftest import DESKTOP, Account, NewContext, phone_device
from journeys import log_in
from rooms import create_room, find_message, open_room, send


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


def test_the_dashboard_chart_has_a_local_time_axis_that_fits_a_360px_phone(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    site_admin: Account,
    make_account: Callable[..., Account],
) -> None:
    talker = make_account(display_name="Talker")
    room = open_room(new_context(**DESKTOP), talker, create_room(api, talker))
    send(room, "counted on the chart")
    expect(find_message(room, "counted on the chart")).to_have_count(1)

    page = new_context(**phone_device(playwright, width=360)).new_page()
    page.goto("/admin")
    log_in(page, username=site_admin.username, password=site_admin.password)
    figure = page.get_by_role("figure")
    # The caption says the range and the peak; the time axis is ticked with local times.
    expect(figure).to_have_accessible_name(
        re.compile(r"^\d+ messages from .+ to .+; the busiest minute, .+, had \d+\.$")
    )
    ticks = page.get_by_test_id("activity-tick")
    expect(ticks.first).to_be_visible()
    assert ticks.count() >= 3
    right_of_last = 0.0
    for tick in ticks.all():
        assert re.fullmatch(r"\d{1,2}:\d{2}\s(AM|PM)", tick.inner_text()), tick.inner_text()
        box = tick.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
        assert box["x"] > right_of_last, "tick labels overlap"
        right_of_last = box["x"] + box["width"]
    expect(page.get_by_test_id("activity-value-axis")).to_contain_text(re.compile(r"\d+/min"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
