"""A phone shows a dense conversation and acts on a message by a long press: at least 16
one-line messages fit on a Pixel 7 (there were about 10, with 48 px rows, an 85 px
gutter and a ⋯ on every line), and the long press offers reactions, copy and the
message's actions."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from rooms import Person, find_message, long_press
from wire import post_messages


def test_sixteen_lines_fit_and_a_long_press_acts(
    chat_pair: tuple[Person, Person], api: httpx.Client
) -> None:
    alice, bob = chat_pair
    room_id = int(re.findall(r"/rooms/(\d+)", bob.page.url)[0])
    # Two people taking turns, a few lines each: group headers cost room too.
    for turn in range(6):
        author = alice if turn % 2 == 0 else bob
        post_messages(api, author.account, room_id, [f"turn {turn} line {n}" for n in range(5)])
    last = find_message(bob.page, "turn 5 line 4")
    expect(last).to_be_visible()

    # No ⋯ or emoji button takes a line's room on a phone.
    for name in ("Message actions", "Add reaction"):
        box = last.get_by_role("button", name=name).bounding_box()
        assert box is not None and box["width"] <= 2 and box["height"] <= 2, (name, box)
    visible = bob.page.evaluate(
        """() => {
            const list = document.querySelector('.message-list').getBoundingClientRect();
            return [...document.querySelectorAll('[data-testid="message"]')].filter((row) => {
                const box = row.getBoundingClientRect();
                return box.top >= list.top - 1 && box.bottom <= list.bottom + 1;
            }).length;
        }"""
    )
    assert visible >= 16, f"only {visible} one-line messages fit on a Pixel 7"

    # Bob's own line: react, then edit, from the sheet.
    mine = find_message(bob.page, "turn 5 line 4")
    sheet = long_press(mine)
    expect(sheet.get_by_role("button", name="Copy text")).to_be_visible()
    sheet.get_by_role("button", name="React with 🎉").tap()
    expect(sheet).to_have_count(0)
    chip = find_message(alice.page, "turn 5 line 4").get_by_test_id("reaction")
    expect(chip).to_have_attribute("aria-label", "🎉: 1 reaction")

    sheet = long_press(mine)
    sheet.get_by_role("button", name="Edit").tap()
    editor = bob.page.get_by_label("Edit message")
    editor.fill("turn 5 line 4, edited")
    editor.press("Enter")
    expect(find_message(alice.page, "turn 5 line 4, edited")).to_have_count(1)

    # Alice's line offers Report and no Edit or Delete.
    theirs = find_message(bob.page, "turn 4 line 0")
    theirs.scroll_into_view_if_needed()
    sheet = long_press(theirs)
    expect(sheet.get_by_role("button", name="Report")).to_be_visible()
    expect(sheet.get_by_role("button", name="Edit")).to_have_count(0)
    expect(sheet.get_by_role("button", name="Delete")).to_have_count(0)
