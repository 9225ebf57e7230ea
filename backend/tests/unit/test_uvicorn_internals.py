"""The uvicorn internals Parley builds on, checked one by one.

realtime/wire.py subclasses uvicorn's sans-io WebSocket protocol, a class no release
promises to keep, and cli.py drives uvicorn's multi-process supervisor. pyproject.toml
pins uvicorn to the minor release tested here; before raising that pin, run this file:
each test checks one piece and names it (in its id and its message), so an upgrade that
moves something fails here, saying what, rather than somewhere deep in tests/ws. The
later tests drive a real handshake through FramedWebSocketProtocol on a fake transport,
so a change of behaviour, not only of names, fails too.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import socket
import textwrap
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, cast

import pytest
import uvicorn
from uvicorn.protocols.websockets import websockets_sansio_impl
from uvicorn.server import ServerState
from websockets.http11 import Response
from websockets.server import ServerProtocol

from parley.realtime.slim_sync import Flag, Inbox
from parley.realtime.wire import SEND_BUFFER_BYTES, WIRE_EXTENSION, FramedWebSocketProtocol

Base = websockets_sansio_impl.WebSocketsSansIOProtocol
Message = MutableMapping[str, Any]

HANDSHAKE = (
    b"GET /ws HTTP/1.1\r\n"
    b"Host: parley.test\r\n"
    b"Upgrade: websocket\r\n"
    b"Connection: Upgrade\r\n"
    b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    b"Sec-WebSocket-Version: 13\r\n"
)
OFFER_DEFLATE = b"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"


# --- names and shapes -------------------------------------------------------------


def test_the_sans_io_protocol_class_is_where_wire_imports_it_from() -> None:
    assert issubclass(Base, asyncio.Protocol), "WebSocketsSansIOProtocol is no asyncio.Protocol"
    assert FramedWebSocketProtocol.__mro__[1] is Base


# Methods FramedWebSocketProtocol overrides and calls through super(), with the number
# of positional arguments it passes. Each must be uvicorn's own (not asyncio.Protocol's
# no-op): pause/resume_writing are uvicorn's flow control that ASGI `send` waits on, and
# handle_connect is where uvicorn builds the scope and starts the app.
OVERRIDDEN = {
    "connection_made": 1,  # (transport)
    "handle_connect": 1,  # (event: websockets.http11.Request)
    "pause_writing": 0,
    "resume_writing": 0,
    "connection_lost": 1,  # (exc)
}


@pytest.mark.parametrize(("name", "arguments"), OVERRIDDEN.items())
def test_overridden_method_exists_on_uvicorns_class(name: str, arguments: int) -> None:
    assert name in vars(Base), f"uvicorn's WebSocketsSansIOProtocol no longer defines {name}()"
    parameters = list(inspect.signature(vars(Base)[name]).parameters.values())[1:]
    assert len(parameters) == arguments, f"{name}{inspect.signature(vars(Base)[name])}"
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters), name


def test_constructor_takes_what_uvicorns_http_protocols_pass() -> None:
    # h11_impl and httptools_impl build the protocol on upgrade with these keywords;
    # FramedWebSocketProtocol.__init__ passes them through untouched.
    parameters = inspect.signature(Base.__init__).parameters
    for name in ("config", "server_state", "app_state"):
        assert name in parameters, f"WebSocketsSansIOProtocol.__init__ lost {name!r}"


def test_config_accepts_the_protocol_class_itself() -> None:
    # main.server_config passes the class, not an import string.
    config = uvicorn.Config(
        _idle_app, ws=FramedWebSocketProtocol, log_config=None, lifespan="off", interface="asgi3"
    )
    config.load()
    assert config.ws_protocol_class is FramedWebSocketProtocol


def test_cli_supervisor_pieces() -> None:
    # cli._run_workers: Multiprocess(config, sockets=[...]).run(), then every
    # process's exitcode against STARTUP_FAILURE. (Constructing Multiprocess installs
    # signal handlers, so only its shape is checked.)
    from uvicorn.config import STARTUP_FAILURE
    from uvicorn.supervisors import Multiprocess
    from uvicorn.supervisors.multiprocess import Process

    assert isinstance(STARTUP_FAILURE, int)
    assert list(inspect.signature(Multiprocess.__init__).parameters) == [
        "self",
        "config",
        "sockets",
    ]
    assert callable(Multiprocess.run), "Multiprocess.run"
    assert "processes" in Multiprocess.__init__.__code__.co_names, "Multiprocess.processes"
    assert isinstance(inspect.getattr_static(Process, "exitcode"), property), "Process.exitcode"


# --- behaviour, on a fake transport -------------------------------------------------


class FakeTransport:
    """Records writes; hands out a real (unconnected) socket for SO_SNDBUF."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.written: list[bytes] = []
        self.closing = False

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self.sock if name == "socket" else default

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True

    def pause_reading(self) -> None: ...

    def resume_reading(self) -> None: ...


