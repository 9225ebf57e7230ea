"""Profiles over real HTTP: the avatar through the upload pipeline, where people carry
it, and the `profile` frame that tells the people who share a room."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from parley.settings import Settings
from tests.conftest import RunningServer, make_settings
from tests.factories import bearer, signup_and_login
from tests.images import phone_jpeg, png
from tests.moderation.helpers import person
from tests.wsclient import WsClient, create_room, join_room, signed_in_socket, user_socket

AVATAR = "/api/users/me/avatar"


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path, max_upload_mb=1, upload_max_pixels=1_000_000)


async def put_avatar(
    client: httpx.AsyncClient, token: str, content: bytes, name: str = "me.png"
) -> httpx.Response:
    return await client.put(
        AVATAR, files={"file": (name, content, "application/octet-stream")}, headers=bearer(token)
    )


def stored_files(server: RunningServer) -> list[Path]:
    root = server.settings.uploads_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def three_bands() -> bytes:
    """Red | green | blue, side by side: a centre crop keeps only the green."""
    image = Image.new("RGB", (300, 100), "red")
    image.paste(Image.new("RGB", (100, 100), (0, 255, 0)), (100, 0))
    image.paste(Image.new("RGB", (100, 100), "blue"), (200, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


async def test_an_avatar_is_a_square_centre_crop_served_for_good(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _, token = await signup_and_login(client)
    response = await put_avatar(client, token, three_bands())
    assert response.status_code == 200, response.text
    url = response.json()["avatar_url"]
    assert url.startswith(f"/api/users/{response.json()['id']}/avatar/")
    assert (await client.get("/api/users/me", headers=bearer(token))).json()["avatar_url"] == url

    served = await client.get(url, headers=bearer(token))
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/webp"
    assert "immutable" in served.headers["cache-control"]
    assert "private" in served.headers["cache-control"]
    assert served.headers["x-content-type-options"] == "nosniff"
    image = Image.open(io.BytesIO(served.content)).convert("RGB")
    assert image.size == (256, 256)
    for corner in ((0, 0), (255, 0), (0, 255), (255, 255)):
        red, green, blue = image.getpixel(corner)  # type: ignore[misc]
        assert green > 200 and red < 60 and blue < 60, corner
    # Only the square copy is kept: no original with whatever metadata it had.
    assert [path.name for path in stored_files(server)] == ["avatar.webp"]


async def test_the_avatar_carries_no_metadata(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _, token = await signup_and_login(client)
    url = (await put_avatar(client, token, phone_jpeg(), "phone.jpg")).json()["avatar_url"]
    image = Image.open(io.BytesIO((await client.get(url, headers=bearer(token))).content))
    assert not image.getexif() and "xmp" not in image.info and "exif" not in image.info


async def test_a_new_avatar_has_a_new_url_and_the_old_one_is_gone(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _, token = await signup_and_login(client)
    first = (await put_avatar(client, token, png(color="red"))).json()["avatar_url"]
    second = (await put_avatar(client, token, png(color="blue"))).json()["avatar_url"]
    assert first != second
    assert (await client.get(first, headers=bearer(token))).status_code == 404
    assert (await client.get(second, headers=bearer(token))).status_code == 200
    assert len(stored_files(server)) == 1


async def test_removing_the_avatar_returns_to_initials(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _, token = await signup_and_login(client)
    url = (await put_avatar(client, token, png())).json()["avatar_url"]
    removed = await client.delete(AVATAR, headers=bearer(token))
    assert removed.status_code == 200 and removed.json()["avatar_url"] is None
    assert (await client.get(url, headers=bearer(token))).status_code == 404
    assert stored_files(server) == []
    # Removing nothing is no error.
    assert (await client.delete(AVATAR, headers=bearer(token))).status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "status", "detail"),
    [
        ("notes.txt", b"just some text\n", 415, "must be a PNG, JPEG, GIF or WebP"),
        ("photo.png", b"%PDF-1.7\n" + b"\x00" * 100, 415, "must be a PNG, JPEG, GIF or WebP"),
        ("photo.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, 415, "must be a PNG"),
        ("empty.png", b"", 422, "empty"),
        ("bomb.png", png(1200, 1000), 422, "too many pixels"),
        ("broken.png", png()[:40] + b"\x00garbage" * 20, 422, "could not be read"),
        ("huge.png", png() + b"\x00" * (1024 * 1024 + 1), 413, "larger than 1 MB"),
    ],
    ids=["text", "pdf", "executable", "empty", "bomb", "corrupt", "too-big"],
)
async def test_bad_images_are_refused_and_leave_nothing(
    client: httpx.AsyncClient,
    server: RunningServer,
    name: str,
    content: bytes,
    status: int,
    detail: str,
) -> None:
    _, token = await signup_and_login(client)
    response = await put_avatar(client, token, content, name)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["detail"][0]["loc"] == ["body", "file"]
    assert detail in body["detail"][0]["msg"]
    assert stored_files(server) == []
    assert (await client.get("/api/users/me", headers=bearer(token))).json()["avatar_url"] is None


async def test_too_big_is_refused_while_streaming_without_a_length(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _, token = await signup_and_login(client)
    boundary = "b0undary"

    async def body() -> Any:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"'
            "\r\nContent-Type: image/png\r\n\r\n"
        ).encode()
        yield png()
        for _ in range(20):
            yield b"\x00" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    response = await client.put(
        AVATAR,
        content=body(),
        headers={**bearer(token), "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 413
    assert stored_files(server) == []


async def test_malformed_requests_are_422(client: httpx.AsyncClient, server: RunningServer) -> None:
    _, token = await signup_and_login(client)
    not_multipart = await client.put(AVATAR, json={"file": "x"}, headers=bearer(token))
    assert not_multipart.status_code == 422
    assert "multipart/form-data" in not_multipart.json()["detail"][0]["msg"]
    no_file = await client.put(AVATAR, files={"other": ("x", png())}, headers=bearer(token))
    assert no_file.status_code == 422


async def test_avatars_are_for_signed_in_people_only(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    me, token = await signup_and_login(client)
    _, stranger = await signup_and_login(client)
    url = (await put_avatar(client, token, png())).json()["avatar_url"]
    assert (await client.put(AVATAR, files={"file": ("a.png", png())})).status_code == 401
    assert (await client.delete(AVATAR)).status_code == 401
    assert (await client.get(url)).status_code == 401
    # Anyone signed in may see it, as they may see the name (the people directory).
    assert (await client.get(url, headers=bearer(stranger))).status_code == 200
    assert (
        await client.get(f"/api/users/{me['id']}/avatar/x", headers=bearer(token))
    ).status_code == 422
    unknown = f"/api/users/999999/avatar/{'0' * 32}"
    assert (await client.get(unknown, headers=bearer(token))).status_code == 404


async def test_people_carry_their_avatar_everywhere_they_are_named(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, alice_token = await signup_and_login(client)
    bob, bob_token = await signup_and_login(client)
    url = (await put_avatar(client, alice_token, png())).json()["avatar_url"]
    room = await create_room(client, alice_token, name="Faces")
    await join_room(client, bob_token, room["id"])
    alice_socket = await WsClient.open(server.base_url)
    await alice_socket.auth(alice_token)
    await alice_socket.join(room["id"])
    await alice_socket.send(type="send", room=room["id"], client_id="c-1", body="hi")
    assert (await alice_socket.recv_type("ack"))["message"]["author"]["avatar_url"] == url
    await alice_socket.close()
    history = (
        await client.get(f"/api/rooms/{room['id']}/messages", headers=bearer(bob_token))
    ).json()
    assert history["messages"][0]["author"]["avatar_url"] == url

    members = (
        await client.get(f"/api/rooms/{room['id']}/members", headers=bearer(bob_token))
    ).json()
    by_id = {member["user_id"]: member for member in members}
    assert by_id[alice["id"]]["avatar_url"] == url and by_id[bob["id"]]["avatar_url"] is None

    direct = await client.post(
        "/api/dms", json={"user_ids": [alice["id"]]}, headers=bearer(bob_token)
    )
    assert direct.json()["direct_with"][0]["avatar_url"] == url
    people = await client.get(
        "/api/users", params={"q": str(alice["username"])}, headers=bearer(bob_token)
    )
    assert people.json()[0]["avatar_url"] == url
    # Alice signed up first, so she is the site admin: her users list shows faces too.
    listed = await client.get("/api/admin/users", headers=bearer(alice_token))
    by_username = {row["username"]: row for row in listed.json()}
    assert by_username[alice["username"]]["avatar_url"] == url
    assert by_username[bob["username"]]["avatar_url"] is None


async def test_a_new_name_or_avatar_reaches_the_people_who_share_a_room_live(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice_socket, alice_token, alice = await user_socket(client, server.base_url)
    bob_socket, bob_token, _ = await user_socket(client, server.base_url)
    stranger_socket, stranger_token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, alice_token, name="Live faces")
    await join_room(client, bob_token, room["id"])
    await bob_socket.join(room["id"])
    elsewhere = await create_room(client, stranger_token, name="Elsewhere")
    await stranger_socket.join(elsewhere["id"])

    renamed = await client.patch(
        "/api/users/me", json={"display_name": "Alice Liddell"}, headers=bearer(alice_token)
    )
    assert renamed.status_code == 200
    frame = await bob_socket.recv_type("profile")
    assert frame["user"] == {
        "id": alice["id"],
        "username": alice["username"],
        "display_name": "Alice Liddell",
        "avatar_url": None,
    }
    # Her own other tabs hear it too (her socket joined no room).
    assert (await alice_socket.recv_type("profile"))["user"]["display_name"] == "Alice Liddell"

    url = (await put_avatar(client, alice_token, png())).json()["avatar_url"]
    assert (await bob_socket.recv_type("profile"))["user"]["avatar_url"] == url
    await client.delete(AVATAR, headers=bearer(alice_token))
    assert (await bob_socket.recv_type("profile"))["user"]["avatar_url"] is None

    # Someone who shares no room with her hears nothing.
    with pytest.raises(asyncio.TimeoutError):
        await stranger_socket.recv_type("profile", timeout=0.5)
    for socket in (alice_socket, bob_socket, stranger_socket):
        await socket.close()


async def test_an_unchanged_name_announces_nothing(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice_socket, alice_token, alice = await user_socket(client, server.base_url)
    same = await client.patch(
        "/api/users/me",
        json={"display_name": str(alice["display_name"])},
        headers=bearer(alice_token),
    )
    assert same.status_code == 200
    with pytest.raises(asyncio.TimeoutError):
        await alice_socket.recv_type("profile", timeout=0.5)
    await alice_socket.close()


@pytest.mark.parametrize("name", ["", "x" * 65, "\u202eevil"])
async def test_bad_display_names_are_422(
    client: httpx.AsyncClient, server: RunningServer, name: str
) -> None:
    _, token = await signup_and_login(client)
    response = await client.patch(
        "/api/users/me", json={"display_name": name}, headers=bearer(token)
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "display_name"]


async def test_two_uploads_at_once_leave_one_avatar(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    _, token = await signup_and_login(client)
    first, second = await asyncio.gather(
        put_avatar(client, token, png(color="red")), put_avatar(client, token, png(color="blue"))
    )
    assert first.status_code == second.status_code == 200
    current = (await client.get("/api/users/me", headers=bearer(token))).json()["avatar_url"]
    assert current in (first.json()["avatar_url"], second.json()["avatar_url"])
    assert (await client.get(current, headers=bearer(token))).status_code == 200
    assert len(stored_files(server)) == 1


async def test_preferences_reach_my_other_sockets_at_once_and_nobody_elses(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    alice, bob = await person(client), await person(client)
    other_tab = await signed_in_socket(server.base_url, alice.token)
    bobs = await signed_in_socket(server.base_url, bob.token)

    async def next_preferences(socket: WsClient) -> tuple[list[str], dict[str, Any]]:
        """The next `preferences` frame, with the types of the frames before it."""
        before: list[str] = []
        while (frame := await socket.recv())["type"] != "preferences":
            before.append(frame["type"])
        return before, frame

    changed = await client.patch(
        "/api/users/me", json={"locale": "ko", "theme": "dark"}, headers=alice.headers
    )
    assert changed.status_code == 200, changed.text
    _, frame = await next_preferences(other_tab)
    assert frame == {"type": "preferences", "locale": "ko", "theme": "dark", "read_receipts": False}

    # A name alone is not a preference: the next frame of the kind is the receipts switch.
    renamed = await client.patch(
        "/api/users/me", json={"display_name": "Al"}, headers=alice.headers
    )
    assert renamed.status_code == 200, renamed.text
    same = await client.patch("/api/users/me", json={"theme": "dark"}, headers=alice.headers)
    assert same.status_code == 200, same.text
    receipts = await client.patch(
        "/api/users/me", json={"read_receipts": True}, headers=alice.headers
    )
    assert receipts.status_code == 200, receipts.text
    before, frame = await next_preferences(other_tab)
    assert "profile" in before
    assert frame == {"type": "preferences", "locale": "ko", "theme": "dark", "read_receipts": True}

    # Bob's own change is his sentinel: Alice's frames, published before it, never reached him.
    mine = await client.patch("/api/users/me", json={"theme": "light"}, headers=bob.headers)
    assert mine.status_code == 200, mine.text
    _, frame = await next_preferences(bobs)
    assert frame == {
        "type": "preferences",
        "locale": None,
        "theme": "light",
        "read_receipts": False,
    }
    await other_tab.close()
    await bobs.close()
