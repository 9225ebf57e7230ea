"""The step-8 journey in one conversation: two people start a DM (desktop and phone),
mention each other, reply, react, send a code block and a link, and see all of it live
and again after a reload."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from rooms import Person, find_message, long_press, send


def _mention(page: Page, username: str, then: str) -> None:
    composer = page.get_by_label("Message", exact=True)
    composer.press_sequentially(f"@{username[:4]}", delay=20)
    page.get_by_role("listbox", name="People to mention").get_by_role("option").first.click()
    composer.press_sequentially(then, delay=5)
    composer.press("Enter")


def _expect_all_of_it(page: Page) -> None:
    """What both people must see, live and after a reload."""
    asked = find_message(page, "can you check").filter(has_not=page.get_by_test_id("message-quote"))
    expect(asked.locator(".mention")).to_have_text("@Bob")
    answer = find_message(page, "on it")
    expect(answer.locator(".mention")).to_have_text("@Alice")
    expect(answer.get_by_test_id("message-quote")).to_contain_text("can you check")
    chip: Locator = asked.get_by_test_id("reaction").filter(has_text="👍")
    expect(chip).to_have_attribute("aria-label", "👍: 1 reaction")
    code = find_message(page, "print").locator("pre code")
    expect(code).to_contain_text('print("hi")')
    link = find_message(page, "docs at").get_by_role("link", name="https://example.com/guide")
    expect(link).to_have_attribute("rel", "noopener noreferrer")


def test_a_dm_with_mentions_replies_reactions_code_and_links(
    chat_pair: tuple[Person, Person],
) -> None:
    alice, bob = chat_pair
    # Alice starts the DM from Bob's name in the room's member list.
    alice.page.get_by_role("button", name=re.compile(r"^Show members")).click()
    alice.page.get_by_role("dialog", name="Members").get_by_role(
        "button", name="Bob", exact=True
    ).click()
    alice.page.get_by_role("dialog", name="Profile of Bob").get_by_role(
        "button", name="Message"
    ).click()
    expect(alice.page.get_by_role("heading", level=1)).to_have_text("Bob")
    _mention(alice.page, bob.account.username, "can you check the build?")

    # Bob's phone: the DM appears in his sidebar with the mention, live.
    bob.page.get_by_role("button", name="Open navigation").tap()
    link = bob.page.get_by_role("navigation").get_by_test_id("direct-link").filter(has_text="Alice")
    expect(link).to_have_attribute("aria-label", re.compile("1 mention"))
    link.tap()
    asked = find_message(bob.page, "can you check")
    expect(asked).to_have_class(re.compile("message--mention"))

    # He reacts and replies from the long-press sheet, naming her back.
    long_press(asked).get_by_role("button", name="React with 👍").tap()
    long_press(asked).get_by_role("button", name="Reply").tap()
    expect(bob.page.get_by_test_id("reply-bar")).to_contain_text("Replying to Alice")
    _mention(bob.page, alice.account.username, "on it")

    # Alice sends a code block and a link.
    composer = alice.page.get_by_label("Message", exact=True)
    composer.fill('```python\nprint("hi")\n```')
    composer.press("Enter")
    send(alice.page, "docs at https://example.com/guide")

    for person in (alice, bob):
        _expect_all_of_it(person.page)
    for person in (alice, bob):
        person.page.reload()
        _expect_all_of_it(person.page)
