"""File and image uploads in chat: attach, progress, send, thumbnail for the other person, lightbox.

Users and rooms are made over the REST API; the upload itself goes through the UI.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable

import httpx
from PIL import Image
from playwright.sync_api import Page, Playwright, expect

from conftest import Account, NewContext, phone_device
from rooms import assert_touchable, create_room, find_message, join_room, open_room

# Uploads are processed (decoded, stripped, thumbnailed) in the background.
PROCESSED_TIMEOUT_MS = 30_000
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def _noise_png(width: int = 800, height: int = 600) -> bytes:
    """Random pixels barely compress: a ~1.4 MB file, so throttled progress is visible."""
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _attach(page: Page, name: str, mime: str, data: bytes) -> None:
    page.get_by_test_id("attach-input").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )


def _slow_uploads(page: Page) -> Callable[[], None]:
    """Throttles the page's upstream so the progress bar is on screen long enough to see."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 400 * 1024},
    )

    def restore() -> None:
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )

    return restore


def _pair(
    api: httpx.Client,
    make_account: Callable[..., Account],
    new_context: NewContext,
    alice_options: dict[str, object],
) -> tuple[Page, Page]:
    alice = make_account(display_name="Alice")
    bob = make_account(display_name="Bob")
    room_id = create_room(api, alice)
    join_room(api, bob, room_id)
    alice_page = open_room(new_context(**alice_options), alice, room_id)
    bob_page = open_room(new_context(**DESKTOP), bob, room_id)
    return alice_page, bob_page


def _upload_and_send(alice: Page, text: str, *, watch_progress: bool) -> None:
    restore = _slow_uploads(alice) if watch_progress else None
    _attach(alice, "cat.png", "image/png", _noise_png())
    chip = alice.get_by_test_id("attachment-chip")
    expect(chip).to_have_count(1)
    expect(chip.locator("img")).to_be_visible()  # the local preview
    composer = alice.get_by_label("Message", exact=True)
    if restore is not None:
        progress = chip.get_by_role("progressbar")
        expect(progress).to_be_visible()
        expect(progress).to_have_attribute("aria-valuenow", re.compile(r"^\d+$"))
        # Sent while the file is still uploading: the text waits for it, out of the box.
        composer.fill(text)
        composer.press("Enter")
        expect(composer).to_have_value("")
        expect(alice.get_by_test_id("held-notice")).to_contain_text(
            "Your message will be sent when the upload finishes"
        )
        expect(find_message(alice, text)).to_have_count(0)
        restore()
        expect(alice.get_by_test_id("held-notice")).to_have_count(0, timeout=20_000)
    else:
        expect(chip).to_have_attribute("data-phase", re.compile("processing|ready"), timeout=20_000)
        composer.fill(text)
        composer.press("Enter")
    expect(chip).to_have_count(0)


def _expect_thumbnail_and_lightbox(viewer: Page, text: str) -> None:
    message = find_message(viewer, text)
    expect(message).to_have_count(1)
    thumbnail = message.get_by_test_id("attachment-thumbnail")
    expect(thumbnail).to_be_visible(timeout=PROCESSED_TIMEOUT_MS)
    viewer.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    # The box was sized from the image's 4:3 before any pixel arrived.
    box = message.get_by_test_id("attachment-image").bounding_box()
    assert box is not None
    assert abs(box["width"] / box["height"] - 4 / 3) < 0.1, box

    message.get_by_role("button", name="Open image cat.png").click()
    dialog = viewer.get_by_role("dialog")
    full = dialog.get_by_test_id("lightbox-image")
    expect(full).to_be_visible()
    viewer.wait_for_function("img => img.naturalWidth === 800", arg=full.element_handle())
    viewport = viewer.viewport_size
    assert viewport is not None
    shown = full.bounding_box()
    assert shown is not None
    assert shown["x"] >= 0
    assert shown["x"] + shown["width"] <= viewport["width"] + 1, shown
    assert shown["y"] + shown["height"] <= viewport["height"] + 1, shown
    expect(dialog.get_by_role("button", name="Download")).to_be_visible()
    viewer.keyboard.press("Escape")
    expect(viewer.get_by_role("dialog")).to_have_count(0)


