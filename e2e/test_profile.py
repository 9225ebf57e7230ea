"""Profiles: a new display name and avatar reach the other person in the room live,
beside messages and in the members list, from a desktop and from a phone."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import httpx
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from conftest import Account, NewContext
from journeys import log_in
from rooms import Person, auth_headers, find_message, send


def _portrait_png(color: str) -> bytes:
    # Not square: the server crops it to one.
    buffer = io.BytesIO()
    Image.new("RGB", (300, 480), color).save(buffer, format="PNG")
    return buffer.getvalue()


def _group(page: Page, name: str) -> Locator:
    """The message group headed by `name` (its section is labelled with the name)."""
    return page.get_by_role("region", name=name, exact=True)


def _edit_profile(page: Page, current_name: str, new_name: str, color: str) -> None:
    page.get_by_role("button", name=f"Account menu for {current_name}").click()
    page.get_by_role("menuitem", name="Profile").click()
    dialog = page.get_by_role("dialog", name="Profile")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Choose picture").set_input_files(
        files=[{"name": "me.png", "mimeType": "image/png", "buffer": _portrait_png(color)}]
    )
    # The preview shows before anything is saved.
    expect(dialog.locator("[data-avatar=image]")).to_be_visible()
    expect(dialog.get_by_text("Preview: saved when you press Save.")).to_be_visible()
    name = dialog.get_by_label("Display name")
    name.fill("")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog.get_by_text("Enter a display name")).to_be_visible()
    name.fill(new_name)
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name=f"Account menu for {new_name}")).to_be_visible()
    expect(
        page.get_by_role("button", name=f"Account menu for {new_name}").locator(
            "[data-avatar=image]"
        )
    ).to_be_visible()


def _expect_live(viewer: Page, old_name: str, new_name: str) -> None:
    group = _group(viewer, new_name)
    expect(group).to_be_visible()
    expect(group.locator("[data-avatar=image] img")).to_have_attribute("src", re.compile(r"^blob:"))
    expect(_group(viewer, old_name)).to_have_count(0)


def test_name_and_avatar_changes_reach_the_other_person_live(
    chat_pair: tuple[Person, Person],
) -> None:
    alice, bob = chat_pair  # alice on a desktop, bob on a phone
    send(alice.page, "hello from alice")
    send(bob.page, "hello from bob")
    expect(find_message(bob.page, "hello from alice")).to_be_visible()
    expect(find_message(alice.page, "hello from bob")).to_be_visible()
    # Initials before anyone has a picture.
    expect(_group(bob.page, "Alice").locator("[data-avatar=initials]")).to_be_visible()

    # Desktop: alice renames herself and picks a picture; bob's phone shows both, no reload.
    _edit_profile(alice.page, "Alice", "Alice Liddell", "teal")
    _expect_live(bob.page, "Alice", "Alice Liddell")

    # Phone: bob does the same; alice sees it beside his message and in the members list.
    _edit_profile(bob.page, "Bob", "Bob Ross", "orange")
    _expect_live(alice.page, "Bob", "Bob Ross")
    alice.page.get_by_role("button", name=re.compile(r"^Show members")).click()
    drawer = alice.page.get_by_role("dialog", name="Members")
    bob_row = drawer.get_by_role("listitem").filter(has_text="Bob Ross")
    expect(bob_row.locator("[data-avatar=image] img")).to_have_attribute(
        "src", re.compile(r"^blob:")
    )

    # Removing the picture goes back to initials, live too.
    bob.page.get_by_role("button", name="Account menu for Bob Ross").click()
    bob.page.get_by_role("menuitem", name="Profile").click()
    dialog = bob.page.get_by_role("dialog", name="Profile")
    dialog.get_by_role("button", name="Remove picture").click()
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(bob_row.locator("[data-avatar=initials]")).to_be_visible()


def test_the_profile_dialog_fits_a_360_px_phone(
    new_context: NewContext, make_account: Callable[..., Account]
) -> None:
    account = make_account(display_name="Narrow")
    page = new_context(viewport={"width": 360, "height": 740}, has_touch=True).new_page()
    page.goto("/")
    log_in(page, username=account.username, password=account.password)
    page.get_by_role("button", name="Account menu for Narrow").click()
    page.get_by_role("menuitem", name="Profile").click()
    dialog = page.get_by_role("dialog", name="Profile")
    expect(dialog).to_be_visible()
    # The dialog grows in (a transition): wait for it to settle inside the screen.
    page.wait_for_function(
        """() => {
            const box = document.querySelector('[role="dialog"]')?.getBoundingClientRect();
            return box !== undefined && box.width > 200 && box.left >= 0 && box.right <= 360
                && getComputedStyle(document.querySelector('[role="dialog"]')).opacity === '1';
        }"""
    )
    for name in ("Choose picture", "Save", "Cancel"):
        button = dialog.get_by_role("button", name=name)
        expect(button).to_be_visible()
        size = button.bounding_box()
        assert size is not None and size["height"] >= 44, (name, size)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_faces_show_in_the_directory_and_the_admin_users_list(
    new_context: NewContext,
    api: httpx.Client,
    make_account: Callable[..., Account],
    site_admin: Account,
) -> None:
    pictured = make_account(display_name="Pictured Person")
    plain = make_account(display_name="Plain Person")
    uploaded = api.put(
        "/api/users/me/avatar",
        files={"file": ("me.png", _portrait_png("purple"), "image/png")},
        headers=auth_headers(api, pictured),
    )
    assert uploaded.status_code == 200, uploaded.text

    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto("/admin")
    log_in(page, username=site_admin.username, password=site_admin.password)
    for account, kind in ((pictured, "image"), (plain, "initials")):
        page.get_by_label("Search users").fill(account.username)
        card = page.locator(f'[data-testid="admin-user"][data-username="{account.username}"]')
        expect(card.locator(f"[data-avatar={kind}]")).to_be_visible()

    page.goto("/people")
    page.get_by_role("searchbox", name="Search people").fill(pictured.username)
    row = page.locator(f'[data-testid="person-row"][data-username="{pictured.username}"]')
    expect(row.locator("[data-avatar=image] img")).to_have_attribute("src", re.compile(r"^blob:"))
