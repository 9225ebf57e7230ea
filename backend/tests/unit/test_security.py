from __future__ import annotations

from datetime import timedelta

import pytest
from jose import jwt

from parley import security


def test_password_hash_is_argon2_and_verifies() -> None:
    hashed = security.hash_password("s3cret-pass")
    assert hashed.startswith("$argon2")
    assert security.verify_password("s3cret-pass", hashed)
    assert not security.verify_password("other-pass", hashed)
    assert not security.verify_password("anything", None)


def test_access_token_round_trip() -> None:
    token, expires_at = security.create_access_token(
        user_id=42, token_version=3, secret="k", lifetime=timedelta(minutes=1)
    )
    claims = security.decode_access_token(token, secret="k")
    assert (claims.user_id, claims.token_version) == (42, 3)
    assert claims.expires_at == expires_at.replace(microsecond=0)


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "1", "ver": 0, "iat": 1, "typ": "access"},  # no exp
        {"ver": 0, "iat": 1, "exp": 4102444800, "typ": "access"},  # no sub
        {"sub": "1", "ver": 0, "iat": 1, "exp": 4102444800, "typ": "refresh"},
        {"sub": "x", "ver": 0, "iat": 1, "exp": 4102444800, "typ": "access"},
        {"sub": "1", "iat": 1, "exp": 4102444800, "typ": "access"},  # no ver
    ],
)
def test_tokens_missing_or_wrong_claims_are_refused(claims: dict[str, object]) -> None:
    token = jwt.encode(claims, "k", algorithm="HS256")
    with pytest.raises(security.InvalidToken):
        security.decode_access_token(token, secret="k")


def test_other_algorithms_are_refused() -> None:
    claims = {"sub": "1", "ver": 0, "iat": 1, "exp": 4102444800, "typ": "access"}
    token = jwt.encode(claims, "k", algorithm="HS512")
    with pytest.raises(security.InvalidToken):
        security.decode_access_token(token, secret="k")


def test_refresh_tokens_are_random_and_hashed() -> None:
    first, second = security.new_refresh_token(), security.new_refresh_token()
    assert first != second and len(first) >= 40
    assert security.hash_refresh_token(first) == security.hash_refresh_token(first)
    assert first not in security.hash_refresh_token(first)


async def test_hashing_runs_beside_the_event_loop_and_refuses_a_flood() -> None:
    import asyncio

    security.configure_password_hashing(memory_kib=8192, time_cost=1, threads=1)
    try:
        hashed = await security.hash_password_off_loop("s3cret-pass")
        # While a verification runs, the loop keeps serving: it is not blocked.
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        ticker = asyncio.create_task(tick())
        assert await security.verify_password_off_loop("s3cret-pass", hashed)
        ticker.cancel()
        assert ticks > 1
        # Past the bound, more hashes are refused at once instead of queueing forever.
        flood = [security.verify_password_off_loop("x", hashed) for _ in range(80)]
        results = await asyncio.gather(*flood, return_exceptions=True)
        busy = [r for r in results if isinstance(r, security.HashingBusy)]
        assert len(busy) == 80 - 64 and all(r is False for r in results if r not in busy)
    finally:
        security.configure_password_hashing(memory_kib=65536, time_cost=3)


async def test_a_hash_starved_at_idle_priority_is_answered_at_normal_priority() -> None:
    """SCHED_IDLE copies never run while the core is busy elsewhere: stand in for that by
    holding the idle thread, and the nice-10 copy must answer after the grace period."""
    import asyncio
    import threading

    security.configure_password_hashing(memory_kib=8192, time_cost=1, threads=1)
    release = threading.Event()
    try:
        hashed = await security.hash_password_off_loop("s3cret-pass")
        security._hashing.idle.submit(release.wait, 30)  # the idle thread is now starved
        verified = await asyncio.wait_for(
            security.verify_password_off_loop("s3cret-pass", hashed), timeout=20
        )
        assert verified is True
        assert not await security.verify_password_off_loop("wrong-pass", hashed)
    finally:
        release.set()
        security.configure_password_hashing(memory_kib=65536, time_cost=3)


def test_idle_hashing_threads_run_at_idle_priority() -> None:
    import os

    if not hasattr(os, "SCHED_IDLE"):
        return
    policy = security._hashing.idle.submit(os.sched_getscheduler, 0).result(timeout=10)
    assert policy == os.SCHED_IDLE
    niceness = security._hashing.busy.submit(os.getpriority, os.PRIO_PROCESS, 0).result(10)
    assert niceness == security.HASHING_NICENESS
