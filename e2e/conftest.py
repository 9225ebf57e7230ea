"""Fixtures for the end-to-end suite: one real Parley server, one Chromium, a context per test.

The server is the same `python -m parley serve` a user runs, on a free port, with a fresh
data directory (so a fresh SQLite database) and the built SPA from frontend/dist.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from smtp_sink import Mailbox, start_mailbox

if TYPE_CHECKING:
    from rooms import Person

E2E_DIR = Path(__file__).resolve().parent
REPO = E2E_DIR.parent
BACKEND = REPO / "backend"
ARTIFACTS = E2E_DIR / "artifacts"
SERVER_START_TIMEOUT_S = 60
# Assertions wait for their condition; Playwright's default of 5 s is too short a wait on
# a busy machine (a reload that rebuilds the page, a socket reconnecting with backoff),
# so every `expect` waits up to 15 s. A passing assertion still returns at once.
expect.set_options(timeout=15_000)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _backend_python() -> str:
    venv_python = BACKEND / ".venv" / "bin" / "python"
    if not venv_python.exists():
        pytest.fail(f"{venv_python} is missing: run `make install` first")
    return str(venv_python)


def _server_env(port: int, data_dir: Path, smtp_port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PARLEY_")}
    env.update(
        # Reset emails go to the tests' own mailbox (the `mailbox` fixture).
        PARLEY_SMTP_HOST="127.0.0.1",
        PARLEY_SMTP_PORT=str(smtp_port),
        PARLEY_SMTP_SECURITY="none",
        PARLEY_SMTP_FROM="Parley <parley@example.com>",
        PARLEY_HOST="127.0.0.1",
        PARLEY_PORT=str(port),
        PARLEY_DATA_DIR=str(data_dir),
        PARLEY_LOG_LEVEL="warning",
        # Every test signs in from the same address; the limiter itself is tested in backend/.
        PARLEY_LOGIN_RATE_LIMIT="1000/minute",
        PARLEY_LOGIN_ADDRESS_RATE_LIMIT="100000/minute",
        PARLEY_SIGNUP_RATE_LIMIT="100000/hour",
        PARLEY_ROOM_CREATE_RATE_LIMIT="100000/hour",
        PARLEY_DIRECT_CREATE_RATE_LIMIT="100000/hour",
        # Tests seed history over /ws in bursts (wire.py); the send limit is tested in backend/.
        PARLEY_SEND_RATE_LIMIT="1000 per 5 seconds",
    )
    database_url = os.environ.get("PARLEY_E2E_DATABASE_URL")
    if database_url:
        env["PARLEY_DATABASE_URL"] = database_url
    return env


def _wait_until_healthy(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"parley serve exited with {process.returncode}:\n{log_path.read_text()[-4000:]}"
            )
        try:
            if httpx.get(f"{base_url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    log_tail = log_path.read_text()[-4000:]
    pytest.fail(f"parley serve was not healthy after {SERVER_START_TIMEOUT_S}s:\n{log_tail}")


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    """Every letter the server sends (password resets), kept on a local SMTP server."""
    box, controller = start_mailbox(_free_port())
    yield box
    controller.stop()


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory, mailbox: Mailbox) -> Iterator[str]:
    if not (REPO / "frontend" / "dist" / "index.html").exists():
        pytest.fail("frontend/dist is missing: run `npm run build` in frontend/ (or `make test`)")
    data_dir = tmp_path_factory.mktemp("parley-data")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = data_dir / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [_backend_python(), "-m", "parley", "serve"],
            cwd=BACKEND,
            env=_server_env(port, data_dir, mailbox.port),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_healthy(process, url, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


def _chromium_path() -> str | None:
    """CHROMIUM_PATH, else Debian's chromium, else Playwright's own download (None)."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    system = Path("/usr/bin/chromium")
    return str(system) if system.exists() else shutil.which("chromium")


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    # Remember each phase's outcome on the test item so fixtures can tell, at teardown,
    # whether the test failed and artifacts are worth keeping.
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"report_{report.when}", report)


