"""The shared backlogs of joins (realtime/joins.py) stay within their frame budget."""

from __future__ import annotations

from typing import Any, cast

from parley.realtime import joins
from parley.realtime.joins import Joins, Replay
from parley.realtime.protocol import OutFrame


def _replay(frames: int) -> Replay:
    return Replay(tuple(OutFrame("{}") for _ in range(frames)), 0)


def _held(cache: Joins) -> int:
    held = sum(len(r.frames) for _, r in cache._replays.values() if r is not None)
    assert cache._replay_frames == held, "the running count agrees with the cache"
    return held


def test_backlogs_past_their_time_go_first_then_all_when_still_over_budget() -> None:
    cache = Joins(cast(Any, None), cast(Any, None))
    per_room = joins.REPLAY_CACHE_FRAMES // 4
    for room in range(4):  # the budget, exactly, in old entries
        cache._remember_replay((room, 0, 1, 0), 0.0, _replay(per_room))
    assert _held(cache) == joins.REPLAY_CACHE_FRAMES
    later = joins.REPLAY_CACHE_SECONDS + 1.0
    cache._remember_replay((9, 0, 1, 0), later, _replay(per_room))
    assert list(cache._replays) == [(9, 0, 1, 0)]  # the expired ones made room
    for room in range(10, 13):
        cache._remember_replay((room, 0, 1, 0), later, _replay(per_room))
    assert _held(cache) == joins.REPLAY_CACHE_FRAMES
    cache._remember_replay((20, 0, 1, 0), later, _replay(1))  # all fresh, still over
    assert list(cache._replays) == [(20, 0, 1, 0)]
    cache._remember_replay((21, 0, 1, 0), later, None)  # "too far behind" costs nothing
    assert _held(cache) == 1 and len(cache._replays) == 2
    cache._remember_replay((20, 0, 1, 0), later, _replay(3))  # the same key read again
    assert _held(cache) == 3 and len(cache._replays) == 2
