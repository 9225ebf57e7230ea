"""Presence changes told together (realtime/presence_changes.py): at once when quiet,
then at most every interval, each user's latest state once; the interval stretches
while announcements are costly."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from parley.realtime.presence_changes import PresenceChanges, next_interval


@pytest.mark.parametrize(
    ("took", "expected"),
    [(0.0, 0.5), (0.01, 0.5), (0.05, 0.5), (0.1, 1.0), (0.15, 1.5), (0.2, 2.0), (3.0, 2.0)],
)
def test_the_interval_is_ten_times_the_last_announcement_within_bounds(
    took: float, expected: float
) -> None:
    assert next_interval(took, interval=0.5, ceiling=2.0) == pytest.approx(expected)


class Recorder:
    def __init__(self, *, takes: float = 0.0) -> None:
        self.takes = takes
        self.calls: list[tuple[float, list[tuple[int, bool]]]] = []
        self.called = asyncio.Event()
        self.finished = 0

    async def __call__(self, changes: Sequence[tuple[int, bool]]) -> None:
        self.calls.append((asyncio.get_running_loop().time(), list(changes)))
        self.called.set()
        if self.takes:
            await asyncio.sleep(self.takes)
        self.finished += 1


async def _next_call(recorder: Recorder, count: int) -> None:
    while len(recorder.calls) < count:
        recorder.called.clear()
        await asyncio.wait_for(recorder.called.wait(), 10)


async def test_a_quiet_change_is_told_at_once_and_a_burst_together() -> None:
    recorder = Recorder()
    changes = PresenceChanges(recorder, interval=60.0)
    changes.note(1, True)
    await _next_call(recorder, 1)
    assert recorder.calls[0][1] == [(1, True)]
    await changes.aclose()


async def test_each_users_latest_state_once_in_the_order_of_their_last_change() -> None:
    recorder = Recorder()
    changes = PresenceChanges(recorder, interval=0.05)
    for user, online in [(1, True), (2, True), (1, False), (3, True)]:
        changes.note(user, online)
    await _next_call(recorder, 1)
    assert recorder.calls[0][1] == [(2, True), (1, False), (3, True)]
    await changes.aclose()


async def test_a_costly_announcement_stretches_the_wait_before_the_next() -> None:
    recorder = Recorder(takes=0.05)  # 10x: the next waits 0.5 s, not the 0.01 s interval
    changes = PresenceChanges(recorder, interval=0.01, ceiling=0.5)
    changes.note(1, True)
    await _next_call(recorder, 1)
    while recorder.finished < 1:  # the first announcement is over
        await asyncio.sleep(0.01)
    changes.note(2, True)
    await _next_call(recorder, 2)
    (first, _), (second, told) = recorder.calls
    assert told == [(2, True)]
    # A lower bound only: a busy machine can make it later, never earlier.
    assert second - first >= 0.45
    await changes.aclose()
