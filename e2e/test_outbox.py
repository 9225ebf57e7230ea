"""Messages written offline outlive the tab (the outbox in IndexedDB), and go on sign-out.

A closed page's unsent messages are sent, once each and in order, when Parley opens again
in the same browser, with the files they were waiting for; closing with unsent ones makes
the browser ask first; signing out throws them away so that whoever signs in next sends
nothing of them.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import httpx
from PIL import Image
from playwright.sync_api import Dialog, Page, expect

from conftest import Account
from journeys import log_in, log_out
from rooms import Person, find_message, join_room, send


def _write_offline(page: Page, texts: list[str]) -> None:
    page.context.set_offline(True)
    expect(page.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    for text in texts:
        send(page, text)
    expect(page.get_by_test_id("pending-message")).to_have_count(len(texts))


def test_messages_written_offline_are_sent_after_the_tab_was_closed(
    chat_pair: tuple[Person, Person],
) -> None:
    alice, bob = chat_pair
    texts = ["written in the tunnel 1", "written in the tunnel 2"]
    _write_offline(alice.page, texts)
    room_url = alice.page.url
    alice.page.close(run_before_unload=False)

    alice.context.set_offline(False)
    reopened = alice.context.new_page()
    reopened.goto(room_url)
    delivered = find_message(reopened, "written in the tunnel")
    expect(delivered).to_have_count(2)
    expect(delivered.locator(".message-body")).to_have_text(texts)
    expect(reopened.get_by_test_id("pending-message")).to_have_count(0)

    # Bob sees each exactly once, in order, and still once after a reload of the history.
    on_phone = find_message(bob.page, "written in the tunnel")
    expect(on_phone).to_have_count(2)
    expect(on_phone.locator(".message-body")).to_have_text(texts)
    bob.page.reload()
    expect(on_phone).to_have_count(2)
    expect(on_phone.locator(".message-body")).to_have_text(texts)


def test_closing_with_an_unsent_message_asks_first(chat_pair: tuple[Person, Person]) -> None:
    alice, _bob = chat_pair
    _write_offline(alice.page, ["not out yet"])
    dialogs: list[str] = []

    def answer(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    alice.page.on("dialog", answer)
    alice.page.close(run_before_unload=True)
    expect(alice.page.get_by_test_id("pending-message")).to_have_count(1)
    assert dialogs == ["beforeunload"]

    # Once everything is sent there is nothing to ask about: the page just closes.
    alice.context.set_offline(False)
    expect(alice.page.get_by_test_id("pending-message")).to_have_count(0)
    expect(find_message(alice.page, "not out yet")).to_have_count(1)
    with alice.page.expect_event("close"):
        alice.page.close(run_before_unload=True)
    assert dialogs == ["beforeunload"]


_STORED_SENDS = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('parley-outbox');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction('sends').objectStore('sends').count();
    request.onsuccess = () => resolve(request.result);
  };
})"""


def test_signing_out_drops_unsent_messages(
    chat_pair: tuple[Person, Person],
    make_account: Callable[..., Account],
    api: httpx.Client,
    base_url: str,
) -> None:
    alice, bob = chat_pair
    _write_offline(alice.page, ["alice wrote this offline"])
    room_url = alice.page.url
    assert alice.page.evaluate(_STORED_SENDS) == 1
    log_out(alice.page, base_url)
    # Gone from the browser, not only from carol's view: alice signing in again sends nothing.
    alice.page.wait_for_function(f"async () => (await ({_STORED_SENDS})()) === 0")

    carol = make_account(display_name="Carol")
    join_room(api, carol, int(room_url.rsplit("/", 1)[1]))
    alice.context.set_offline(False)
    # On the sign-in page this tab is showing now: nothing of alice's may go out as carol.
    log_in(alice.page, username=carol.username, password=carol.password)
    expect(alice.page.get_by_role("banner")).to_contain_text("Carol")
    alice.page.goto(room_url)
    expect(alice.page.get_by_label("Message", exact=True)).to_be_visible()
    # Carol's own first message goes after anything a restored outbox would send first.
    send(alice.page, "carol is here")
    expect(find_message(bob.page, "carol is here")).to_have_count(1)
    expect(alice.page.get_by_test_id("pending-message")).to_have_count(0)
    for page in (bob.page, alice.page):
        expect(find_message(page, "alice wrote this offline")).to_have_count(0)


# The stored sends' files that kept their bytes (a Blob, not only a name).
_STORED_FILE_BYTES = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('parley-outbox');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const request = open.result.transaction('sends').objectStore('sends').getAll();
    request.onsuccess = () => resolve(
      request.result.flatMap((send) => send.files ?? []).map((file) => file.blob?.size ?? 0)
    );
  };
})"""


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(out, format="PNG")
    return out.getvalue()


def test_a_message_waiting_for_its_image_is_sent_with_it_after_the_tab_was_closed(
    chat_pair: tuple[Person, Person],
) -> None:
    alice, bob = chat_pair
    image = _png()
    alice.page.context.set_offline(True)
    expect(alice.page.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    alice.page.get_by_test_id("attach-input").set_input_files(
        files=[{"name": "tunnel.png", "mimeType": "image/png", "buffer": image}]
    )
    expect(alice.page.get_by_test_id("attachment-chip")).to_have_attribute("data-phase", "failed")
    send(alice.page, "the view from the tunnel")
    expect(alice.page.get_by_test_id("held-notice")).to_be_visible()
    # Stored with the image's bytes before the tab goes.
    alice.page.wait_for_function(
        f"async () => JSON.stringify(await ({_STORED_FILE_BYTES})()) === '[{len(image)}]'"
    )
    room_url = alice.page.url
    alice.page.close(run_before_unload=False)

    alice.context.set_offline(False)
    reopened = alice.context.new_page()
    reopened.goto(room_url)
    for page in (reopened, bob.page):
        message = find_message(page, "the view from the tunnel")
        expect(message).to_have_count(1)
        expect(message.get_by_test_id("attachment-thumbnail")).to_be_visible(timeout=30_000)
    expect(reopened.get_by_test_id("pending-message")).to_have_count(0)
    reopened.wait_for_function(f"async () => (await ({_STORED_SENDS})()) === 0")
    # Once, with its one image, in the history too.
    bob.page.reload()
    message = find_message(bob.page, "the view from the tunnel")
    expect(message).to_have_count(1)
    expect(message.get_by_test_id("attachment-thumbnail")).to_have_count(1)
