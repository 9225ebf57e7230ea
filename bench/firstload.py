"""First load of the SPA on a throttled phone-like browser (issue step 9, point 7).

    backend/.venv/bin/python -m bench.firstload [--runs 3] [--messages 40] [--cpu-slowdown 4]

Starts its own server (fresh SQLite data dir, serving frontend/dist: build it first),
seeds a user, a room and some messages over the API, then opens the room in Debian's
Chromium with Lighthouse's "Slow 4G" numbers through CDP (150 ms latency, 1.6 Mbit/s
down, 750 kbit/s up, `Network.emulateNetworkConditions`) and a 4x CPU slowdown
(`Emulation.setCPUThrottlingRate`), signed in already (the refresh cookie is set) but
with empty caches. It prints, per run and as medians:

- cold: bytes transferred until the first message is visible (`encodedDataLength`, the
  compressed bytes on the wire, headers included), first paint, first message visible
  (both from navigation start), and the bytes the page fetched in all once the network
  went quiet;
- worker: what the service worker then precaches in the background (the build's
  compressed size of the precached files the page had not fetched itself);
- warm: the same page reloaded (HTTP cache and service worker in place): first message
  visible and bytes transferred.

Not a test: run by hand, figures in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from playwright.sync_api import BrowserContext, CDPSession, Page, sync_playwright
from websockets.sync.client import connect

from .server import REPO, Server, spawn, stop

DIST = REPO / "frontend" / "dist"
# Lighthouse's "Slow 4G" (its mobile throttling preset), in CDP's units (bytes/s, ms).
LATENCY_MS = 150
DOWN_BYTES_PER_S = 1.6 * 1024 * 1024 / 8
UP_BYTES_PER_S = 750 * 1024 / 8
CPU_SLOWDOWN = 4
PHONE = {"width": 412, "height": 915}
PASSWORD = "correct horse battery staple"  # noqa: S105 (a throwaway bench account)
# Written by an init script (the bench's, not the app's): when the first message shows.
WATCH_FIRST_MESSAGE = """
new MutationObserver((_, observer) => {
  if (document.querySelector('[data-testid="message"]')) {
    window.__firstMessageAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""


@dataclass
class Transfer:
    """Bytes on the wire per request, from the page's CDP Network domain."""

    sizes: dict[str, int] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)

    def attach(self, cdp: CDPSession) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event: dict[str, Any]) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event: dict[str, Any]) -> None:
        self.sizes[event["requestId"]] = int(event["encodedDataLength"])

    def total(self) -> int:
        return sum(self.sizes.values())

    def fetched_paths(self) -> set[str]:
        return {httpx.URL(url).path for url in self.urls.values()}

    def reset(self) -> None:
        self.sizes.clear()
        self.urls.clear()


def seed(server: Server, messages: int) -> tuple[int, str]:
    """A user, a room and `messages` messages; returns the room id and the username."""
    username = f"phone{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=server.base_url, timeout=30) as api:
        signup = api.post(
            "/api/auth/signup",
            json={"username": username, "password": PASSWORD, "display_name": "Phone Person"},
        )
        signup.raise_for_status()
        login = api.post("/api/auth/login", data={"username": username, "password": PASSWORD})
        login.raise_for_status()
        token = login.json()["access_token"]
        room = api.post(
            "/api/rooms",
            json={"name": f"bench-{uuid.uuid4().hex[:6]}", "topic": "first load"},
            headers={"Authorization": f"Bearer {token}"},
        )
        room.raise_for_status()
        room_id = int(room.json()["id"])
    ws_url = server.base_url.replace("http", "ws", 1) + "/ws"
    with connect(ws_url, origin=server.origin, open_timeout=30) as socket:
        socket.send(json.dumps({"type": "auth", "token": token}))
        _wait_for(socket, "ready")
        socket.send(json.dumps({"type": "join", "room": room_id}))
        _wait_for(socket, "joined")
        for n in range(messages):
            body = (
                f"Message {n}: the **first load** on a phone, with a link https://example.org/{n}"
            )
            frame = {"type": "send", "room": room_id, "client_id": uuid.uuid4().hex, "body": body}
            socket.send(json.dumps(frame))
            _wait_for(socket, "ack")
    return room_id, username


def _wait_for(socket: Any, kind: str) -> dict[str, Any]:
    while True:
        frame = json.loads(socket.recv(timeout=30))
        if frame["type"] in (kind, "error"):
            assert frame["type"] == kind, frame
            return dict(frame)


def refresh_cookies(server: Server, username: str) -> list[dict[str, Any]]:
    """The refresh cookie of a fresh login, for a browser context that is signed in but
    has never loaded the app."""
    with httpx.Client(base_url=server.base_url, timeout=30) as api:
        login = api.post("/api/auth/login", data={"username": username, "password": PASSWORD})
        login.raise_for_status()
        return [
            {
                "name": cookie.name,
                "value": cookie.value or "",
                "domain": "127.0.0.1",
                "path": cookie.path,
                "httpOnly": True,
                "secure": bool(cookie.secure),
                "sameSite": "Strict",
            }
            for cookie in api.cookies.jar
        ]


