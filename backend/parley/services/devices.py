"""A sign-in's device as people read it in their list of sessions."""

from __future__ import annotations

from functools import lru_cache

from ua_parser import parse

DEVICE_MAX = 128


@lru_cache(maxsize=512)
def describe(user_agent: str) -> str:
    """ "Chrome Mobile on Android", "Firefox on Windows"; "" when nothing is known."""
    if not user_agent:
        return ""
    found = parse(user_agent[:512])
    browser = found.user_agent.family if found.user_agent else ""
    system = found.os.family if found.os else ""
    if browser in ("", "Other"):
        browser = ""
    if system in ("", "Other"):
        system = ""
    text = f"{browser} on {system}" if browser and system else browser or system
    return text[:DEVICE_MAX]