class AcceptingApp:
    """Accepts, remembers the scope extensions it saw when it first ran, then obeys."""

    def __init__(self) -> None:
        self.extensions: dict[str, Any] | None = None
        self.accepted = asyncio.Event()
        self.outbox: asyncio.Queue[Message] = asyncio.Queue()

    async def __call__(
        self,
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        self.extensions = dict(scope["extensions"])
        assert (await receive())["type"] == "websocket.connect"
        await send({"type": "websocket.accept"})
        self.accepted.set()
        while (message := await self.outbox.get())["type"] != "stop":
            await send(message)
        await receive()  # the disconnect


async def _idle_app(scope: Message, receive: Any, send: Any) -> None:
    return None


def _connect(
    app: AcceptingApp, *, deflate: bool
) -> tuple[FramedWebSocketProtocol, FakeTransport, ServerState]:
    config = uvicorn.Config(
        app,
        ws=FramedWebSocketProtocol,
        ws_per_message_deflate=deflate,
        log_config=None,
        lifespan="off",
        interface="asgi3",
        proxy_headers=False,
    )
    config.load()
    state = ServerState()
    protocol = FramedWebSocketProtocol(config=config, server_state=state, app_state={})
    transport = FakeTransport()
    protocol.connection_made(transport)
    return protocol, transport, state


async def _finish(protocol: FramedWebSocketProtocol, app: AcceptingApp, state: ServerState) -> None:
    app.outbox.put_nowait({"type": "stop"})
    protocol.connection_lost(None)
    await asyncio.wait_for(asyncio.gather(*state.tasks), timeout=5)


@pytest.fixture
def app() -> AcceptingApp:
    return AcceptingApp()


async def test_state_wire_reads_exists_once_connected(app: AcceptingApp) -> None:
    protocol, transport, _state = _connect(app, deflate=False)
    assert cast(object, protocol.transport) is transport, "connection_made() sets .transport"
    assert protocol.close_sent is False, "WebSocketsSansIOProtocol.close_sent"
    assert protocol.disconnected is False, "WebSocketsSansIOProtocol.disconnected"
    assert isinstance(protocol.conn, ServerProtocol), "WebSocketsSansIOProtocol.conn"
    # connection_made capped the send buffer (Linux reports twice the value set).
    sndbuf = transport.sock.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)
    assert SEND_BUFFER_BYTES <= sndbuf <= 2 * SEND_BUFFER_BYTES
    transport.sock.close()


async def test_handshake_offers_the_wire_before_the_app_runs(app: AcceptingApp) -> None:
    protocol, transport, state = _connect(app, deflate=False)
    protocol.data_received(HANDSHAKE + OFFER_DEFLATE + b"\r\n")
    # handle_connect has returned: uvicorn must only have *scheduled* the app, since
    # wire.py adds its extension to the scope after super().handle_connect().
    assert app.extensions is None, "uvicorn now runs the ASGI app inside handle_connect"
    assert isinstance(protocol.response, Response), "WebSocketsSansIOProtocol.response"
    assert protocol.response.status_code == 101
    assert protocol.conn.extensions == [], "ServerProtocol.extensions (deflate is off)"
    await asyncio.wait_for(app.accepted.wait(), timeout=5)
    assert app.extensions is not None
    assert app.extensions[WIRE_EXTENSION] == {"wire": protocol}
    assert transport.written[-1].startswith(b"HTTP/1.1 101")
    await _finish(protocol, app, state)
    transport.sock.close()


async def test_negotiated_compression_withholds_the_wire(app: AcceptingApp) -> None:
    protocol, transport, state = _connect(app, deflate=True)
    protocol.data_received(HANDSHAKE + OFFER_DEFLATE + b"\r\n")
    assert protocol.conn.extensions, "ServerProtocol.extensions lists negotiated extensions"
    await asyncio.wait_for(app.accepted.wait(), timeout=5)
    assert app.extensions is not None and WIRE_EXTENSION not in app.extensions
    await _finish(protocol, app, state)
    transport.sock.close()


