"""Microbenchmark: the cost of serialising one server frame, per event.

    backend/.venv/bin/python -m bench.frames

`before` is how frames were built until the frame catalogue (a dict of `model_dump(mode=
"json")` output through `json.dumps`); `now` is what the call sites do (a frame model
around the already-built payload, written by pydantic-core). Best of 7 runs.
"""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from parley.models import AuthorPublic, MessagePublic, UploadPublic, UploadStatus
from parley.realtime.protocol import MessageFrame, PresenceFrame, encode

NOW = datetime.now(UTC)


def message(attachments: int) -> MessagePublic:
    files = [
        UploadPublic(
            id=f"{n:032x}",
            room_id=7,
            uploader_id=4,
            message_id=812,
            name="cat.jpg",
            size=81234,
            mime="image/jpeg",
            status=UploadStatus.ready,
            failure_reason=None,
            width=800,
            height=600,
            has_thumbnail=True,
            created_at=NOW,
        )
        for n in range(attachments)
    ]
    return MessagePublic(
        id=812,
        room_id=7,
        seq=53,
        author=AuthorPublic(id=4, username="bob", display_name="Bob"),
        body="hello there, a chat line of typical length",
        client_id="c-5f2a9",
        created_at=NOW,
        edited_at=None,
        deleted_at=None,
        deleted_by=None,
        attachments=files,
    )


def before(frame_type: str, **fields: Any) -> str:
    return json.dumps({"type": frame_type, **fields}, separators=(",", ":"), default=str)


def microseconds(run: Callable[[], str], number: int = 50_000) -> float:
    return min(timeit.repeat(run, number=number, repeat=7)) / number * 1e6


def main() -> None:
    cases: dict[str, tuple[Callable[[], str], Callable[[], str]]] = {}
    for count in (0, 1):
        m = message(count)
        cases[f"message, {count} attachment(s)"] = (
            lambda m=m: before("message", room=m.room_id, message=m.model_dump(mode="json")),
            lambda m=m: encode(MessageFrame(room=m.room_id, message=m)),
        )
    cases["presence"] = (
        lambda: before("presence", user_id=4, online=True),
        lambda: encode(PresenceFrame(user_id=4, online=True)),
    )
    print(f"{'frame':<28} {'before µs':>10} {'now µs':>10}")
    for name, (old, new) in cases.items():
        assert json.loads(old()) == json.loads(new()), name  # the same frame, field for field
        print(f"{name:<28} {microseconds(old):>10.2f} {microseconds(new):>10.2f}")


if __name__ == "__main__":
    main()
