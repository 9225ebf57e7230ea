"""This instance's sockets: who is connected, which rooms each socket receives."""

from __future__ import annotations

from parley.realtime.broker import Broker, Envelope, room_channel, user_channel
from parley.realtime.connection import Connection, Flusher

# Room frames after which a room's members may differ (joined, left, kicked, banned...,
# or the room itself changed or went): what a join's member cache must not outlive.
# Room frames that change what a join reads besides the change log: who the members are,
# the room itself, and a member's profile (the author names in a replay).
_JOIN_READ_CHANGES = ('{"type":"member"', '{"type":"room"', '{"type":"profile"')


class Hub:
    def __init__(self, broker: Broker) -> None:
        self._broker = broker
        self._rooms: dict[int, set[Connection]] = {}
        self._users: dict[int, set[Connection]] = {}
        self.flusher = Flusher()
        # Per room, bumped by every frame that may change what a join reads besides the
        # change log, and when this instance stops receiving the room (it would not hear
        # of changes then).
        self._generations: dict[int, int] = {}

    # -- what joins read, as far as this instance hears of it -----------------------
    def room_generation(self, room_id: int) -> int:
        """Changes when the room's members, the room or a member's profile may have: a
        cache of what a join reads, keyed by this (and, for messages, the change log's
        position), is right while it is unchanged and the room is received here."""
        return self._generations.get(room_id, 0)

    def _bump(self, room_id: int) -> None:
        self._generations[room_id] = self._generations.get(room_id, 0) + 1

    # -- presence (this instance) ------------------------------------------------
    def online_user_ids(self) -> set[int]:
        return set(self._users)

    def close_all(self, code: int, reason: str) -> None:
        for connections in self._users.values():
            for connection in connections:
                connection.request_close(code, reason)

    def connection_count(self) -> int:
        return sum(len(connections) for connections in self._users.values())

    # -- connections ---------------------------------------------------------------
    async def add(self, connection: Connection) -> bool:
        """Register a socket; True when it is the user's first here (came online)."""
        connections = self._users.setdefault(connection.user_id, set())
        connections.add(connection)
        if len(connections) == 1:
            await self._broker.subscribe(user_channel(connection.user_id))
            return True
        return False

    async def remove(self, connection: Connection) -> bool:
        """Forget a socket; True when it was the user's last here (went offline)."""
        for room_id in list(connection.rooms):
            await self.unsubscribe(connection, room_id)
        connections = self._users.get(connection.user_id, set())
        connections.discard(connection)
        if connections:
            return False
        self._users.pop(connection.user_id, None)
        await self._broker.unsubscribe(user_channel(connection.user_id))
        return True

    async def subscribe(self, connection: Connection, room_id: int) -> None:
        subscribers = self._rooms.setdefault(room_id, set())
        subscribers.add(connection)
        connection.rooms.add(room_id)
        if len(subscribers) == 1:
            await self._broker.subscribe(room_channel(room_id))

    async def unsubscribe(self, connection: Connection, room_id: int) -> None:
        connection.rooms.discard(room_id)
        connection.discard_hold(room_id)
        subscribers = self._rooms.get(room_id)
        if subscribers is None:
            return
        subscribers.discard(connection)
        if not subscribers:
            del self._rooms[room_id]
            self._bump(room_id)
            await self._broker.unsubscribe(room_channel(room_id))

    # -- delivery (called by the broker for every envelope) ------------------------
    def deliver(self, envelope: Envelope) -> None:
        kind, _, ident = envelope.channel.partition(":")
        target = int(ident)
        if kind == "user":
            for connection in tuple(self._users.get(target, ())):
                if envelope.disconnect_code is not None:
                    spared = envelope.spare_session_id is not None and (
                        connection.session_id == envelope.spare_session_id
                    )
                    if envelope.session_id in (None, connection.session_id) and not spared:
                        connection.request_close(envelope.disconnect_code, envelope.frame)
                elif envelope.drop_room is not None:
                    if connection.watches(envelope.drop_room):
                        self._forget_room(connection, envelope.drop_room)
                        connection.enqueue(envelope.out)
                else:
                    connection.enqueue(envelope.out)
            return
        if envelope.frame.startswith(_JOIN_READ_CHANGES):
            self._bump(target)
        subscribers = self._rooms.get(target)
        if not subscribers:
            return
        if envelope.keep_users is not None:
            # The right to read ended for everyone else: they hear why, then nothing more.
            for connection in tuple(subscribers):
                if connection.user_id not in envelope.keep_users:
                    self._forget_room(connection, target)
                    connection.enqueue(envelope.out)
            return
        for connection in tuple(subscribers):
            connection.deliver(target, envelope)
        if envelope.drop_all:
            for connection in tuple(subscribers):
                self._forget_room(connection, target)
        elif envelope.drop_user is not None:
            for connection in self._users.get(envelope.drop_user, ()):
                self._forget_room(connection, target)

    def _forget_room(self, connection: Connection, room_id: int) -> None:
        # Synchronous on purpose: membership ends the moment the event arrives. The
        # broker channel is released lazily when the room next has no subscribers.
        connection.rooms.discard(room_id)
        connection.discard_hold(room_id)
        subscribers = self._rooms.get(room_id)
        if subscribers is not None:
            subscribers.discard(connection)
            if not subscribers:
                del self._rooms[room_id]
                self._bump(room_id)