async def test_a_refused_handshake_leaves_the_scope_alone(app: AcceptingApp) -> None:
    protocol, transport, state = _connect(app, deflate=False)
    bad_version = HANDSHAKE.replace(b"Version: 13", b"Version: 8")
    protocol.data_received(bad_version + b"\r\n")
    assert protocol.response.status_code != 101
    assert not hasattr(protocol, "scope") and not state.tasks
    assert transport.closing
    transport.sock.close()


async def test_write_follows_uvicorns_close_and_flow_control(app: AcceptingApp) -> None:
    protocol, transport, state = _connect(app, deflate=False)
    protocol.data_received(HANDSHAKE + b"\r\n")
    await asyncio.wait_for(app.accepted.wait(), timeout=5)
    woken: list[str] = []
    protocol.on_writable(lambda: woken.append("woken"))

    protocol.write([b"\x81\x02hi", b"\x81\x02yo"])
    assert transport.written[-1] == b"\x81\x02hi\x81\x02yo"

    protocol.pause_writing()
    assert protocol.write_paused and not protocol.writable.is_set(), "uvicorn's .writable"
    protocol.resume_writing()
    assert not protocol.write_paused and protocol.writable.is_set() and woken == ["woken"]

    # An ASGI close sets uvicorn's close_sent: nothing may follow the close frame.
    app.outbox.put_nowait({"type": "websocket.close", "code": 1000})
    for _ in range(100):
        if protocol.close_sent:
            break
        await asyncio.sleep(0)
    assert protocol.close_sent, "uvicorn no longer sets close_sent on websocket.close"
    before = len(transport.written)
    protocol.write([b"\x81\x02no"])
    assert len(transport.written) == before

    await _finish(protocol, app, state)
    assert protocol.disconnected, "connection_lost() no longer sets .disconnected"
    assert woken == ["woken", "woken"]  # the loss wakes a waiting connection too
    transport.sock.close()


# --- what wire.py slims ---------------------------------------------------------------


def _self_attribute_uses(attribute: str) -> list[tuple[str, str | None]]:
    """Every `self.<attribute>` in uvicorn's class: (enclosing method, the name read off
    it, e.g. "put_nowait" for self.queue.put_nowait, or None when used bare)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(Base)))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    uses: list[tuple[str, str | None]] = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Attribute)
            and node.attr == attribute
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            continue
        method: ast.AST = node
        while not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
            method = parents[method]
        parent = parents[node]
        read = parent.attr if isinstance(parent, ast.Attribute) else None
        uses.append((method.name, read))
    return uses


@pytest.mark.parametrize(
    ("attribute", "offered"),
    [
        ("queue", {"put_nowait", "get", "empty", "qsize"}),
        ("writable", {"set", "clear", "wait", "is_set"}),
    ],
)
def test_uvicorn_calls_only_what_the_slim_replacements_offer(
    attribute: str, offered: set[str]
) -> None:
    calls = {read for method, read in _self_attribute_uses(attribute) if method != "__init__"}
    assert calls <= offered, f"uvicorn now calls self.{attribute}.{calls - offered}"


@pytest.mark.parametrize("attribute", ["request", "response"])
def test_uvicorn_reads_the_handshake_only_while_shaking_hands(attribute: str) -> None:
    # wire.py drops both once the response has gone out: nothing after may read them.
    methods = {method for method, _read in _self_attribute_uses(attribute)}
    assert methods <= {"handle_connect", "send"}, f"self.{attribute} is read in {methods}"


async def test_an_open_socket_keeps_no_handshake_and_slim_queues(app: AcceptingApp) -> None:
    protocol, transport, state = _connect(app, deflate=False)
    protocol.data_received(HANDSHAKE + b"Origin: http://parley.test\r\n\r\n")
    request = protocol.request
    await asyncio.wait_for(app.accepted.wait(), timeout=5)
    assert transport.written[-1].startswith(b"HTTP/1.1 101")
    assert protocol.request is None and protocol.response is None
    assert not request.headers, "the parser's copy of the request keeps no headers"
    assert isinstance(protocol.queue, Inbox) and isinstance(protocol.writable, Flag)
    # A message still reaches the app through the slim queue, and flow control still works.
    protocol.data_received(
        b"\x81\x82abcd" + bytes(a ^ b for a, b in zip(b"hi", b"ab", strict=True))
    )
    assert protocol.queue.qsize() == 1
    assert (await protocol.receive()) == {"type": "websocket.receive", "text": "hi"}
    await _finish(protocol, app, state)
    transport.sock.close()
