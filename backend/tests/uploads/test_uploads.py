"""Uploads over real HTTP: streaming limits, type detection, processing, serving."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from parley.settings import Settings
from tests import images
from tests.conftest import RunningServer, make_settings
from tests.factories import bearer, signup_and_login
from tests.images import GPS_IFD, phone_jpeg, png
from tests.wsclient import WsClient, create_room, join_room, user_socket


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path, max_upload_mb=1, upload_max_pixels=1_000_000)


async def upload(
    client: httpx.AsyncClient, token: str, room_id: int, name: str, content: bytes
) -> httpx.Response:
    return await client.post(
        f"/api/rooms/{room_id}/uploads",
        files={"file": (name, content, "application/octet-stream")},
        headers=bearer(token),
    )


async def settled(client: httpx.AsyncClient, token: str, upload_id: str) -> dict[str, Any]:
    for _ in range(200):
        body: dict[str, Any] = (
            await client.get(f"/api/uploads/{upload_id}", headers=bearer(token))
        ).json()
        if body["status"] in ("ready", "failed"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError("upload never settled")


def stored_files(server: RunningServer) -> list[Path]:
    root = server.settings.uploads_dir
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def _room(client: httpx.AsyncClient) -> tuple[str, int]:
    _, token = await signup_and_login(client)
    room = await create_room(client, token, name="Files")
    return token, int(room["id"])


async def test_an_image_is_accepted_processed_and_served(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    response = await upload(client, token, room_id, "red.png", png(640, 480))
    assert response.status_code == 202
    accepted = response.json()
    assert (accepted["status"], accepted["mime"], accepted["name"]) == (
        "pending",
        "image/png",
        "red.png",
    )
    ready = await settled(client, token, accepted["id"])
    assert (ready["status"], ready["width"], ready["height"]) == ("ready", 640, 480)

    thumb = await client.get(f"/api/uploads/{accepted['id']}/thumbnail", headers=bearer(token))
    assert thumb.headers["content-type"] == "image/webp"
    assert max(Image.open(io.BytesIO(thumb.content)).size) <= 320
    content = await client.get(f"/api/uploads/{accepted['id']}/content", headers=bearer(token))
    assert content.headers["content-type"] == "image/png"
    assert content.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in content.headers["content-security-policy"]
    assert content.headers["content-disposition"].startswith("inline")


async def test_phone_photos_stand_up_and_lose_their_gps(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    accepted = (await upload(client, token, room_id, "IMG_0001.JPG", phone_jpeg())).json()
    ready = await settled(client, token, accepted["id"])
    assert (ready["width"], ready["height"]) == (100, 200)  # rotated upright
    served = await client.get(f"/api/uploads/{accepted['id']}/content", headers=bearer(token))
    image = Image.open(io.BytesIO(served.content))
    assert image.size == (100, 200)
    exif = image.getexif()
    assert not exif.get_ifd(GPS_IFD) and 0x0112 not in exif


@pytest.mark.parametrize(
    ("name", "make", "mime"),
    [
        ("party.gif", "animated_gif_with_comment", "image/gif"),
        ("party.webp", "animated_webp_with_metadata", "image/webp"),
        ("note.jpg", "jpeg_with_comment", "image/jpeg"),
    ],
)
async def test_served_images_carry_no_metadata_animated_or_not(
    client: httpx.AsyncClient, server: RunningServer, name: str, make: str, mime: str
) -> None:
    original = getattr(images, make)()
    token, room_id = await _room(client)
    accepted = (await upload(client, token, room_id, name, original)).json()
    ready = await settled(client, token, accepted["id"])
    assert ready["status"] == "ready", ready
    served = await client.get(f"/api/uploads/{accepted['id']}/content", headers=bearer(token))
    assert served.content != original
    assert b"48.85N" not in served.content and b"home address" not in served.content
    assert b"secret-location" not in served.content
    with Image.open(io.BytesIO(served.content)) as image:
        assert Image.MIME[image.format or ""] == mime
        assert not image.getexif().get_ifd(GPS_IFD)
        assert not {"comment", "exif", "xmp"} & set(image.info)
        with Image.open(io.BytesIO(original)) as source:
            # Animations keep their frames and timing.
            assert getattr(image, "n_frames", 1) == getattr(source, "n_frames", 1)
            assert image.info.get("duration") == source.info.get("duration")


async def test_an_animation_too_many_frames_big_is_a_bomb(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    """Re-encoding holds every frame: 1,000 frames of 40 x 30 exceed 1,000,000 pixels."""
    frames = [Image.new("RGB", (40, 30), ("red", "blue")[n % 2]) for n in range(1000)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=20)
    token, room_id = await _room(client)
    accepted = (await upload(client, token, room_id, "long.gif", buffer.getvalue())).json()
    failed = await settled(client, token, accepted["id"])
    assert failed["status"] == "failed" and "too many pixels" in failed["failure_reason"]


async def test_files_other_than_images_are_attachments(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    accepted = (await upload(client, token, room_id, "notes.txt", "안녕 hello\n".encode())).json()
    ready = await settled(client, token, accepted["id"])
    assert (ready["status"], ready["mime"], ready["has_thumbnail"]) == (
        "ready",
        "text/plain",
        False,
    )
    served = await client.get(f"/api/uploads/{accepted['id']}/content", headers=bearer(token))
    assert served.headers["content-disposition"].startswith("attachment")
    assert served.content == "안녕 hello\n".encode()
    no_thumb = await client.get(f"/api/uploads/{accepted['id']}/thumbnail", headers=bearer(token))
    assert no_thumb.status_code == 404


async def test_over_size_is_413_with_nothing_on_disk(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    big = b"a" * (2 * 1024 * 1024)
    response = await upload(client, token, room_id, "big.txt", big)
    assert response.status_code == 413
    assert stored_files(server) == []


async def test_over_size_without_content_length_is_caught_while_streaming(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    boundary = "parleyboundary"

    async def body() -> Any:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="stream.txt"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        for _ in range(40):  # 40 x 64 KiB = 2.5 MiB, sent chunked
            yield b"b" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    response = await client.post(
        f"/api/rooms/{room_id}/uploads",
        content=body(),
        headers={**bearer(token), "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 413
    assert stored_files(server) == []


async def test_deleting_a_room_deletes_its_files(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    for name in ("a.png", "b.png"):
        accepted = (await upload(client, token, room_id, name, png())).json()
        await settled(client, token, accepted["id"])
    assert stored_files(server)
    deleted = await client.delete(f"/api/rooms/{room_id}", headers=bearer(token))
    assert deleted.status_code == 204
    assert stored_files(server) == []


async def test_an_upload_abandoned_mid_stream_leaves_no_file(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    boundary = "parleyboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="gone.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    host, port = server.base_url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    request = (
        f"POST /api/rooms/{room_id}/uploads HTTP/1.1\r\nHost: {host}\r\n"
        f"Authorization: Bearer {token}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(head) + 1_000_000}\r\n\r\n"
    ).encode()
    writer.write(request + head + b"x" * 200_000)
    await writer.drain()
    # The server has started writing the file: then the client goes away.
    for _ in range(400):
        if stored_files(server):
            break
        await asyncio.sleep(0.05)
    assert stored_files(server), "the upload never started"
    writer.close()
    await writer.wait_closed()
    for _ in range(400):
        if not stored_files(server):
            break
        await asyncio.sleep(0.05)
    assert stored_files(server) == []
    del reader


async def test_a_body_cut_off_before_its_closing_boundary_stores_nothing(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    boundary = "parleyboundary"
    cut_off = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="half.png"\r\nContent-Type: image/png\r\n\r\n'
    ).encode() + png()[:200]
    response = await client.post(
        f"/api/rooms/{room_id}/uploads",
        content=cut_off,
        headers={**bearer(token), "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 422, response.text
    assert "cut off" in response.text
    assert stored_files(server) == []


@pytest.mark.parametrize(
    ("name", "content", "status"),
    [
        ("photo.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, 415),  # an executable in disguise
        ("empty.txt", b"", 422),
        ("song.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00\xff" * 100, 415),
    ],
)
async def test_spoofed_empty_and_disallowed_files_are_refused(
    client: httpx.AsyncClient, server: RunningServer, name: str, content: bytes, status: int
) -> None:
    token, room_id = await _room(client)
    response = await upload(client, token, room_id, name, content)
    assert response.status_code == status
    assert response.json()["detail"][0]["loc"] == ["body", "file"]
    assert stored_files(server) == []


async def test_path_traversal_names_are_only_metadata(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    response = await upload(client, token, room_id, "../../../etc/passwd", b"root:x:0:0\n")
    assert response.status_code == 202 and response.json()["name"] == "passwd"
    for path in stored_files(server):
        assert server.settings.uploads_dir in path.parents


async def test_malformed_requests_are_422(client: httpx.AsyncClient, server: RunningServer) -> None:
    token, room_id = await _room(client)
    no_file = await client.post(
        f"/api/rooms/{room_id}/uploads", files={"other": ("x", b"y")}, headers=bearer(token)
    )
    assert no_file.status_code == 422
    not_multipart = await client.post(
        f"/api/rooms/{room_id}/uploads", json={"file": "x"}, headers=bearer(token)
    )
    assert not_multipart.status_code == 422


@pytest.mark.parametrize(
    ("size", "reason"), [((1200, 1000), "too many pixels"), ((3000, 3000), "too many pixels")]
)
async def test_decompression_bombs_fail_with_a_reason(
    client: httpx.AsyncClient, server: RunningServer, size: tuple[int, int], reason: str
) -> None:
    token, room_id = await _room(client)
    accepted = (await upload(client, token, room_id, "bomb.png", png(*size))).json()
    failed = await settled(client, token, accepted["id"])
    assert failed["status"] == "failed" and reason in failed["failure_reason"]


async def test_corrupt_images_fail_with_a_reason(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    token, room_id = await _room(client)
    corrupt = png()[:40] + b"\x00garbage" * 20
    accepted = (await upload(client, token, room_id, "broken.png", corrupt)).json()
    failed = await settled(client, token, accepted["id"])
    assert failed["status"] == "failed" and "could not be read" in failed["failure_reason"]


async def test_files_are_read_like_the_room_they_are_shared_in(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    """An upload is its uploader's until it is attached; then whoever may read the
    room's history may open it (a public room's previewers too), nobody else."""
    token, room_id = await _room(client)
    secret = await create_room(client, token, name="Hidden files", is_private=True)
    socket = await WsClient.open(server.base_url)
    await socket.auth(token)
    ids = {}
    for name, room in (("public", room_id), ("private", int(secret["id"]))):
        accepted = (await upload(client, token, room, f"{name}.png", png())).json()
        await settled(client, token, accepted["id"])
        ids[name] = accepted["id"]
    unshared = (await upload(client, token, room_id, "mine.png", png())).json()
    await settled(client, token, unshared["id"])
    for name, room in (("public", room_id), ("private", int(secret["id"]))):
        await socket.join(room)
        await socket.send(type="send", room=room, client_id=name, body="", attachments=[ids[name]])
        await socket.recv_type("ack")
    _, outsider = await signup_and_login(client)
    assert (await upload(client, outsider, room_id, "b.png", png())).status_code == 403
    for suffix in ("", "/content", "/thumbnail"):
        for upload_id, status in (
            (ids["public"], 200),
            (ids["private"], 404),
            (unshared["id"], 404),
        ):
            response = await client.get(
                f"/api/uploads/{upload_id}{suffix}", headers=bearer(outsider)
            )
            assert response.status_code == status, (suffix, upload_id)
    unknown = await client.get("/api/uploads/" + "0" * 32, headers=bearer(token))
    assert unknown.status_code == 404
    malformed = await client.get("/api/uploads/../../etc", headers=bearer(token))
    assert malformed.status_code in (404, 422)


async def test_config_publishes_the_limits(client: httpx.AsyncClient) -> None:
    config = (await client.get("/api/config")).json()
    assert config["max_upload_bytes"] == 1024 * 1024
    assert "image/png" in config["allowed_upload_types"]
    assert config["max_message_length"] == 4000
    # PARLEY_SEND_RATE_LIMIT's default, parsed: the SPA paces its sends under it.
    assert (config["send_rate_count"], config["send_rate_period_seconds"]) == (10, 5.0)


async def test_attachments_belong_to_the_sender_and_are_used_once(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, alice_token, _ = await user_socket(client, server.base_url)
    bob, bob_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Shared")
    await join_room(client, bob_token, room["id"])
    await alice.join(room["id"])
    await bob.join(room["id"])
    mine = (await upload(client, alice_token, room["id"], "a.png", png())).json()
    await settled(client, alice_token, mine["id"])

    await bob.send(
        type="send", room=room["id"], client_id="steal", body="", attachments=[mine["id"]]
    )
    error = await bob.recv_type("error")
    assert (error["code"], error["ref"]) == ("invalid", "steal")

    await alice.send(
        type="send", room=room["id"], client_id="pic", body="", attachments=[mine["id"]]
    )
    ack = await alice.recv_type("ack")
    assert [a["id"] for a in ack["message"]["attachments"]] == [mine["id"]]
    seen = await bob.recv_type("message")
    assert seen["message"]["attachments"][0]["status"] == "ready"

    await alice.send(
        type="send", room=room["id"], client_id="again", body="x", attachments=[mine["id"]]
    )
    assert (await alice.recv_type("error"))["code"] == "invalid"
    page = await client.get(f"/api/rooms/{room['id']}/messages", headers=bearer(bob_token))
    assert page.json()["messages"][0]["attachments"][0]["id"] == mine["id"]


async def test_upload_status_is_pushed_to_the_uploader(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Push")
    accepted = (await upload(client, token, room["id"], "p.png", png())).json()
    statuses: list[str] = []
    while not statuses or statuses[-1] not in ("ready", "failed"):
        frame = await socket.recv_type("upload")
        assert frame["upload"]["id"] == accepted["id"]
        statuses.append(frame["upload"]["status"])
    assert statuses == ["processing", "ready"]


async def test_unattached_uploads_expire(client: httpx.AsyncClient, server: RunningServer) -> None:
    from datetime import timedelta

    from parley.db import create_engine, create_session_factory
    from parley.services.uploads import expire_unattached
    from parley.storage import FileStore

    token, room_id = await _room(client)
    accepted = (await upload(client, token, room_id, "old.txt", b"old")).json()
    await settled(client, token, accepted["id"])
    engine = create_engine(server.settings)
    store = FileStore(server.settings.uploads_dir)
    async with create_session_factory(engine)() as session:
        kept = await expire_unattached(session=session, store=store, older_than=timedelta(hours=1))
        gone = await expire_unattached(session=session, store=store, older_than=timedelta(0))
    await engine.dispose()
    assert (kept, gone) == (0, 1)
    assert stored_files(server) == []
    missing = await client.get(f"/api/uploads/{accepted['id']}", headers=bearer(token))
    assert missing.status_code == 404


async def test_attachments_keep_the_order_they_were_attached_in(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Ordered")
    await alice.join(room["id"])
    ids = []
    for name in ("first.txt", "second.txt", "third.txt"):
        response = await upload(client, token, room["id"], name, name.encode())
        assert response.status_code == 202, response.text
        ids.append(response.json()["id"])
    # Attached in another order than uploaded: the message shows them as attached.
    wanted = [ids[2], ids[0], ids[1]]
    await alice.send(type="send", room=room["id"], client_id="o", body="", attachments=wanted)
    ack = await alice.recv_type("ack")
    assert [a["id"] for a in ack["message"]["attachments"]] == wanted
    page = await client.get(f"/api/rooms/{room['id']}/messages", headers=bearer(token))
    assert [a["id"] for a in page.json()["messages"][0]["attachments"]] == wanted
