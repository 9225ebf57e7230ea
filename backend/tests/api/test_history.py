"""History pages over REST and the join backlog (services/history.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from parley.db import create_engine, create_session_factory
from parley.models import (
    AuthorPublic,
    Message,
    MessagePage,
    MessagePublic,
    Reaction,
    ReactionPublic,
    User,
)
from parley.services import history
from parley.services.uploads import attachments_of
from parley.settings import Settings
from tests.conftest import RunningServer
from tests.factories import bearer, signup_and_login
from tests.images import png
from tests.wsclient import WsClient, create_room, join_room, user_socket

PAGE = TypeAdapter(MessagePage)
# Quotes, escapes, control characters, non-BMP and right-to-left text: the JSON encoders
# of the two paths must agree on every one.
ODD_BODIES = ['say "hi"\\', "line\nbreak\ttab\x01\x7f", "😀 e\u0301 \u2028 שלום", "<b>&amp;</b>"]


async def reference_messages(
    session: AsyncSession, room_id: int, *, descending: bool, **where: int
) -> list[MessagePublic]:
    """What the models say, validated from ORM entities (not through message_form):
    the oracle that history.py's plain-column path must match."""
    statement = (
        select(Message, User)
        .join(User, col(User.id) == Message.author_id)
        .where(Message.room_id == room_id)
        .order_by(col(Message.seq).desc() if descending else col(Message.change_seq))
    )
    if "before_seq" in where:
        statement = statement.where(col(Message.seq) < where["before_seq"])
    if "since" in where:
        statement = statement.where(col(Message.change_seq) > where["since"])
    rows = (await session.exec(statement.limit(where["limit"]))).all()
    files = await attachments_of(session=session, message_ids=[m.id for m, _ in rows if m.id])
    emoji: dict[int, dict[str, list[int]]] = {}
    for reaction in (await session.exec(select(Reaction).order_by(col(Reaction.created_at)))).all():
        emoji.setdefault(reaction.message_id, {}).setdefault(reaction.emoji, []).append(
            reaction.user_id
        )
    return [
        MessagePublic.model_validate(
            m,
            update={
                "author": AuthorPublic.model_validate(author),
                "attachments": [] if m.deleted_at else files.get(m.id or 0, []),
                "reactions": []
                if m.deleted_at
                else [
                    ReactionPublic(emoji=e, count=len(users), user_ids=users)
                    for e, users in emoji.get(m.id or 0, {}).items()
                ],
            },
        )
        for m, author in rows
    ]


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[AsyncSession]:
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            yield session
    finally:
        await engine.dispose()


async def send(socket: WsClient, room_id: int, client_id: str, body: str, **extra: Any) -> Any:
    await socket.send(type="send", room=room_id, client_id=client_id, body=body, **extra)
    return (await socket.recv_type("ack"))["message"]


async def attach(client: httpx.AsyncClient, token: str, room_id: int, name: str) -> str:
    accepted = await client.post(
        f"/api/rooms/{room_id}/uploads",
        files={"file": (name, png(), "application/octet-stream")},
        headers=bearer(token),
    )
    assert accepted.status_code == 202, accepted.text
    upload_id = str(accepted.json()["id"])
    for _ in range(200):  # ready, so the page shows the settled record
        status = await client.get(f"/api/uploads/{upload_id}", headers=bearer(token))
        if status.json()["status"] == "ready":
            return upload_id
        await asyncio.sleep(0.05)
    raise AssertionError("upload never became ready")


