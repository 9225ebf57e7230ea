"""The socket's slim receive queue and write flag (realtime/slim_sync.py) behave as the
asyncio.Queue and asyncio.Event calls uvicorn makes on them."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from parley.realtime.slim_sync import Flag, Inbox


async def _until(condition: object) -> None:
    for _ in range(100):
        if callable(condition) and condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition never held")


async def test_inbox_is_first_in_first_out() -> None:
    inbox: Inbox[int] = Inbox()
    assert inbox.empty() and inbox.qsize() == 0
    for item in (1, 2, 3):
        inbox.put_nowait(item)
    assert inbox.qsize() == 3 and not inbox.empty()
    assert [await inbox.get() for _ in range(3)] == [1, 2, 3]
    assert inbox.empty()


async def test_a_waiting_get_wakes_on_put() -> None:
    inbox: Inbox[str] = Inbox()
    getter = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    assert not getter.done()
    inbox.put_nowait("connect")
    assert await asyncio.wait_for(getter, 5) == "connect"


async def test_a_second_reader_is_refused_not_left_hanging() -> None:
    inbox: Inbox[str] = Inbox()
    first = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    with pytest.raises(RuntimeError, match="already awaited"):
        await inbox.get()
    inbox.put_nowait("only")
    assert await asyncio.wait_for(first, 5) == "only"


async def test_a_cancelled_get_leaves_the_inbox_usable() -> None:
    inbox: Inbox[str] = Inbox()
    getter = asyncio.create_task(inbox.get())
    await asyncio.sleep(0)
    getter.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await getter
    inbox.put_nowait("after")
    assert await asyncio.wait_for(inbox.get(), 5) == "after"


async def test_flag_starts_as_given_and_wait_returns_at_once_when_set() -> None:
    assert not Flag().is_set()
    flag = Flag(True)
    assert flag.is_set()
    assert await asyncio.wait_for(flag.wait(), 5) is True


async def test_flag_wakes_every_waiter_when_set() -> None:
    flag = Flag()
    waiters = [asyncio.create_task(flag.wait()) for _ in range(3)]
    await asyncio.sleep(0)
    assert not any(w.done() for w in waiters)
    flag.set()
    assert await asyncio.wait_for(asyncio.gather(*waiters), 5) == [True, True, True]
    flag.clear()
    assert not flag.is_set()
    again = asyncio.create_task(flag.wait())
    await asyncio.sleep(0)
    assert not again.done()
    flag.set()
    assert await asyncio.wait_for(again, 5) is True


async def test_a_cancelled_wait_is_forgotten() -> None:
    flag = Flag()
    cancelled = asyncio.create_task(flag.wait())
    kept = asyncio.create_task(flag.wait())
    await asyncio.sleep(0)
    cancelled.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await cancelled
    assert flag._waiters is not None and len(flag._waiters) == 1
    flag.set()
    assert await asyncio.wait_for(kept, 5) is True
    await _until(lambda: flag._waiters is None)
