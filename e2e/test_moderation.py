"""Moderation and administration through the UI: site ban, moderator delete, report queue.

Users, rooms and roles are set up over the REST API (a site admin comes from conftest's
`site_admin`); only the moderation itself goes through the UI.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import BrowserContext, Locator, Page, Playwright, expect

from conftest import Account, NewContext, phone_device
from journeys import log_in
from rooms import Person, auth_headers, create_room, find_message, join_room, open_room, send


def _user_id(api: httpx.Client, account: Account) -> int:
    response = api.get("/api/users/me", headers=auth_headers(api, account))
    assert response.status_code == 200, response.text
    return int(response.json()["id"])


def _promote(api: httpx.Client, owner: Account, room_id: int, user_id: int) -> None:
    response = api.post(
        f"/api/rooms/{room_id}/moderation",
        json={"action": "promote", "user_id": user_id, "reason": "e2e"},
        headers=auth_headers(api, owner),
    )
    assert response.status_code == 204, response.text


def _message_menu(page: Page, text: str) -> None:
    """Opens the ⋯ menu of the message containing `text` (shown on hover on desktops)."""
    message = find_message(page, text)
    message.hover()
    message.get_by_role("button", name="Message actions").click()


def _desktop(new_context: NewContext) -> BrowserContext:
    return new_context(viewport={"width": 1280, "height": 800})


def test_admin_bans_bob_while_he_is_chatting(
    new_context: NewContext,
    api: httpx.Client,
    make_account: Callable[..., Account],
    site_admin: Account,
) -> None:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)

    bob_page = open_room(_desktop(new_context), bob, room_id)
    send(bob_page, "Bob is chatting")
    expect(find_message(bob_page, "Bob is chatting")).to_have_count(1)

    admin_page = _desktop(new_context).new_page()
    admin_page.goto("/")
    log_in(admin_page, username=site_admin.username, password=site_admin.password)
    admin_page.get_by_role("button", name=re.compile(r"^Account menu")).click()
    admin_page.get_by_role("menuitem", name="Admin dashboard").click()
    expect(admin_page).to_have_url(re.compile(r"/admin$"))
    expect(admin_page.get_by_role("heading", name="Admin dashboard")).to_be_visible()
    expect(admin_page.get_by_test_id("stat-users-online")).to_be_visible()

    admin_page.get_by_label("Search users").fill(bob.username)
    card = admin_page.locator(f'[data-testid="admin-user"][data-username="{bob.username}"]')
    expect(card).to_have_count(1)
    card.get_by_role("button", name="Ban").click()
    dialog = admin_page.get_by_role("dialog")
    dialog.get_by_label("Reason").fill("spam everywhere")
    dialog.get_by_text("7 days", exact=True).click()
    dialog.get_by_role("button", name="Ban").click()
    expect(dialog).to_have_count(0)
    expect(card.get_by_text(re.compile(r"^Banned"))).to_be_visible()

    # Bob's socket is closed with 4403: the whole app gives way to the ban screen, which
    # says when the ban ends (the close reason carries it).
    expect(bob_page.get_by_role("heading", name="Your account has been banned")).to_be_visible()
    expect(bob_page.get_by_text(re.compile(r"^The ban ends "))).to_be_visible()
    expect(bob_page.get_by_label("Message", exact=True)).to_have_count(0)
    expect(bob_page.get_by_role("button", name="Log out")).to_be_visible()

    # And the server agrees: he cannot even sign in.
    response = api.post(
        "/api/auth/login", data={"username": bob.username, "password": bob.password}
    )
    assert response.status_code == 403, response.text


def test_a_non_admin_gets_403_at_admin(page: Page, make_account: Callable[..., Account]) -> None:
    someone = make_account(display_name="Someone")
    page.goto("/admin")
    log_in(page, username=someone.username, password=someone.password)
    expect(page.get_by_role("heading", name="403 — Admins only")).to_be_visible()


@pytest.fixture
def moderated_room(
    new_context: NewContext, api: httpx.Client, make_account: Callable[..., Account]
) -> tuple[int, Person, Person, Person]:
    """A room owned by alice, with carol as moderator and bob as member, all three open."""
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    carol = make_account(display_name="Carol")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    join_room(api, carol, room_id)
    _promote(api, alice, room_id, _user_id(api, carol))
    people = []
    for account in (alice, bob, carol):
        context = _desktop(new_context)
        people.append(Person(account, context, open_room(context, account, room_id)))
    return room_id, people[0], people[1], people[2]


def test_moderator_deletes_a_message_for_everyone(
    moderated_room: tuple[int, Person, Person, Person],
) -> None:
    _room_id, alice, bob, carol = moderated_room
    send(bob.page, "something rude")
    for person in (alice, bob, carol):
        expect(find_message(person.page, "something rude")).to_have_count(1)

    _message_menu(carol.page, "something rude")
    carol.page.get_by_role("menuitem", name="Delete").click()
    dialog = carol.page.get_by_role("dialog")
    expect(dialog).to_contain_text("Delete this message?")
    dialog.get_by_label("Reason").fill("rude")
    dialog.get_by_role("button", name="Delete").click()
    expect(dialog).to_have_count(0)

    for person in (carol, alice, bob):
        expect(find_message(person.page, "something rude")).to_have_count(0)
        expect(
            person.page.get_by_test_id("message").filter(has_text="message removed")
        ).to_have_count(1)


def test_member_reports_and_moderator_resolves_from_the_queue(
    moderated_room: tuple[int, Person, Person, Person],
) -> None:
    _room_id, alice, bob, carol = moderated_room
    send(alice.page, "a questionable claim")
    expect(find_message(bob.page, "a questionable claim")).to_have_count(1)

    # A member sees no Delete on someone else's message, only Report.
    _message_menu(bob.page, "a questionable claim")
    expect(bob.page.get_by_role("menuitem", name="Delete")).to_have_count(0)
    bob.page.get_by_role("menuitem", name="Report").click()
    dialog = bob.page.get_by_role("dialog")
    dialog.get_by_label("Reason").fill("misinformation")
    dialog.get_by_role("button", name="Report").click()
    expect(dialog).to_have_count(0)
    expect(bob.page.get_by_role("status").filter(has_text="Reported.")).to_be_visible()

    carol.page.get_by_role("button", name="Room settings").click()
    carol.page.get_by_role("menuitem", name="Reports").click()
    queue = carol.page.get_by_role("dialog")
    report = queue.get_by_test_id("report").filter(has_text="a questionable claim")
    expect(report).to_have_count(1)
    expect(report).to_contain_text("misinformation")
    expect(report).to_contain_text(bob.account.username)
    report.get_by_role("button", name="Resolve").click()
    expect(report).to_have_count(0)
    expect(queue.get_by_text("No reports here.")).to_be_visible()

    # It is in the resolved list now.
    queue.get_by_text("Resolved", exact=True).click()
    expect(queue.get_by_test_id("report").filter(has_text="a questionable claim")).to_have_count(1)


def test_delete_is_offered_on_own_messages_to_members_and_on_all_to_moderators(
    moderated_room: tuple[int, Person, Person, Person],
) -> None:
    _room_id, alice, bob, carol = moderated_room
    send(bob.page, "bob's own words")
    expect(find_message(carol.page, "bob's own words")).to_have_count(1)
    send(alice.page, "the owner's words")
    for person in (bob, carol):
        expect(find_message(person.page, "the owner's words")).to_have_count(1)

    # (page, message, Delete offered): delete_own for a member, delete_any for a moderator.
    for person, text, offered in (
        (bob, "bob's own words", True),
        (bob, "the owner's words", False),
        (carol, "bob's own words", True),
        (carol, "the owner's words", True),
    ):
        _message_menu(person.page, text)
        menu = person.page.get_by_role("menu")
        expect(menu).to_be_visible()
        expect(menu.get_by_role("menuitem", name="Delete")).to_have_count(1 if offered else 0)
        person.page.keyboard.press("Escape")
        expect(menu).to_have_count(0)


def _member_menu(page: Page, display_name: str) -> None:
    page.get_by_role("button", name=re.compile(r"^Show members")).click()
    page.get_by_role("button", name=f"Moderate {display_name}").click()


def test_moderator_mutes_then_bans_a_member(
    moderated_room: tuple[int, Person, Person, Person],
) -> None:
    room_id, alice, bob, carol = moderated_room
    expect(bob.page.locator(f'nav a[href="/rooms/{room_id}"]')).to_have_count(1)

    # A moderator has no menu over the owner (the matrix), but has one over a member.
    carol.page.get_by_role("button", name=re.compile(r"^Show members")).click()
    drawer = carol.page.get_by_role("dialog", name="Members")
    expect(
        drawer.get_by_role("button", name=f"Moderate {bob.account.display_name}")
    ).to_be_visible()
    expect(
        drawer.get_by_role("button", name=f"Moderate {alice.account.display_name}")
    ).to_have_count(0)

    drawer.get_by_role("button", name=f"Moderate {bob.account.display_name}").click()
    carol.page.get_by_role("menuitem", name="Mute").click()
    dialog = carol.page.get_by_role("dialog", name=re.compile("^Mute"))
    dialog.get_by_text("10 min").click()
    dialog.get_by_label("Reason").fill("cool off")
    dialog.get_by_role("button", name="Mute").click()
    expect(dialog).to_have_count(0)

    expect(bob.page.get_by_test_id("send-limit")).to_contain_text("You are muted until")
    expect(drawer).to_contain_text("Muted until")
    expect(bob.page.get_by_label("Message", exact=True)).to_be_disabled()

    drawer.get_by_role("button", name=f"Moderate {bob.account.display_name}").click()
    carol.page.get_by_role("menuitem", name="Ban").click()
    dialog = carol.page.get_by_role("dialog", name=re.compile("^Ban"))
    dialog.get_by_label("Reason").fill("kept going")
    dialog.get_by_role("button", name="Ban").click()
    expect(dialog).to_have_count(0)

    standing = bob.page.get_by_test_id("room-standing")
    expect(standing).to_contain_text("You were banned from this room")
    expect(standing).to_contain_text("kept going")
    expect(bob.page.get_by_label("Message", exact=True)).to_have_count(0)
    # The room leaves his list.
    expect(bob.page.locator(f'nav a[href="/rooms/{room_id}"]')).to_have_count(0)


def test_moderator_bans_for_an_hour_and_the_panel_says_until_when(
    moderated_room: tuple[int, Person, Person, Person],
) -> None:
    _room_id, _alice, bob, carol = moderated_room
    _member_menu(carol.page, bob.account.display_name)
    carol.page.get_by_role("menuitem", name="Ban").click()
    dialog = carol.page.get_by_role("dialog", name=re.compile("^Ban"))
    expect(dialog.get_by_role("radio", name="Until lifted")).to_be_checked()
    dialog.get_by_text("1 h", exact=True).click()
    dialog.get_by_label("Reason").fill("take an hour")
    dialog.get_by_role("button", name="Ban").click()
    expect(dialog).to_have_count(0)
    standing = bob.page.get_by_test_id("room-standing")
    expect(standing).to_contain_text("You were banned from this room")
    expect(standing).to_contain_text("The ban ends")

    carol.page.keyboard.press("Escape")  # the members drawer
    carol.page.get_by_role("button", name="Room settings").click()
    carol.page.get_by_role("menuitem", name="Bans and mutes").click()
    panel = carol.page.get_by_role("tabpanel", name="Bans and mutes")
    ban = panel.get_by_role("region", name="Banned").get_by_test_id("room-ban")
    expect(ban).to_have_count(1)
    expect(ban).to_contain_text(bob.account.display_name)
    expect(ban.get_by_test_id("room-ban-until")).to_have_text(re.compile(r"^Until \S"))
    expect(ban.get_by_test_id("room-ban-until")).not_to_have_text("Until lifted")


def test_a_moderator_sees_the_report_badge_arrive_and_clear(
    moderated_room: tuple[int, Person, Person, Person],
) -> None:
    room_id, alice, bob, carol = moderated_room
    send(alice.page, "a report-worthy line")
    expect(find_message(bob.page, "a report-worthy line")).to_have_count(1)
    room_link = carol.page.locator(f'nav a[href="/rooms/{room_id}"]')
    expect(carol.page.get_by_role("button", name="Room settings", exact=True)).to_be_visible()

    _message_menu(bob.page, "a report-worthy line")
    bob.page.get_by_role("menuitem", name="Report").click()
    dialog = bob.page.get_by_role("dialog")
    dialog.get_by_label("Reason").fill("spam")
    dialog.get_by_role("button", name="Report").click()
    expect(dialog).to_have_count(0)

    # Live, with nothing reloaded: the room in the sidebar and its settings menu.
    menu = carol.page.get_by_role("button", name="Room settings, 1 open report")
    expect(menu).to_be_visible()
    expect(room_link).to_have_attribute("aria-label", re.compile("1 open report"))
    expect(room_link.get_by_test_id("open-reports-badge")).to_have_text("1")
    # The member who reported sees no badge: they do not work the queue.
    expect(bob.page.get_by_test_id("open-reports-badge")).to_have_count(0)
    expect(bob.page.get_by_role("button", name="Room settings", exact=True)).to_be_visible()

    menu.click()
    carol.page.get_by_role("menuitem", name=re.compile("^Reports")).click()
    queue = carol.page.get_by_role("dialog")
    report = queue.get_by_test_id("report").filter(has_text="a report-worthy line")
    report.get_by_role("button", name="Resolve").click()
    expect(report).to_have_count(0)
    carol.page.keyboard.press("Escape")
    expect(carol.page.get_by_role("button", name="Room settings", exact=True)).to_be_visible()
    expect(room_link.get_by_test_id("open-reports-badge")).to_have_count(0)


def test_owner_sets_slow_mode_and_a_member_sees_the_countdown(
    moderated_room: tuple[int, Person, Person, Person],
) -> None:
    _room_id, alice, bob, _carol = moderated_room
    alice.page.get_by_role("button", name="Room settings").click()
    alice.page.get_by_role("menuitem", name="30 s").click()

    limit = bob.page.get_by_test_id("send-limit")
    expect(limit).to_contain_text("Slow mode: one message every 30 s")
    send(bob.page, "first under slow mode")
    expect(find_message(alice.page, "first under slow mode")).to_have_count(1)
    expect(limit).to_contain_text(re.compile(r"next in \d+ s"))
    expect(bob.page.get_by_role("button", name="Send")).to_be_disabled()


def test_kicked_member_is_told_and_can_rejoin_a_public_room(
    moderated_room: tuple[int, Person, Person, Person],
) -> None:
    _room_id, alice, bob, carol = moderated_room
    _member_menu(carol.page, bob.account.display_name)
    carol.page.get_by_role("menuitem", name="Kick").click()
    dialog = carol.page.get_by_role("dialog", name=re.compile("^Remove"))
    dialog.get_by_label("Reason").fill("take a break")
    dialog.get_by_role("button", name="Kick").click()
    expect(dialog).to_have_count(0)

    standing = bob.page.get_by_test_id("room-standing")
    expect(standing).to_contain_text("You were removed from this room")
    expect(standing).to_contain_text("take a break")
    expect(bob.page.get_by_label("Message", exact=True)).to_have_count(0)

    # Opened again later, the room says the same: the socket's join is refused as kicked.
    bob.page.reload()
    expect(standing).to_contain_text("You were removed from this room")
    expect(bob.page.get_by_label("Message", exact=True)).to_have_count(0)

    # Back in: the composer returns and the socket follows the room again.
    bob.page.get_by_role("button", name="Join room").click()
    expect(standing).to_have_count(0)
    send(bob.page, "I am back")
    expect(find_message(alice.page, "I am back")).to_have_count(1)
    send(alice.page, "welcome back")
    expect(find_message(bob.page, "welcome back")).to_have_count(1)


def _fits_the_phone(control: Locator, width: int = 360) -> None:
    box = control.bounding_box()
    assert box is not None, control
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (control, box)
    assert box["height"] >= 40, (control, box)


def test_timed_ban_and_report_badge_at_360px(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    owner = make_account(display_name="Owen")
    member = make_account(display_name="Mia")
    rude = make_account(display_name="Rex")
    room_id = create_room(api, owner)
    join_room(api, member, room_id)
    join_room(api, rude, room_id)
    page = open_room(new_context(**phone_device(playwright, width=360)), owner, room_id)
    send(page, "hello from a small screen")
    expect(find_message(page, "hello from a small screen")).to_have_count(1)

    # Another user reports it over the API: the badge arrives on the phone's room menu.
    messages = api.get(f"/api/rooms/{room_id}/messages", headers=auth_headers(api, owner))
    message_id = next(
        m["id"] for m in messages.json()["messages"] if m["body"] == "hello from a small screen"
    )
    filed = api.post(
        f"/api/messages/{message_id}/report",
        json={"reason": "test"},
        headers=auth_headers(api, member),
    )
    assert filed.status_code == 201, filed.text
    menu = page.get_by_role("button", name="Room settings, 1 open report")
    expect(menu).to_be_visible()
    _fits_the_phone(menu)

    # Every ban length fits the narrowest phone.
    page.get_by_role("button", name=re.compile(r"^Show members")).tap()
    page.get_by_role("button", name="Moderate Rex").tap()
    page.get_by_role("menuitem", name="Ban").tap()
    dialog = page.get_by_role("dialog", name=re.compile("^Ban"))
    for choice in ("1 h", "1 day", "7 days", "30 days", "Until lifted"):
        _fits_the_phone(dialog.get_by_text(choice, exact=True).locator("xpath=ancestor::label[1]"))
    dialog.get_by_text("30 days", exact=True).tap()
    dialog.get_by_role("button", name="Ban").tap()
    expect(dialog).to_have_count(0)
    bans = api.get(f"/api/rooms/{room_id}/bans", headers=auth_headers(api, owner)).json()
    assert [ban["display_name"] for ban in bans] == ["Rex"] and bans[0]["expires_at"]
