"""First load of the SPA on a throttled phone-like browser (issue step 9, point 7).

    backend/.venv/bin/python -m bench.firstload [--runs 3] [--messages 40] [--cpu-slowdown 4]
        [--waterfall]

Starts its own server (fresh SQLite data dir, serving frontend/dist: build it first),
seeds a user, a room and some messages over the API, then opens the room in Debian's
Chromium with Lighthouse's "Slow 4G" numbers through CDP (150 ms latency, 1.6 Mbit/s
down, 750 kbit/s up, `Network.emulateNetworkConditions`) and a 4x CPU slowdown
(`Emulation.setCPUThrottlingRate`), signed in already (the refresh cookie is set) but
with empty caches. The service worker's own fetches (its precache, the API reads it
answers for the page) share the same network throttling and are counted with the page's:
the page's CDP session auto-attaches to the worker before it starts. A response the
worker hands to the page counts once, as the worker's fetch. It prints, per run and as
medians:

- cold: bytes transferred until the first message is visible (`encodedDataLength`, the
  compressed bytes on the wire, headers included, page and worker), first paint, first
  message visible (both from navigation start), and the bytes fetched in all once the
  network (page and worker) went quiet;
- worker: the part of those bytes in all that the service worker fetched (its precache
  of the build's files, which it does after the page's load event);
- warm: the same page reloaded (HTTP cache and service worker in place): first message
  visible and bytes transferred.

`--waterfall` also prints the first run's cold requests: when each left and ended (ms from
navigation start), its bytes, and whether the page or the worker fetched it.

Not a test: run by hand, figures in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
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
NETWORK_EVENTS = (
    "Network.requestWillBeSent",
    "Network.responseReceived",
    "Network.loadingFinished",
)


@dataclass
class Fetch:
    """One request as CDP reported it (timestamps in CDP's monotonic seconds)."""

    url: str
    by_worker: bool
    sent: float
    ended: float | None = None
    size: int = 0
    # Answered by the service worker: its own fetch (if any) already counts the bytes.
    from_worker: bool = False


@dataclass
class Transfer:
    """Bytes on the wire per request, from the CDP Network domain of the page and of the
    service worker (attached as the page's child target)."""

    fetches: dict[str, Fetch] = field(default_factory=dict)

    def attach(self, cdp: CDPSession) -> None:
        for method in NETWORK_EVENTS:
            cdp.on(method, lambda event, method=method: self.on_event(method, event, "page"))

    def on_event(self, method: str, event: dict[str, Any], source: str) -> None:
        # Request ids are only unique per target: the worker's get its session as a prefix.
        key = f"{source}:{event['requestId']}"
        if method == "Network.requestWillBeSent":
            url = event["request"]["url"]
            self.fetches[key] = Fetch(url=url, by_worker=source != "page", sent=event["timestamp"])
            return
        fetch = self.fetches.get(key)
        if fetch is None:
            return
        if method == "Network.responseReceived":
            fetch.from_worker = bool(event["response"].get("fromServiceWorker"))
        elif method == "Network.loadingFinished":
            fetch.ended = event["timestamp"]
            fetch.size = 0 if fetch.from_worker else int(event["encodedDataLength"])

    def total(self, *, by_worker: bool | None = None) -> int:
        return sum(
            fetch.size
            for fetch in self.fetches.values()
            if by_worker is None or fetch.by_worker == by_worker
        )

    def finished(self) -> int:
        return sum(fetch.ended is not None for fetch in self.fetches.values())

    def reset(self) -> None:
        self.fetches.clear()

    def waterfall(self) -> list[str]:
        if not self.fetches:
            return []
        start = min(fetch.sent for fetch in self.fetches.values())
        lines = []
        for fetch in sorted(self.fetches.values(), key=lambda f: f.sent):
            url = httpx.URL(fetch.url)
            ended = f"{(fetch.ended - start) * 1000:6.0f}" if fetch.ended is not None else "     -"
            who = "worker" if fetch.by_worker else ("page<-sw" if fetch.from_worker else "page")
            lines.append(
                f"{(fetch.sent - start) * 1000:6.0f} {ended} ms {fetch.size / 1000:7.1f} KB "
                f"{who:8} {url.path}{'?' + url.query.decode() if url.query else ''}"
            )
        return lines


def watch_workers(cdp: CDPSession, transfer: Transfer, conditions: dict[str, Any]) -> None:
    """Throttles and counts the fetches of the workers the page starts (its service worker).

    Playwright's CDPSession cannot address a flattened child session, so the page's own
    session auto-attaches in the non-flattened mode: commands go through
    Target.sendMessageToTarget and the child's events come back wrapped in
    Target.receivedMessageFromTarget. The worker waits for us before running its script,
    so even its first precache request is throttled."""

    def post(session: str, method: str, params: dict[str, Any]) -> None:
        message = {"id": len(transfer.fetches) + 1, "method": method, "params": params}
        cdp.send(
            "Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps(message)}
        )

    def attached(event: dict[str, Any]) -> None:
        session = event["sessionId"]
        if event["targetInfo"]["type"] in ("service_worker", "worker", "shared_worker"):
            post(session, "Network.enable", {})
            post(session, "Network.emulateNetworkConditions", conditions)
        post(session, "Runtime.runIfWaitingForDebugger", {})

    def received(event: dict[str, Any]) -> None:
        message = json.loads(event["message"])
        if message.get("method") in NETWORK_EVENTS:
            transfer.on_event(message["method"], message["params"], event["sessionId"])

    cdp.on("Target.attachedToTarget", attached)
    cdp.on("Target.receivedMessageFromTarget", received)
    cdp.send(
        "Target.setAutoAttach",
        {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False},
    )


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


def throttle(page: Page, cpu_slowdown: float) -> Transfer:
    cdp = page.context.new_cdp_session(page)
    transfer = Transfer()
    transfer.attach(cdp)
    conditions = {
        "offline": False,
        "latency": LATENCY_MS,
        "downloadThroughput": DOWN_BYTES_PER_S,
        "uploadThroughput": UP_BYTES_PER_S,
    }
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", conditions)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    watch_workers(cdp, transfer, conditions)
    return transfer


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
    """Waits until no request finished for `quiet_s` (the network of the page and of its
    worker went quiet)."""
    deadline = time.monotonic() + limit_s
    seen = -1
    while time.monotonic() < deadline:
        if transfer.finished() == seen:
            return
        seen = transfer.finished()
        page.wait_for_timeout(quiet_s * 1000)


def one_run(
    context: BrowserContext, base_url: str, room_id: int, cpu_slowdown: float, waterfall: bool
) -> dict[str, float]:
    page = context.new_page()
    page.add_init_script(WATCH_FIRST_MESSAGE)
    transfer = throttle(page, cpu_slowdown)
    page.goto(f"{base_url}/rooms/{room_id}", wait_until="commit")
    cold_paint, cold_message = timings(page)
    cold_bytes = transfer.total()
    # The worker controls the page once its precache is complete (clientsClaim).
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
    settle(page, transfer)
    cold_all = transfer.total()
    worker_bytes = transfer.total(by_worker=True)
    if waterfall:
        print("cold waterfall (sent, ended, size, by whom, path):")
        for line in transfer.waterfall():
            print("  " + line)
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
        "worker_bytes": worker_bytes,
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
    parser.add_argument("--waterfall", action="store_true", help="print the first cold load")
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
            for n in range(args.runs):
                # A new context each run: empty HTTP cache, no service worker yet.
                context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
                context.add_cookies(refresh_cookies(server, username))  # type: ignore[arg-type]
                run = one_run(
                    context, server.base_url, room_id, args.cpu_slowdown, args.waterfall and n == 0
                )
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
        print(f"of which the service worker fetched: {medians['worker_bytes'] / 1000:.0f} KB")
        print(
            f"warm reload: first message {medians['warm_first_message_ms'] / 1000:.2f} s, "
            f"{medians['warm_bytes_to_first_message'] / 1000:.0f} KB"
        )
        print("JSON", json.dumps({"runs": len(runs), **medians}))
    finally:
        stop(server)


if __name__ == "__main__":
    main()