async def busy_room(
    client: httpx.AsyncClient, server: RunningServer
) -> tuple[dict[str, Any], str, list[dict[str, Any]]]:
    """A room with odd bodies, an edit, files on two messages, a deleted one with a file,
    reactions on two messages and on the deleted one."""
    socket, token, _user = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Busy")
    await socket.join(room["id"])
    sent = [await send(socket, room["id"], f"b{n}", body) for n, body in enumerate(ODD_BODIES)]
    two = [await attach(client, token, room["id"], f"{n}.png") for n in range(2)]
    sent.append(await send(socket, room["id"], "files", "two files", attachments=two))
    one = await attach(client, token, room["id"], "gone.png")
    sent.append(await send(socket, room["id"], "doomed", "deleted soon", attachments=[one]))
    sent.append(await send(socket, room["id"], "edited", "first"))
    edited = await client.patch(
        f"/api/messages/{sent[-1]['id']}", json={"body": "second"}, headers=bearer(token)
    )
    assert edited.status_code == 200
    for message, emoji in ((sent[0], "👍"), (sent[0], "🎉"), (sent[-1], "👍"), (sent[-2], "😢")):
        path = f"/api/messages/{message['id']}/reactions/{quote(emoji, safe='')}"
        assert (await client.put(path, headers=bearer(token))).status_code == 200
    deleted = await client.delete(f"/api/messages/{sent[-2]['id']}", headers=bearer(token))
    assert deleted.status_code == 200
    await socket.close()
    return room, token, sent


async def test_pages_run_oldest_first_by_keyset(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, user = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="History")
    await socket.join(room["id"])
    for n in range(7):
        await send(socket, room["id"], f"h{n}", f"m{n}")
    path = f"/api/rooms/{room['id']}/messages"

    async def page(**params: int) -> dict[str, Any]:
        response = await client.get(path, params=params, headers=bearer(token))
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        body: dict[str, Any] = response.json()
        return body

    everything = await page()
    assert [m["seq"] for m in everything["messages"]] == [1, 2, 3, 4, 5, 6, 7]
    assert [m["body"] for m in everything["messages"]] == [f"m{n}" for n in range(7)]
    assert not everything["has_more"]
    first = everything["messages"][0]
    assert first["author"] == {
        "id": user["id"],
        "username": user["username"],
        "display_name": user["display_name"],
        "avatar_url": None,
    }
    assert first["client_id"] == "h0" and first["room_id"] == room["id"]
    assert first["attachments"] == [] and first["deleted_at"] is None
    latest = await page(limit=3)
    assert [m["seq"] for m in latest["messages"]] == [5, 6, 7] and latest["has_more"]
    older = await page(limit=3, before_seq=5)
    assert [m["seq"] for m in older["messages"]] == [2, 3, 4] and older["has_more"]
    oldest = await page(limit=3, before_seq=2)
    assert [m["seq"] for m in oldest["messages"]] == [1] and not oldest["has_more"]
    assert await page(before_seq=1) == {"messages": [], "has_more": False, "has_more_after": None}
    exact = await page(limit=7)
    assert len(exact["messages"]) == 7 and not exact["has_more"]
    assert len((await page(limit=100))["messages"]) == 7
    for bad in ({"limit": 0}, {"limit": 101}, {"before_seq": 0}, {"limit": "x"}):
        assert (await client.get(path, params=bad, headers=bearer(token))).status_code == 422


async def test_an_empty_room_has_an_empty_page(client: httpx.AsyncClient) -> None:
    _, token = await signup_and_login(client)
    room = await create_room(client, token, name="Quiet")
    response = await client.get(f"/api/rooms/{room['id']}/messages", headers=bearer(token))
    assert response.json() == {"messages": [], "has_more": False, "has_more_after": None}


