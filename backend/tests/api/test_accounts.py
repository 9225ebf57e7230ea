"""Accounts (issue step 11): a password change ends every other sign-in and keeps this
one; an admin deactivates an account (its live sockets close at once) and reactivates it."""

from __future__ import annotations

import io
import json
import zipfile

import httpx

from tests.conftest import RunningServer
from tests.factories import DEFAULT_PASSWORD, bearer, login, sign_in_device, signup
from tests.moderation.helpers import person
from tests.wsclient import (
    closed_with,
    create_room,
    join_room,
    send_message,
    signed_in_socket,
)

NEW_PASSWORD = "a brand new passphrase"


async def test_a_new_password_ends_every_other_sign_in_and_keeps_this_one(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    user = await signup(client)
    username = str(user["username"])
    laptop, laptop_token = await sign_in_device(server.base_url, username)
    phone, phone_token = await sign_in_device(server.base_url, username)
    try:
        laptop_socket = await signed_in_socket(server.base_url, laptop_token)
        phone_socket = await signed_in_socket(server.base_url, phone_token)
        wrong = await laptop.post(
            "/api/users/me/password",
            json={"current_password": "not it at all", "new_password": NEW_PASSWORD},
            headers=bearer(laptop_token),
        )
        assert wrong.status_code == 403, wrong.text
        short = await laptop.post(
            "/api/users/me/password",
            json={"current_password": DEFAULT_PASSWORD, "new_password": "short"},
            headers=bearer(laptop_token),
        )
        assert short.status_code == 422

        changed = await laptop.post(
            "/api/users/me/password",
            json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
            headers=bearer(laptop_token),
        )
        assert changed.status_code == 200, changed.text
        new_token = changed.json()["access_token"]
        # The phone is signed out everywhere it was: REST, refresh, its socket.
        assert await closed_with(phone_socket) == 4401
        assert (await phone.get("/api/users/me", headers=bearer(phone_token))).status_code == 401
        assert (await phone.post("/api/auth/refresh")).status_code == 401
        # The laptop goes on: a new access token, its refresh cookie, its open socket.
        assert (await laptop.get("/api/users/me", headers=bearer(new_token))).status_code == 200
        assert (await laptop.post("/api/auth/refresh")).status_code == 200
        await laptop_socket.send(type="ping")
        assert (await laptop_socket.recv_type("pong"))["type"] == "pong"
        # Only the new password signs in now.
        assert (await login(client, username=username)).status_code == 401
        assert (await login(client, username=username, password=NEW_PASSWORD)).status_code == 200
        await laptop_socket.close()
    finally:
        await laptop.aclose()
        await phone.aclose()


async def test_an_admin_deactivates_and_reactivates_an_account(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    admin, member, other = await person(client), await person(client), await person(client)
    socket = await signed_in_socket(server.base_url, member.token)
    refused = await client.patch(
        f"/api/admin/users/{member.id}", json={"is_disabled": True}, headers=other.headers
    )
    assert refused.status_code == 403
    off = await client.patch(
        f"/api/admin/users/{member.id}", json={"is_disabled": True}, headers=admin.headers
    )
    assert off.status_code == 200, off.text
    assert off.json()["is_disabled"] is True
    assert await closed_with(socket) == 4401
    assert (await client.get("/api/users/me", headers=member.headers)).status_code == 401
    signed_in = await login(client, username=member.username)
    assert signed_in.status_code == 403 and "disabled" in signed_in.text
    # A deactivated account is not offered to message or mention.
    people = await client.get("/api/users", params={"q": member.username}, headers=admin.headers)
    assert people.json() == []

    on = await client.patch(
        f"/api/admin/users/{member.id}", json={"is_disabled": False}, headers=admin.headers
    )
    assert on.status_code == 200 and on.json()["is_disabled"] is False
    assert (await login(client, username=member.username)).status_code == 200
    audit = await client.get("/api/admin/audit", headers=admin.headers)
    actions = [entry["action"] for entry in audit.json()]
    assert actions[:2] == ["reactivate", "deactivate"]

    admin_off = await client.patch(
        f"/api/admin/users/{admin.id}", json={"is_disabled": True}, headers=admin.headers
    )
    assert admin_off.status_code == 403  # not oneself
    bad = await client.patch(
        f"/api/admin/users/{member.id}", json={"is_disabled": "maybe"}, headers=admin.headers
    )
    assert bad.status_code == 422


async def test_the_audit_log_names_people_and_rooms_and_filters_by_name(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    admin, member = await person(client), await person(client)
    await client.patch("/api/users/me", json={"display_name": "Zoë Admin"}, headers=admin.headers)
    await client.patch("/api/users/me", json={"display_name": "Minsu Kim"}, headers=member.headers)
    await client.patch(
        f"/api/admin/users/{member.id}", json={"is_disabled": True}, headers=admin.headers
    )
    [entry] = (await client.get("/api/admin/audit", headers=admin.headers)).json()
    assert (entry["actor_name"], entry["target_name"], entry["room_name"]) == (
        "Zoë Admin",
        "Minsu Kim",
        None,
    )
    found = await client.get("/api/admin/audit", params={"person": "MINSU"}, headers=admin.headers)
    assert [e["id"] for e in found.json()] == [entry["id"]]
    none = await client.get("/api/admin/audit", params={"person": "nobody"}, headers=admin.headers)
    assert none.json() == []


async def test_my_sessions_name_their_device_and_one_can_be_signed_out(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    user = await signup(client)
    username = str(user["username"])
    phone = httpx.AsyncClient(
        base_url=server.base_url,
        headers={
            "User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
        },
    )
    laptop, laptop_token = await sign_in_device(server.base_url, username)
    try:
        signed_in = await login(phone, username=username)
        phone_token = signed_in.json()["access_token"]
        phone_socket = await signed_in_socket(server.base_url, phone_token)
        listed = await laptop.get("/api/users/me/sessions", headers=bearer(laptop_token))
        assert listed.status_code == 200, listed.text
        sessions = listed.json()
        assert len(sessions) == 2
        [mine] = [s for s in sessions if s["current"]]
        [other] = [s for s in sessions if not s["current"]]
        assert other["device"] == "Chrome Mobile on Android"
        assert mine["device"] == ""  # httpx: nothing people would recognise
        ended = await laptop.delete(
            f"/api/users/me/sessions/{other['id']}", headers=bearer(laptop_token)
        )
        assert ended.status_code == 204
        assert await closed_with(phone_socket) == 4401
        assert (await phone.post("/api/auth/refresh")).status_code == 401
        after = await laptop.get("/api/users/me/sessions", headers=bearer(laptop_token))
        assert [s["id"] for s in after.json()] == [mine["id"]]
        # Someone else's sign-in, or a made-up one, is not mine to end.
        stranger = await person(client)
        theirs = await client.delete(
            f"/api/users/me/sessions/{mine['id']}", headers=stranger.headers
        )
        assert theirs.status_code == 404
        bad = await laptop.delete("/api/users/me/sessions/not-hex!", headers=bearer(laptop_token))
        assert bad.status_code == 422
    finally:
        await laptop.aclose()
        await phone.aclose()


async def test_language_and_theme_follow_the_account(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    someone = await person(client)
    me = (await client.get("/api/users/me", headers=someone.headers)).json()
    assert (me["locale"], me["theme"]) == (None, None)
    changed = await client.patch(
        "/api/users/me", json={"locale": "ko", "theme": "dark"}, headers=someone.headers
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["locale"], changed.json()["theme"]) == ("ko", "dark")
    for bad in ({"locale": "xx"}, {"theme": "neon"}):
        refused = await client.patch("/api/users/me", json=bad, headers=someone.headers)
        assert refused.status_code == 422


async def _said(server: RunningServer, token: str, room_id: int, body: str) -> dict[str, object]:
    socket = await signed_in_socket(server.base_url, token)
    await socket.join(room_id)
    message = await send_message(socket, room_id, body)
    await socket.close()
    return message


async def test_deleting_an_account_keeps_or_erases_its_messages(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    admin, keeper, eraser = await person(client), await person(client), await person(client)
    room = await create_room(client, admin.token, name="Lifecycle")
    for member in (keeper, eraser):
        await join_room(client, member.token, room["id"])
    kept = await _said(server, keeper.token, room["id"], "회의 notes to keep")
    erased = await _said(server, eraser.token, room["id"], "회의 words to erase")
    watcher = await signed_in_socket(server.base_url, admin.token)
    await watcher.join(room["id"])
    live = await signed_in_socket(server.base_url, keeper.token)

    wrong = await client.post(
        "/api/users/me/delete",
        json={"password": "not mine", "messages": "keep"},
        headers=keeper.headers,
    )
    assert wrong.status_code == 403
    gone = await client.post(
        "/api/users/me/delete",
        json={"password": DEFAULT_PASSWORD, "messages": "keep"},
        headers=keeper.headers,
    )
    assert gone.status_code == 204, gone.text
    assert await closed_with(live) == 4401
    assert (await login(client, username=keeper.username)).status_code == 401
    history = (await client.get(f"/api/rooms/{room['id']}/messages", headers=admin.headers)).json()
    by_id = {m["id"]: m for m in history["messages"]}
    assert by_id[kept["id"]]["body"] == "회의 notes to keep"
    assert by_id[kept["id"]]["author"]["display_name"] == "Deleted user"

    # An admin deletes the other, erasing: every room hears each message go.
    refused = await client.post(
        f"/api/admin/users/{eraser.id}/delete", json={"messages": "erase"}, headers=keeper.headers
    )
    assert refused.status_code == 401  # the deleted account's token is dead
    erased_now = await client.post(
        f"/api/admin/users/{eraser.id}/delete", json={"messages": "erase"}, headers=admin.headers
    )
    assert erased_now.status_code == 204, erased_now.text
    frame = await watcher.recv_type("message_deleted")
    assert frame["message"]["id"] == erased["id"] and frame["message"]["body"] == ""
    found = await client.get("/api/search", params={"q": "회의"}, headers=admin.headers)
    assert [hit["id"] for hit in found.json()["items"]] == [kept["id"]]
    members = await client.get(f"/api/rooms/{room['id']}/members", headers=admin.headers)
    assert [m["user_id"] for m in members.json()] == [admin.id]
    audit = (await client.get("/api/admin/audit", headers=admin.headers)).json()
    assert [e["action"] for e in audit[:2]] == ["delete_account", "delete_account"]
    bad = await client.post(
        f"/api/admin/users/{admin.id}/delete", json={"messages": "erase"}, headers=admin.headers
    )
    assert bad.status_code == 403
    await watcher.close()


async def test_a_user_downloads_their_own_data(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    owner, other = await person(client), await person(client)
    room = await create_room(client, owner.token, name="Archive")
    await join_room(client, other.token, room["id"])
    upload = await client.post(
        f"/api/rooms/{room['id']}/uploads",
        files={"file": ("../../notes.txt", "내 메모".encode(), "text/plain")},
        headers=owner.headers,
    )
    socket = await signed_in_socket(server.base_url, owner.token)
    await socket.join(room["id"])
    await send_message(socket, room["id"], "mine, 내 것", attachments=[upload.json()["id"]])
    await socket.close()
    await _said(server, other.token, room["id"], "not mine")
    response = await client.get("/api/users/me/export", headers=owner.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        profile = json.loads(archive.read("profile.json"))
        messages = [json.loads(line) for line in archive.read("messages.jsonl").splitlines()]
        [file_name] = [name for name in names if name.startswith("files/")]
        assert archive.read(file_name) == "내 메모".encode()
    assert profile["username"] == owner.username and "password_hash" not in profile
    assert [m["body"] for m in messages] == ["mine, 내 것"]
    assert messages[0]["room"] == "Archive"
    assert file_name.endswith("-notes.txt")  # the name only: no path from the upload
    assert (await client.get("/api/users/me/export")).status_code == 401


async def test_an_admins_reset_link_sets_a_new_password_once(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    admin, forgetful = await person(client), await person(client)
    live = await signed_in_socket(server.base_url, forgetful.token)
    refused = await client.post(
        f"/api/admin/users/{admin.id}/reset-link", headers=forgetful.headers
    )
    assert refused.status_code == 403
    issued = await client.post(f"/api/admin/users/{forgetful.id}/reset-link", headers=admin.headers)
    assert issued.status_code == 201, issued.text
    token = issued.json()["token"]
    assert issued.json()["link"] == f"/reset/{token}"
    check = await client.get(f"/api/auth/reset/{token}")
    assert check.json() == {"valid": True, "username": forgetful.username}

    short = await client.post("/api/auth/reset", json={"token": token, "new_password": "short"})
    assert short.status_code == 422
    used = await client.post("/api/auth/reset", json={"token": token, "new_password": NEW_PASSWORD})
    assert used.status_code == 204, used.text
    assert await closed_with(live) == 4401
    assert (await login(client, username=forgetful.username)).status_code == 401
    assert (
        await login(client, username=forgetful.username, password=NEW_PASSWORD)
    ).status_code == 200
    again = await client.post(
        "/api/auth/reset", json={"token": token, "new_password": "another one entirely"}
    )
    assert again.status_code == 422
    assert (await client.get(f"/api/auth/reset/{token}")).json() == {
        "valid": False,
        "username": None,
    }
    audit = (await client.get("/api/admin/audit", headers=admin.headers)).json()
    assert [e["action"] for e in audit[:2]] == ["use_reset_link", "issue_reset_link"]
