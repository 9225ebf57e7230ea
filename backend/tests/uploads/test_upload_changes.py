"""An attachment's state is part of its message: a change after attaching goes in the
room's change log, so a client that was away learns it on resume."""

from __future__ import annotations

import httpx

from parley.db import create_engine, create_session_factory
from parley.events import Event, UploadChanged
from parley.services import uploads
from parley.services.uploads import ProcessingResult
from tests.conftest import RunningServer
from tests.images import png
from tests.uploads.test_uploads import settled, upload
from tests.wsclient import WsClient, create_room, user_socket


class Recorder:
    def __init__(self) -> None:
        self.events: list[Event] = []

    async def publish(self, event: Event) -> None:
        self.events.append(event)


async def test_a_state_change_after_attaching_is_replayed(
    client: httpx.AsyncClient, server: RunningServer
) -> None:
    socket, token, _ = await user_socket(client, server.base_url)
    room = await create_room(client, token, name="Attached")
    await socket.join(room["id"])
    accepted = (await upload(client, token, room["id"], "a.png", png())).json()
    await settled(client, token, accepted["id"])
    await socket.send(
        type="send", room=room["id"], client_id="with-file", body="", attachments=[accepted["id"]]
    )
    sent = (await socket.recv_type("ack"))["message"]
    assert sent["attachments"][0]["status"] == "ready"
    # The file turns out bad after it was shared (a re-check, an interrupted retry...):
    # the state changes through the same service the job runner uses.
    recorder = Recorder()
    engine = create_engine(server.settings)
    try:
        async with create_session_factory(engine)() as session:
            await uploads.finish_processing(
                session=session,
                publisher=recorder,
                upload_id=accepted["id"],
                result=ProcessingResult(failure_reason="found broken later"),
            )
    finally:
        await engine.dispose()
    [event] = recorder.events
    assert isinstance(event, UploadChanged) and event.change_seq == sent["change_seq"] + 1

    away = await WsClient.open(server.base_url)
    await away.auth(token)
    await away.join(room["id"], since=sent["change_seq"])
    replayed = (await away.recv_type("message"))["message"]
    assert replayed["id"] == sent["id"] and replayed["change_seq"] == event.change_seq
    assert replayed["attachments"][0]["status"] == "failed"