def throttle(page: Page, cpu_slowdown: float) -> tuple[CDPSession, Transfer]:
    cdp = page.context.new_cdp_session(page)
    transfer = Transfer()
    transfer.attach(cdp)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_BYTES_PER_S,
            "uploadThroughput": UP_BYTES_PER_S,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    return cdp, transfer


def timings(page: Page) -> tuple[float, float]:
    """(first paint, first message visible), ms from navigation start."""
    page.wait_for_function("() => window.__firstMessageAt !== undefined", timeout=120_000)
    paint = page.evaluate(
        """() => {
            const entries = performance.getEntriesByType('paint');
            const first = entries.find((e) => e.name === 'first-contentful-paint') ?? entries[0];
            return first ? first.startTime : -1;
        }"""
    )
    message = page.evaluate("() => window.__firstMessageAt")
    return float(paint), float(message)


def settle(page: Page, transfer: Transfer, quiet_s: float = 2.0, limit_s: float = 60.0) -> None:
    """Waits until no request finished for `quiet_s` (the page's network went quiet)."""
    deadline = time.monotonic() + limit_s
    seen = -1
    while time.monotonic() < deadline:
        if len(transfer.sizes) == seen:
            return
        seen = len(transfer.sizes)
        page.wait_for_timeout(quiet_s * 1000)


def precached_rest(fetched: set[str]) -> int:
    """Compressed bytes of what the worker precaches that the page had not fetched."""
    manifest = re.findall(r'"url":"([^"]+)"', (DIST / "sw.js").read_text())
    total = 0
    for url in set(manifest):
        path = "/" + url.lstrip("/")
        # index.html is fetched again (with its revision), so it always counts.
        if path in fetched and path != "/index.html":
            continue
        file = DIST / url
        compressed = file.with_name(file.name + ".br")
        total += (compressed if compressed.exists() else file).stat().st_size
    return total


def one_run(
    context: BrowserContext, base_url: str, room_id: int, cpu_slowdown: float
) -> dict[str, float]:
    page = context.new_page()
    page.add_init_script(WATCH_FIRST_MESSAGE)
    _, transfer = throttle(page, cpu_slowdown)
    page.goto(f"{base_url}/rooms/{room_id}", wait_until="commit")
    cold_paint, cold_message = timings(page)
    cold_bytes = transfer.total()
    settle(page, transfer)
    cold_all = transfer.total()
    fetched = transfer.fetched_paths()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
    worker_bytes = precached_rest(fetched)
    transfer.reset()
    page.reload(wait_until="commit")
    warm_paint, warm_message = timings(page)
    warm_bytes = transfer.total()
    page.close()
    return {
        "cold_bytes_to_first_message": cold_bytes,
        "cold_bytes_all": cold_all,
        "cold_first_paint_ms": cold_paint,
        "cold_first_message_ms": cold_message,
        "worker_precache_bytes": worker_bytes,
        "warm_first_paint_ms": warm_paint,
        "warm_first_message_ms": warm_message,
        "warm_bytes_to_first_message": warm_bytes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--messages", type=int, default=40)
    parser.add_argument("--cpu", default="0", help="taskset list for the server")
    parser.add_argument("--cpu-slowdown", type=float, default=CPU_SLOWDOWN)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    args = parser.parse_args()
    if not (DIST / "index.html").is_file():
        raise SystemExit("frontend/dist is missing: cd frontend && npm run build")

    server = spawn(cpu=args.cpu, env_overrides={"PARLEY_STATIC_DIR": str(DIST)})
    try:
        room_id, username = seed(server, args.messages)
        runs: list[dict[str, float]] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium)
            for _ in range(args.runs):
                # A new context each run: empty HTTP cache, no service worker yet.
                context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
                context.add_cookies(refresh_cookies(server, username))  # type: ignore[arg-type]
                run = one_run(context, server.base_url, room_id, args.cpu_slowdown)
                context.close()
                runs.append(run)
                print("run", json.dumps(run))
            browser.close()
        medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        print(
            f"conditions: latency {LATENCY_MS} ms, down 1.6 Mbit/s, up 750 kbit/s, "
            f"CPU x{args.cpu_slowdown:g}, {PHONE['width']}x{PHONE['height']}, "
            f"{args.messages} messages, load average {os.getloadavg()[0]:.1f}"
        )
        print(
            f"cold: {medians['cold_bytes_to_first_message'] / 1000:.0f} KB to the first message "
            f"({medians['cold_bytes_all'] / 1000:.0f} KB in all), first paint "
            f"{medians['cold_first_paint_ms'] / 1000:.2f} s, first message "
            f"{medians['cold_first_message_ms'] / 1000:.2f} s"
        )
        print(f"worker precache afterwards: {medians['worker_precache_bytes'] / 1000:.0f} KB")
        print(
            f"warm reload: first message {medians['warm_first_message_ms'] / 1000:.2f} s, "
            f"{medians['warm_bytes_to_first_message'] / 1000:.0f} KB"
        )
        print("JSON", json.dumps({"runs": len(runs), **medians}))
    finally:
        stop(server)


if __name__ == "__main__":
    main()
