"""The Batcher: concurrent calls share one run, in order, and failures stay contained."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from parley.batching import Batcher


class Recorder:
    def __init__(self, *, fail_on: str | None = None, gate: asyncio.Event | None = None) -> None:
        self.batches: list[list[str]] = []
        self.fail_on = fail_on
        self.gate = gate

    async def __call__(self, keys: Sequence[str]) -> list[str]:
        self.batches.append(list(keys))
        if self.gate is not None:
            await self.gate.wait()
        if self.fail_on in keys:
            raise ValueError(f"cannot load {self.fail_on}")
        return [key.upper() for key in keys]


async def test_calls_made_together_share_one_run_in_call_order() -> None:
    run = Recorder()
    batcher = Batcher(run)
    results = await asyncio.gather(*(batcher(key) for key in ["b", "a", "b", "c"]))
    assert results == ["B", "A", "B", "C"]
    assert run.batches == [["b", "a", "b", "c"]]


async def test_calls_made_while_a_batch_runs_form_the_next_batch() -> None:
    gate = asyncio.Event()
    run = Recorder(gate=gate)
    batcher = Batcher(run)
    first = asyncio.gather(batcher("a"), batcher("b"))
    await asyncio.sleep(0.01)  # the first batch is running, held at the gate
    second = asyncio.gather(batcher("c"), batcher("d"))
    await asyncio.sleep(0.01)
    assert run.batches == [["a", "b"]]
    gate.set()
    assert list(await first) == ["A", "B"] and list(await second) == ["C", "D"]
    assert run.batches == [["a", "b"], ["c", "d"]]


async def test_a_failed_batch_fails_its_callers_only() -> None:
    run = Recorder(fail_on="bad")
    batcher = Batcher(run)
    outcomes = await asyncio.gather(batcher("ok"), batcher("bad"), return_exceptions=True)
    assert all(isinstance(outcome, ValueError) for outcome in outcomes)
    assert await batcher("later") == "LATER"


async def test_batches_are_bounded() -> None:
    run = Recorder()
    batcher = Batcher(run, max_batch=2)
    assert await asyncio.gather(*(batcher(k) for k in "abcde")) == list("ABCDE")
    assert run.batches == [["a", "b"], ["c", "d"], ["e"]]


async def test_a_cancelled_caller_does_not_disturb_the_others() -> None:
    gate = asyncio.Event()
    batcher = Batcher(Recorder(gate=gate))
    leaving = asyncio.create_task(batcher("gone"))
    staying = asyncio.create_task(batcher("kept"))
    await asyncio.sleep(0.01)
    leaving.cancel()
    gate.set()
    assert await staying == "KEPT"
    with pytest.raises(asyncio.CancelledError):
        await leaving


async def test_a_wrong_number_of_results_is_an_error_not_a_mix_up() -> None:
    async def short(keys: Sequence[str]) -> list[str]:
        return list(keys)[:-1]

    batcher = Batcher(short)
    outcomes = await asyncio.gather(batcher("a"), batcher("b"), return_exceptions=True)
    assert all(isinstance(outcome, RuntimeError) for outcome in outcomes)


async def test_callers_are_released_when_the_drain_is_cancelled() -> None:
    gate = asyncio.Event()
    batcher = Batcher(Recorder(gate=gate))
    waiting = asyncio.gather(batcher("a"), batcher("b"), return_exceptions=True)
    await asyncio.sleep(0.01)
    drainer = batcher._drainer
    assert drainer is not None
    drainer.cancel()
    outcomes = await asyncio.wait_for(waiting, 1)
    assert all(isinstance(outcome, asyncio.CancelledError) for outcome in outcomes)
