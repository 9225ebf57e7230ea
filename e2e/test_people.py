"""The people directory: server-side search, paging on with "Show more", a profile card
from a name, Message opening the conversation, on a desktop and on a 360 px phone in Korean."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

import httpx
from playwright.sync_api import Locator, Page, Playwright, expect

from conftest import Account, NewContext, phone_device
from journeys import log_in
from rooms import create_room, join_room, open_room

# One page of the directory (features/directs/directory.ts DIRECTORY_PAGE).
DIRECTORY_PAGE = 30


def _rows(page: Page) -> Locator:
    return page.get_by_test_id("person-row")


def _search(page: Page, label: str, text: str) -> None:
    page.get_by_role("searchbox", name=label).fill(text)


def test_find_someone_see_their_card_and_message_them(
    new_context: NewContext,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> None:
    tag = uuid.uuid4().hex[:8]
    alice = make_account(display_name=f"Alice {tag}")
    bob = make_account(display_name=f"Bob {tag}")
    # Bob shares a room with Alice and has Parley open: the directory shows him here.
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    open_room(new_context(viewport={"width": 1280, "height": 800}), bob, room_id)

    page = open_room(new_context(viewport={"width": 1280, "height": 800}), alice, room_id)
    page.get_by_role("navigation").get_by_role("link", name="People").click()
    expect(page).to_have_url(re.compile(r"/people$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("People")

    _search(page, "Search people", tag)
    expect(_rows(page)).to_have_count(2)
    # By display name: Alice before Bob; me marked, without a Message button.
    expect(_rows(page).first).to_have_attribute("data-username", alice.username)
    expect(_rows(page).first).to_contain_text("You")
    expect(_rows(page).first.get_by_role("button", name=re.compile("^Message"))).to_have_count(0)
    row = _rows(page).filter(has_text=f"@{bob.username}")
    expect(row.get_by_role("img", name="Online")).to_be_visible()

    # His name opens his card.
    row.get_by_role("button", name=re.compile(f"^Bob {tag}")).click()
    card = page.get_by_role("dialog", name=f"Profile of Bob {tag}")
    expect(card).to_contain_text(f"@{bob.username}")
    expect(card).to_contain_text("Online")
    page.keyboard.press("Escape")
    expect(card).to_have_count(0)

    # The search is the server's: a username matches too, and nobody matches nonsense.
    _search(page, "Search people", bob.username.upper())
    expect(_rows(page)).to_have_count(1)
    _search(page, "Search people", f"nobody-{tag}")
    expect(page.get_by_text(f"Nobody matches “nobody-{tag}”.")).to_be_visible()
    expect(_rows(page)).to_have_count(0)

    _search(page, "Search people", bob.username)
    row = _rows(page).filter(has_text=f"@{bob.username}")
    expect(_rows(page)).to_have_count(1)
    row.get_by_role("button", name=f"Message Bob {tag}").click()
    expect(page).to_have_url(re.compile(r"/rooms/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bob {tag}")
    expect(page.get_by_role("navigation").get_by_test_id("direct-link")).to_contain_text(
        f"Bob {tag}"
    )


def test_show_more_pages_through_everyone_who_matches(
    page: Page, api: httpx.Client, make_account: Callable[..., Account]
) -> None:
    tag = uuid.uuid4().hex[:8]
    people = [make_account(display_name=f"Pager {tag} {n:02d}") for n in range(DIRECTORY_PAGE + 2)]
    page.goto("/people")
    log_in(page, username=people[0].username, password=people[0].password)
    _search(page, "Search people", f"pager {tag}")
    expect(_rows(page)).to_have_count(DIRECTORY_PAGE)
    expect(_rows(page).last).to_contain_text(f"Pager {tag} {DIRECTORY_PAGE - 1:02d}")
    page.get_by_role("button", name="Show more").click()
    expect(_rows(page)).to_have_count(DIRECTORY_PAGE + 2)
    expect(_rows(page).last).to_contain_text(f"Pager {tag} {DIRECTORY_PAGE + 1:02d}")
    expect(page.get_by_role("button", name="Show more")).to_have_count(0)


def test_the_directory_on_a_360_px_phone_in_korean(
    new_context: NewContext, playwright: Playwright, make_account: Callable[..., Account]
) -> None:
    tag = uuid.uuid4().hex[:8]
    me = make_account(display_name=f"작은 화면 {tag}")
    # A long name must shorten, not push the Message button off the screen.
    friend = make_account(display_name=f"아주아주 긴 이름을 가진 친구 {tag} " + "가" * 30)
    page = new_context(locale="ko-KR", **phone_device(playwright, width=360)).new_page()
    page.goto("/login")
    page.get_by_label("사용자 이름").fill(me.username)
    page.get_by_label("비밀번호", exact=True).fill(me.password)
    page.get_by_role("button", name="로그인").click()
    page.get_by_role("button", name="탐색 메뉴 열기").tap()
    page.get_by_role("navigation").get_by_role("link", name="사람들").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("사람들")
    # The drawer closed on the way.
    expect(page.get_by_role("navigation")).not_to_be_in_viewport()

    _search(page, "사람 검색", friend.username)
    row = _rows(page)
    expect(row).to_have_count(1)
    message = row.get_by_role("button", name=re.compile("메시지 보내기$"))
    box = message.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360 and box["height"] >= 44, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    row.get_by_role("button", name=re.compile(f"@{friend.username}$")).tap()
    card = page.get_by_role("dialog", name=re.compile("의 프로필$"))
    expect(card).to_contain_text(f"@{friend.username}")
    page.keyboard.press("Escape")
    expect(card).to_have_count(0)

    message.tap()
    expect(page).to_have_url(re.compile(r"/rooms/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("아주아주")