def _failed(node: pytest.Item) -> bool:
    return any(
        getattr(getattr(node, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


def _artifact_stem(node: pytest.Item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", node.nodeid).strip("_")


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def new_context(
    browser: Browser, base_url: str, request: pytest.FixtureRequest
) -> Iterator[NewContext]:
    """Opens isolated browser contexts (one per simulated person); traced, and kept on failure."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("locale", "en-US")
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(10_000)
        context.tracing.start(screenshots=True, snapshots=True)
        contexts.append(context)
        return context

    yield make

    failed = _failed(request.node)
    stem = _artifact_stem(request.node)
    for index, context in enumerate(contexts):
        suffix = f"-{index}" if len(contexts) > 1 else ""
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for page_index, page in enumerate(context.pages):
                page.screenshot(
                    path=ARTIFACTS / f"{stem}{suffix}-page{page_index}.png", full_page=True
                )
            context.tracing.stop(path=ARTIFACTS / f"{stem}{suffix}.trace.zip")
        else:
            context.tracing.stop()
        context.close()


DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}


def phone_device(playwright: Playwright, width: int | None = None) -> dict[str, Any]:
    """Context options for Playwright's Pixel 7 (touch, mobile user agent), 412 px wide
    unless narrowed to `width`: 360 px is the narrowest every screen must fit."""
    device = dict(playwright.devices["Pixel 7"])
    device.pop("default_browser_type", None)  # a device option, not a context option
    if width is not None:
        device["viewport"] = {"width": width, "height": 740}
        device["screen"] = {"width": width, "height": 740}
    return device


def device_context(kind: str, new_context: NewContext, playwright: Playwright) -> BrowserContext:
    """A desktop context, or for kind "phone" a 360 px phone."""
    if kind == "phone":
        return new_context(**phone_device(playwright, width=360))
    return new_context(**DESKTOP)


@pytest.fixture
def page(new_context: NewContext) -> Page:
    """A desktop-sized page."""
    return new_context(viewport={"width": 1280, "height": 800}).new_page()


@pytest.fixture
def phone_page(new_context: NewContext, playwright: Playwright) -> Page:
    """A page on Playwright's Pixel 7 (412 px wide, touch, mobile user agent)."""
    return new_context(**phone_device(playwright)).new_page()


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    display_name: str


@pytest.fixture
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client


def unique_username(prefix: str = "u") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


@pytest.fixture
def make_account(api: httpx.Client) -> Callable[..., Account]:
    """Creates a user over the API; the UI is only for tests whose subject is signup."""

    def create(
        display_name: str = "E2E Person", password: str = "correct horse battery"
    ) -> Account:
        account = Account(unique_username(), password, display_name)
        response = api.post(
            "/api/auth/signup",
            json={"username": account.username, "password": password, "display_name": display_name},
        )
        assert response.status_code == 201, response.text
        return account

    return create


ADMIN_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def site_admin(
    base_url: str, tmp_path_factory: pytest.TempPathFactory, mailbox: Mailbox
) -> Account:
    """A site admin in the session's server, made with the CLI against its data directory
    (`python -m parley create-admin`: the shared database already has its first user)."""
    data_dirs = sorted(tmp_path_factory.getbasetemp().glob("parley-data*"))
    assert data_dirs, "the server fixture's data directory was not found"
    account = Account(unique_username("admin"), ADMIN_PASSWORD, "Site Admin")
    env = _server_env(0, data_dirs[0], mailbox.port)
    env["PARLEY_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    result = subprocess.run(
        [
            _backend_python(),
            "-m",
            "parley",
            "create-admin",
            account.username,
            "--display-name",
            account.display_name,
        ],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return account


@pytest.fixture
def chat_pair(
    new_context: NewContext,
    playwright: Playwright,
    api: httpx.Client,
    make_account: Callable[..., Account],
) -> tuple[Person, Person]:
    """alice on a desktop and bob on a Pixel 7, both in the same new room."""
    from rooms import Person, create_room, join_room, open_room  # rooms imports this module

    alice_account = make_account(display_name="Alice")
    bob_account = make_account(display_name="Bob")
    room_id = create_room(api, alice_account)
    join_room(api, bob_account, room_id)

    alice_context = new_context(viewport={"width": 1280, "height": 800})
    bob_context = new_context(**phone_device(playwright))
    alice = Person(alice_account, alice_context, open_room(alice_context, alice_account, room_id))
    bob = Person(bob_account, bob_context, open_room(bob_context, bob_account, room_id))
    return alice, bob