async def test_files_show_on_their_message_until_it_is_deleted(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    room, token, sent = await busy_room(client, server)
    page = (await client.get(f"/api/rooms/{room['id']}/messages", headers=bearer(token))).json()
    by_id = {m["id"]: m for m in page["messages"]}
    with_files, deleted, edited = (by_id[m["id"]] for m in sent[-3:])
    assert [a["name"] for a in with_files["attachments"]] == ["0.png", "1.png"]
    assert all(a["status"] == "ready" and a["has_thumbnail"] for a in with_files["attachments"])
    assert all(a["message_id"] == with_files["id"] for a in with_files["attachments"])
    assert deleted["body"] == "" and deleted["attachments"] == []
    assert deleted["deleted_at"] is not None and deleted["deleted_by"] == deleted["author"]["id"]
    assert edited["body"] == "second" and edited["edited_at"] is not None
    others = [m for m in page["messages"] if m["id"] != with_files["id"]]
    assert all(m["attachments"] == [] for m in others)


async def test_pages_equal_what_the_models_give_byte_for_byte(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    room, token, _sent = await busy_room(client, server)
    path = f"/api/rooms/{room['id']}/messages"
    async with database(server.settings) as session:
        for before_seq, limit in ((None, 50), (None, 3), (5, 2), (2, 100), (1, 1)):
            params = {"limit": limit} | ({"before_seq": before_seq} if before_seq else {})
            response = await client.get(path, params=params, headers=bearer(token))
            keyset = {"before_seq": before_seq} if before_seq else {}
            newest = await reference_messages(
                session, room["id"], descending=True, limit=limit + 1, **keyset
            )
            model = MessagePage(messages=newest[:limit][::-1], has_more=len(newest) > limit)
            # What the route answered when it returned the model and FastAPI encoded it.
            assert response.content == PAGE.dump_json(model), params
            # And it is exactly MessagePage: no field more or less, the same formats.
            assert PAGE.dump_json(PAGE.validate_json(response.content)) == response.content


async def test_the_join_replay_equals_the_models(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    room, _token, _sent = await busy_room(client, server)
    async with database(server.settings) as session:
        for since, bound in ((0, 500), (2, 500), (0, 3), (7, 1)):
            new = await history.changes_since(
                session=session, room_id=room["id"], since=since, bound=bound
            )
            old = await reference_messages(
                session, room["id"], descending=False, since=since, limit=bound + 1
            )
            assert (new is None) == (len(old) > bound), (since, bound)
            dumped = [m.model_dump(mode="json") for m in new or []]
            expected = [] if len(old) > bound else [m.model_dump(mode="json") for m in old]
            assert dumped == expected, (since, bound)
        everything = await history.changes_since(
            session=session, room_id=room["id"], since=0, bound=7
        )
        # Each message once, in the order of its last change (the edit, then the deletion).
        assert sorted(m.seq for m in everything or []) == [1, 2, 3, 4, 5, 6, 7]
        changes = [m.change_seq for m in everything or []]
        assert changes == sorted(changes)
        assert [m.seq for m in everything or []][-2:] == [7, 6]
        assert (
            await history.changes_since(session=session, room_id=room["id"], since=0, bound=6)
            is None
        )


async def test_who_may_read_a_room(client: httpx.AsyncClient) -> None:
    _, admin = await signup_and_login(client)  # the first account is the site admin
    _, owner = await signup_and_login(client)
    member_user, member = await signup_and_login(client)
    _, outsider = await signup_and_login(client)
    secret = await create_room(client, owner, name="Secret", is_private=True)
    invited = await client.post(
        f"/api/rooms/{secret['id']}/members",
        json={"username": member_user["username"]},
        headers=bearer(owner),
    )
    assert invited.status_code == 201
    path = f"/api/rooms/{secret['id']}/messages"
    for token, expected in ((owner, 200), (member, 200), (admin, 200), (outsider, 404)):
        assert (await client.get(path, headers=bearer(token))).status_code == expected
    assert (await client.get(path)).status_code == 401
    unknown = await client.get("/api/rooms/424242/messages", headers=bearer(admin))
    assert unknown.status_code == 404

    public = await create_room(client, owner, name="Open")
    path = f"/api/rooms/{public['id']}/messages"
    assert (await client.get(path, headers=bearer(outsider))).status_code == 200  # no need to join
    outsider_id = (await client.get("/api/users/me", headers=bearer(outsider))).json()["id"]
    await join_room(client, outsider, public["id"])
    banned = await client.post(
        f"/api/rooms/{public['id']}/moderation",
        json={"action": "ban", "user_id": outsider_id, "reason": "spam"},
        headers=bearer(owner),
    )
    assert banned.status_code == 204, banned.text
    refused = await client.get(path, headers=bearer(outsider))
    assert refused.status_code == 403 and refused.json()["code"] == "banned"
