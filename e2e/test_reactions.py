"""Emoji reactions between a desktop and a phone: quick picks, the searchable picker,
toggling, who reacted, and a reaction made while the phone was offline."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from rooms import Person, find_message, long_press, send


def _chip(message: Locator, emoji: str) -> Locator:
    return message.get_by_test_id("reaction").filter(has_text=emoji)


def _open_picker(message: Locator) -> None:
    # The row's button (the reaction bar has its own once there are reactions).
    message.get_by_role("button", name="Add reaction").last.click()


def test_reactions_live_both_ways_with_picker_and_resume(
    chat_pair: tuple[Person, Person],
) -> None:
    alice, bob = chat_pair
    send(alice.page, "Lunch at noon?")
    on_phone = find_message(bob.page, "Lunch at noon?")
    on_desktop = find_message(alice.page, "Lunch at noon?")
    expect(on_phone).to_have_count(1)

    # A phone reacts from the long-press sheet.
    long_press(on_phone).get_by_role("button", name="React with 👍").tap()
    expect(_chip(on_desktop, "👍")).to_have_attribute("aria-label", "👍: 1 reaction")
    expect(_chip(on_desktop, "👍")).to_have_attribute("aria-pressed", "false")
    expect(_chip(on_phone, "👍")).to_have_attribute("aria-pressed", "true")

    # Alice agrees by tapping the chip; who reacted shows on hover.
    _chip(on_desktop, "👍").click()
    expect(_chip(on_phone, "👍")).to_have_attribute("aria-label", "👍: 2 reactions")
    expect(_chip(on_desktop, "👍")).to_have_attribute("aria-pressed", "true")
    _chip(on_desktop, "👍").hover()
    expect(alice.page.get_by_role("tooltip")).to_have_text("Bob, You")

    # The full picker, searched by name.
    _open_picker(on_desktop)
    alice.page.get_by_placeholder("Search emoji").fill("tada")
    # The picker's emoji buttons carry their code point.
    alice.page.locator("button[data-unified='1f389']").click()
    expect(_chip(on_phone, "🎉")).to_have_attribute("aria-label", "🎉: 1 reaction")

    # While the phone is offline, Alice takes her 👍 back: the phone learns it on resume.
    bob.context.set_offline(True)
    expect(bob.page.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    _chip(on_desktop, "👍").click()
    expect(_chip(on_desktop, "👍")).to_have_attribute("aria-label", "👍: 1 reaction")
    bob.context.set_offline(False)
    expect(_chip(on_phone, "👍")).to_have_attribute("aria-label", "👍: 1 reaction")
    expect(_chip(on_phone, "🎉")).to_have_count(1)

    # Bob takes his back too: the chip goes for everyone.
    _chip(on_phone, "👍").tap()
    expect(_chip(on_desktop, "👍")).to_have_count(0)
    expect(_chip(on_phone, "👍")).to_have_count(0)
