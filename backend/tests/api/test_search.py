"""Search: every query form over one Korean/English corpus, the same on both databases
(each test runs on SQLite and PostgreSQL with the same assertions), and the privacy
rules: never a room the searcher may not read, never a deleted message's text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.conftest import RunningServer
from tests.moderation.helpers import Person, moderate, person
from tests.wsclient import WsClient, create_room, join_room, send_message, signed_in_socket


@dataclass
class Corpus:
    alice: Person
    bob: Person
    design: dict[str, Any]
    seq: dict[str, int]  # message id by label


async def _corpus(client: httpx.AsyncClient, server: RunningServer) -> Corpus:
    alice, bob = await person(client), await person(client)
    design = await create_room(client, alice.token, name="Design")
    await join_room(client, bob.token, design["id"])
    secret = await create_room(client, alice.token, name="Secret", is_private=True)
    dm = (await client.post("/api/dms", json={"user_ids": [bob.id]}, headers=alice.headers)).json()
    alices = await signed_in_socket(
        server.base_url, alice.token, design["id"], secret["id"], dm["id"]
    )
    bobs = await signed_in_socket(server.base_url, bob.token, design["id"])
    ids: dict[str, int] = {}

    async def say(label: str, socket: WsClient, room: int, body: str, **extra: Any) -> None:
        ids[label] = (await send_message(socket, room, body, **extra))["id"]

    await say("prepare", alices, design["id"], "내일 회의를 준비합시다")
    await say("api", bobs, design["id"], "회의에서 API를 정리했어요")
    await say("weekly", alices, design["id"], "Weekly **meetings** are moved to Friday")
    await say("deploy", bobs, design["id"], "I deployed the new build")
    await say("secret", alices, secret["id"], "회의 secret plan")
    await say("dm", alices, dm["id"], "회의 자료 보내드릴게요")
    await say("doomed", alices, design["id"], "회의 doomed words")
    upload = await client.post(
        f"/api/rooms/{design['id']}/uploads",
        files={"file": ("minutes.txt", "회의록".encode(), "text/plain")},
        headers=bob.headers,
    )
    assert upload.status_code == 202, upload.text
    await say("file", bobs, design["id"], "minutes attached", attachments=[upload.json()["id"]])

    deleted = await client.delete(f"/api/messages/{ids['doomed']}", headers=alice.headers)
    assert deleted.status_code == 200, deleted.text
    edited = await client.patch(
        f"/api/messages/{ids['weekly']}",
        json={"body": "Weekly meetings are moved to Monday"},
        headers=alice.headers,
    )
    assert edited.status_code == 200, edited.text
    await alices.close()
    await bobs.close()
    return Corpus(alice=alice, bob=bob, design=design, seq=ids)


async def _found(client: httpx.AsyncClient, who: Person, q: str, **params: Any) -> list[int]:
    response = await client.get("/api/search", params={"q": q, **params}, headers=who.headers)
    assert response.status_code == 200, response.text
    return [hit["id"] for hit in response.json()["items"]]


async def test_every_query_form_finds_the_same_messages_on_both_databases(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    corpus = await _corpus(client, server)
    bob, ids = corpus.bob, corpus.seq
    today = datetime.now(UTC).date()
    expectations: list[tuple[str, list[str]]] = [
        # A two-syllable Korean word, with and without particles; newest first.
        ("회의", ["dm", "api", "prepare"]),
        ("회의를", ["prepare"]),
        ("회의에서", ["api"]),
        # An English word with a Korean particle on it; mixed Korean and English.
        ("api", ["api"]),
        ("회의 API", ["api"]),
        # English by stem; a phrase; an edit replaces the words found.
        ("meeting", ["weekly"]),
        ('"weekly meetings"', ["weekly"]),
        ('"meetings weekly"', []),
        ("monday", ["weekly"]),
        ("friday", []),
        ("deploying", ["deploy"]),
        ("deplo*", ["deploy"]),
        # A deleted message's words are gone.
        ("doomed", []),
        # Filters, alone and with words.
        ("from:" + corpus.alice.username + " 회의", ["dm", "prepare"]),
        (f"from:@{bob.username}", ["file", "deploy", "api"]),
        ("in:design 회의", ["api", "prepare"]),
        ('in:"Design" meeting', ["weekly"]),
        ("in:nowhere 회의", []),
        ("from:nobody-here 회의", []),
        ("has:file", ["file"]),
        ("has:file minutes", ["file"]),
        (f"after:{today - timedelta(days=1)} 회의를", ["prepare"]),
        (f"before:{today} 회의", []),
        (f"before:{today + timedelta(days=1)} 회의를", ["prepare"]),
    ]
    for query, labels in expectations:
        assert await _found(client, bob, query) == [ids[label] for label in labels], query


async def test_results_carry_their_room_the_words_to_highlight_and_pages(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    corpus = await _corpus(client, server)
    response = await client.get(
        "/api/search", params={"q": "회의 meetings", "limit": 1}, headers=corpus.bob.headers
    )
    assert response.json()["items"] == []
    page = (
        await client.get(
            "/api/search", params={"q": "회의", "limit": 1}, headers=corpus.bob.headers
        )
    ).json()
    [hit] = page["items"]
    assert hit["id"] == corpus.seq["dm"] and hit["room"]["kind"] == "dm"
    assert hit["body"] == "회의 자료 보내드릴게요" and hit["author"]["id"] == corpus.alice.id
    assert page["highlight"] == ["회의"]
    seen = [hit["id"]]
    while page["next_cursor"]:
        page = (
            await client.get(
                "/api/search",
                params={"q": "회의", "limit": 1, "cursor": page["next_cursor"]},
                headers=corpus.bob.headers,
            )
        ).json()
        seen += [item["id"] for item in page["items"]]
    assert seen == [corpus.seq[label] for label in ("dm", "api", "prepare")]
    design_hit = (
        await client.get("/api/search", params={"q": "회의를"}, headers=corpus.bob.headers)
    ).json()["items"][0]
    assert design_hit["room"] == {"id": corpus.design["id"], "name": "Design", "kind": "room"}


async def test_nothing_from_rooms_the_searcher_may_not_read(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    corpus = await _corpus(client, server)
    alice, bob = corpus.alice, corpus.bob
    # Alice wrote in her private room and her DM: she finds both, Bob only the DM, a
    # stranger (even one who joins the public room later) neither.
    assert corpus.seq["secret"] in await _found(client, alice, "secret")
    assert await _found(client, bob, "secret") == []
    stranger = await person(client)
    assert await _found(client, stranger, "회의") == [
        corpus.seq["api"],
        corpus.seq["prepare"],
    ]  # the public room only: readable without joining, like its history

    # Kicked out of a room: nothing of it any more.
    kicked = await moderate(client, alice, corpus.design["id"], "kick", bob.id)
    assert kicked.status_code == 204, kicked.text
    assert await _found(client, bob, "회의") == [corpus.seq["dm"]]

    # Left a private room: nothing of it any more either.
    team = await create_room(client, alice.token, name="Team", is_private=True)
    invited = await client.post(
        f"/api/rooms/{team['id']}/members", json={"username": bob.username}, headers=alice.headers
    )
    assert invited.status_code == 201, invited.text
    alices = await signed_in_socket(server.base_url, alice.token, team["id"])
    said = await send_message(alices, team["id"], "team 회의 notes")
    await alices.close()
    assert said["id"] in await _found(client, bob, "notes")
    left = await client.post(f"/api/rooms/{team['id']}/leave", headers=bob.headers)
    assert left.status_code == 204
    assert await _found(client, bob, "notes") == []


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "   "},
        {"q": "!!! ???"},
        {"q": "has:pictures"},
        {"q": "after:yesterday"},
        {"q": "before:2026-13-01 회의"},
        {"q": "회의", "tz": "Mars/Olympus"},
        {"q": "회의", "cursor": "not-a-cursor"},
        {"q": "회의", "limit": 0},
        {"q": "회의", "limit": 51},
        {"q": "회\u0000의"},
        {"q": " ".join(f"w{n}" for n in range(17))},
        {"q": "x" * 501},
    ],
)
async def test_bad_searches_are_422(
    client: httpx.AsyncClient, server: RunningServer, params: dict[str, Any]
) -> None:
    someone = await person(client)
    response = await client.get("/api/search", params=params, headers=someone.headers)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


async def test_search_needs_an_account(client: httpx.AsyncClient, server: RunningServer) -> None:
    assert (await client.get("/api/search", params={"q": "회의"})).status_code == 401