def test_desktop_image_upload_reaches_the_other_person(
    api: httpx.Client, make_account: Callable[..., Account], new_context: NewContext
) -> None:
    alice, bob = _pair(api, make_account, new_context, DESKTOP)
    _upload_and_send(alice, "look at this cat", watch_progress=True)
    _expect_thumbnail_and_lightbox(bob, "look at this cat")
    # The sender's own message went from processing to ready live, too.
    expect(
        find_message(alice, "look at this cat").get_by_test_id("attachment-thumbnail")
    ).to_be_visible(timeout=PROCESSED_TIMEOUT_MS)


def test_phone_image_upload(
    api: httpx.Client,
    make_account: Callable[..., Account],
    new_context: NewContext,
    playwright: Playwright,
) -> None:
    device = phone_device(playwright)
    alice, bob = _pair(api, make_account, new_context, device)
    assert_touchable(alice.get_by_role("button", name="Attach files"))
    _upload_and_send(alice, "from my phone", watch_progress=False)
    _expect_thumbnail_and_lightbox(bob, "from my phone")
    # And on the phone itself: the lightbox fits the small screen.
    _expect_thumbnail_and_lightbox(alice, "from my phone")


def test_disallowed_and_oversize_files_are_refused_at_once(
    api: httpx.Client, make_account: Callable[..., Account], new_context: NewContext
) -> None:
    alice, _bob = _pair(api, make_account, new_context, DESKTOP)
    posted: list[str] = []
    alice.on(
        "request",
        lambda request: (
            posted.append(request.url)
            if request.method == "POST" and "/uploads" in request.url
            else None
        ),
    )

    _attach(alice, "setup.exe", "application/x-msdownload", b"MZ\x90\x00" + b"\x00" * 512)
    chip = alice.get_by_test_id("attachment-chip")
    expect(chip).to_contain_text("setup.exe is not a supported type")
    expect(chip).to_have_attribute("data-phase", "failed")
    expect(chip.get_by_role("button", name="Retry")).to_have_count(0)

    # One byte over the server's 25 MB limit (GET /api/config).
    limit = int(api.get("/api/config").json()["max_upload_bytes"])
    _attach(alice, "big.pdf", "application/pdf", b"%PDF-1.4\n" + b"\x00" * (limit - 8))
    expect(alice.get_by_test_id("attachment-chip").filter(has_text="big.pdf")).to_contain_text(
        "big.pdf is larger than 25 MB"
    )
    # Nothing to send: a refused file is never attached.
    expect(alice.get_by_role("button", name="Send")).to_be_disabled()
    assert posted == []

    chip.get_by_role("button", name="Remove setup.exe").click()
    expect(alice.get_by_test_id("attachment-chip")).to_have_count(1)


def test_drop_and_paste_then_download_a_file(
    api: httpx.Client, make_account: Callable[..., Account], new_context: NewContext
) -> None:
    alice, bob = _pair(api, make_account, new_context, DESKTOP)
    # Drop a text file on the message list (the whole chat area takes drops).
    alice.evaluate(
        """() => {
            const dt = new DataTransfer();
            const text = new File(['minutes of the meeting\\n'], 'notes.txt');
            dt.items.add(text);
            const target = document.querySelector('.chat-view');
            const init = { dataTransfer: dt, bubbles: true, cancelable: true };
            for (const type of ['dragenter', 'dragover', 'drop']) {
                target.dispatchEvent(new DragEvent(type, init));
            }
        }"""
    )
    # Paste an image into the message box.
    png = list(_noise_png(64, 48))
    alice.get_by_label("Message", exact=True).evaluate(
        """(box, bytes) => {
            const dt = new DataTransfer();
            dt.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
            const init = { clipboardData: dt, bubbles: true, cancelable: true };
            box.dispatchEvent(new ClipboardEvent('paste', init));
        }""",
        png,
    )
    chips = alice.get_by_test_id("attachment-chip")
    expect(chips).to_have_count(2)
    for index in range(2):
        expect(chips.nth(index)).to_have_attribute(
            "data-phase", re.compile("processing|ready"), timeout=20_000
        )
    alice.get_by_role("button", name="Send").click()

    message = bob.get_by_test_id("message").filter(has=bob.get_by_test_id("attachment-file"))
    card = message.get_by_test_id("attachment-file")
    expect(card).to_contain_text("notes.txt")
    expect(message.get_by_test_id("attachment-image")).to_have_count(1)
    with bob.expect_download() as download_info:
        card.get_by_role("button", name="Download notes.txt").click()
    download = download_info.value
    assert download.suggested_filename == "notes.txt"
    path = download.path()
    assert path is not None
    assert path.read_bytes() == b"minutes of the meeting\n"
