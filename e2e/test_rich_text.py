"""Rich text and everyday polish: Markdown bodies, inert hostile input, editing the raw text,
date separators, a draft per room and ↑ to edit, on a desktop and on a phone.

Users and rooms are made over the REST API; only the chat itself goes through the UI.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Dialog, Locator, Page, Playwright, expect

from conftest import DESKTOP, Account, NewContext, phone_device
from journeys import log_out
from rooms import Person, create_room, find_message, open_room, send


def record_dialogs(page: Page) -> list[str]:
    """Every alert/confirm/prompt the page opens (dismissed at once): a fired one is script run."""
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def composer(page: Page) -> Locator:
    return page.get_by_label("Message", exact=True)


def test_markdown_renders_for_the_other_person(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    send(alice.page, "**bold** and `code` at https://example.com/docs :tada:")
    message = find_message(bob.page, "and code at")
    expect(message.locator("strong")).to_have_text("bold")
    expect(message.locator("code")).to_have_text("code")
    expect(message).to_contain_text("🎉")
    link = message.get_by_role("link", name="https://example.com/docs")
    expect(link).to_have_attribute("href", "https://example.com/docs")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")

    # A fenced block keeps its lines: highlighted, and a long one scrolls inside the block
    # while the phone's page itself never scrolls sideways.
    long_line = "print('" + "x" * 200 + "')"
    send(alice.page, f"```python\n{long_line}\n```")
    block = find_message(bob.page, "xxxx").locator("pre")
    expect(block.locator(".hljs-built_in")).to_have_text("print")
    expect(block.locator("code")).to_have_text(long_line)
    assert block.evaluate("el => el.scrollWidth > el.clientWidth")
    assert bob.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    # What Markdown could make big or foreign stays as typed.
    send(alice.page, "# not a heading")
    expect(find_message(bob.page, "# not a heading")).to_have_count(1)
    expect(bob.page.locator(".message-body h1")).to_have_count(0)


PAYLOADS = [
    "<img src=x onerror=alert('img')>",
    "<script>alert('script')</script>",
    "[click me](javascript:alert('md-link'))",
    "<a href=\"javascript:alert('html-link')\">html link</a>",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "[data link](data:text/html,<script>alert('data')</script>)",
    "<p onmouseover=alert('handler')>hover me</p>",
    "javascript:alert('bare')",
]


def test_hostile_messages_stay_inert(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    seen_by_bob = record_dialogs(bob.page)
    seen_by_alice = record_dialogs(alice.page)
    for payload in PAYLOADS:
        send(alice.page, payload)
    for person in (alice, bob):
        page = person.page
        # Each arrives, shown as the text that was typed where it is not plain Markdown.
        expect(find_message(page, "<img src=x onerror=alert('img')>")).to_have_count(1)
        expect(find_message(page, "<script>alert('script')</script>")).to_have_count(1)
        expect(find_message(page, "javascript:alert('bare')")).to_have_count(1)
        expect(find_message(page, "hover me")).to_have_count(1)
        body = page.locator(".message-list")
        expect(body.locator("img, script, iframe, object, embed")).to_have_count(0)
        expect(body.locator("[onerror], [onmouseover], [onclick]")).to_have_count(0)
        expect(body.locator("a[href^='javascript' i], a[href^='data' i]")).to_have_count(0)
        # The refused links are their words, not links.
        expect(find_message(page, "click me").get_by_role("link")).to_have_count(0)
        expect(find_message(page, "data link").get_by_role("link")).to_have_count(0)
    find_message(bob.page, "click me").get_by_text("click me").tap()
    find_message(alice.page, "hover me").get_by_text("hover me").hover()
    find_message(alice.page, "html link").get_by_text("html link").click()
    # A round trip after the clicks: had anything fired, it would have done so by now.
    send(bob.page, "all quiet")
    expect(find_message(alice.page, "all quiet")).to_have_count(1)
    assert seen_by_alice == [] and seen_by_bob == []


def test_up_arrow_edits_the_raw_markdown_and_the_edit_time_shows_on_tap(
    chat_pair: tuple[Person, Person],
) -> None:
    alice, bob = chat_pair
    send(alice.page, "first, **strong** words")
    send(alice.page, "second, **strong** words")
    expect(find_message(bob.page, "second, strong words").locator("strong")).to_have_text("strong")
    expect(alice.page.get_by_test_id("pending-message")).to_have_count(0)

    box = composer(alice.page)
    box.press("ArrowUp")
    editor = alice.page.get_by_label("Edit message")
    # The edit shows what was typed, Markdown and all, for the last of my messages.
    expect(editor).to_have_value("second, **strong** words")
    expect(editor).to_be_focused()
    editor.press("Escape")
    expect(editor).to_have_count(0)
    expect(box).to_be_focused()

    box.press("ArrowUp")
    expect(editor).to_have_value("second, **strong** words")
    editor.fill("second, ~~struck~~ words")
    editor.press("Enter")
    expect(editor).to_have_count(0)
    edited = find_message(bob.page, "second, struck words")
    expect(edited.locator("del")).to_have_text("struck")
    mark = edited.get_by_role("button", name="(edited)")
    expect(mark).to_have_attribute("title", re.compile(r"^Edited "))
    mark.tap()
    expect(bob.page.get_by_role("dialog")).to_contain_text("Edited ")
    expect(find_message(bob.page, "first, strong words").locator("strong")).to_have_text("strong")


def test_today_separator_with_the_full_date_on_tap(chat_pair: tuple[Person, Person]) -> None:
    alice, bob = chat_pair
    send(alice.page, "a message for today")
    for page in (alice.page, bob.page):
        expect(find_message(page, "a message for today")).to_have_count(1)
        expect(page.get_by_test_id("day-separator")).to_have_text(["Today"])
    today = bob.page.get_by_test_id("day-separator").get_by_role("button", name="Today")
    expect(today).to_have_attribute("title", re.compile(r"\d{4}"))
    today.tap()
    expect(bob.page.get_by_role("dialog")).to_contain_text(re.compile(r"\d{4}"))


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_draft_survives_switching_rooms_and_a_reload_and_goes_on_sign_out(
    device: str,
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
    base_url: str,
) -> None:
    account = make_account(display_name="Drafty")
    first, second = create_room(api, account), create_room(api, account)
    options = phone_device(playwright) if device == "phone" else DESKTOP
    context = new_context(**options)
    page = open_room(context, account, first)

    def go_to(room_id: int) -> None:
        if device == "phone":
            page.get_by_role("button", name="Open navigation").tap()
        page.locator(f'nav a[href="/rooms/{room_id}"]').click()
        expect(page).to_have_url(re.compile(rf"/rooms/{room_id}$"))

    composer(page).fill("half a thought, **unsent**")
    go_to(second)
    expect(composer(page)).to_have_value("")
    composer(page).fill("another room's words")
    go_to(first)
    expect(composer(page)).to_have_value("half a thought, **unsent**")
    page.reload()
    expect(composer(page)).to_have_value("half a thought, **unsent**")

    # Sent: the draft is gone, here and after a reload.
    composer(page).press("Enter")
    expect(find_message(page, "half a thought, unsent")).to_have_count(1)
    expect(composer(page)).to_have_value("")
    page.reload()
    expect(find_message(page, "half a thought, unsent")).to_have_count(1)
    expect(composer(page)).to_have_value("")

    # The other room's draft is still there, until I sign out.
    go_to(second)
    expect(composer(page)).to_have_value("another room's words")
    log_out(page, base_url)
    page = open_room(context, account, second)
    expect(composer(page)).to_have_value("")
