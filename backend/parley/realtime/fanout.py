"""The realtime side of events.Publisher: each event becomes frames, serialised once."""

from __future__ import annotations

from parley.events import (
    LEAVING_ACTIONS,
    Event,
    MemberChanged,
    MessageCreated,
    MessageDeleted,
    MessageEdited,
    NotificationsChanged,
    PinChanged,
    PreferencesChanged,
    PresenceChanged,
    ProfileChanged,
    ReactionsChanged,
    ReadAccessLost,
    ReadersNarrowed,
    ReadMoved,
    ReceiptMoved,
    ReportsChanged,
    RoomChanged,
    SessionsEnded,
    Typing,
    UploadChanged,
    UserSuspended,
)
from parley.realtime.broker import Broker, Envelope, room_channel, user_channel
from parley.realtime.protocol import (
    CloseCode,
    MemberFrame,
    MessageDeletedFrame,
    MessageEditedFrame,
    MessageFrame,
    NotificationsFrame,
    PinFrame,
    PreferencesFrame,
    PresenceFrame,
    ProfileFrame,
    ReactionsFrame,
    ReadFrame,
    ReceiptFrame,
    ReportsFrame,
    RevokedFrame,
    RoomFrame,
    TypingNoticeFrame,
    UploadFrame,
    encode,
)


def envelopes_for(event: Event) -> list[Envelope]:
    match event:
        case MessageCreated(message=message):
            frame = encode(MessageFrame(room=message.room_id, message=message))
            return [Envelope(room_channel(message.room_id), frame, message.change_seq)]
        case MessageEdited(message=message):
            frame = encode(MessageEditedFrame(room=message.room_id, message=message))
            return [Envelope(room_channel(message.room_id), frame, message.change_seq)]
        case MessageDeleted(message=message):
            frame = encode(MessageDeletedFrame(room=message.room_id, message=message))
            return [Envelope(room_channel(message.room_id), frame, message.change_seq)]
        case ReactionsChanged(room_id=room_id, message_id=message_id, change_seq=change_seq):
            frame = encode(
                ReactionsFrame(
                    room=room_id,
                    message_id=message_id,
                    change_seq=change_seq,
                    reactions=list(event.reactions),
                )
            )
            return [Envelope(room_channel(room_id), frame, change_seq)]
        case PinChanged(room_id=room_id, message_id=message_id, change_seq=change_seq):
            frame = encode(
                PinFrame(
                    room=room_id,
                    message_id=message_id,
                    change_seq=change_seq,
                    pinned_at=event.pinned_at,
                    pinned_by=event.pinned_by,
                )
            )
            return [Envelope(room_channel(room_id), frame, change_seq)]
        case MemberChanged(room_id=room_id, user_id=user_id, action=action):
            frame = encode(
                MemberFrame(
                    room=room_id,
                    user_id=user_id,
                    action=action,
                    reason=event.reason,
                    until=event.until,
                )
            )
            drop = user_id if action in LEAVING_ACTIONS else None
            # The user hears it on their own channel too: they may not be subscribed.
            return [
                Envelope(room_channel(room_id), frame, drop_user=drop),
                Envelope(user_channel(user_id), frame),
            ]
        case RoomChanged(room=room, action=action):
            # A RoomPublic is a RoomSummary; written as the field's declared type, it drops
            # the caller-specific fields.
            frame = encode(RoomFrame(room=room.id, action=action, data=room))
            return [Envelope(room_channel(room.id), frame, drop_all=action == "deleted")]
        case Typing(room_id=room_id, user_id=user_id, display_name=display_name):
            frame = encode(
                TypingNoticeFrame(room=room_id, user_id=user_id, display_name=display_name)
            )
            return [Envelope(room_channel(room_id), frame)]
        case PresenceChanged(room_id=room_id, online=online, offline=offline):
            frame = encode(PresenceFrame(online=list(online), offline=list(offline)))
            return [Envelope(room_channel(room_id), frame)]
        case ProfileChanged(user=user, room_ids=room_ids):
            frame = encode(ProfileFrame(user=user))
            return [
                Envelope(user_channel(user.id), frame),
                *(Envelope(room_channel(room_id), frame) for room_id in room_ids),
            ]
        case ReadMoved(user_id=user_id, room_id=room_id):
            frame = encode(
                ReadFrame(
                    room=room_id,
                    last_read_seq=event.last_read_seq,
                    unread=event.unread,
                    mentions=event.mentions,
                )
            )
            return [Envelope(user_channel(user_id), frame)]
        case ReceiptMoved(room_id=room_id, user_id=user_id, watcher_ids=watcher_ids):
            frame = encode(
                ReceiptFrame(room=room_id, user_id=user_id, last_read_seq=event.last_read_seq)
            )
            return [Envelope(user_channel(watcher), frame) for watcher in watcher_ids]
        case ReportsChanged(room_id=room_id, open_reports=open_reports, watcher_ids=watchers):
            frame = encode(ReportsFrame(room=room_id, open_reports=open_reports))
            return [Envelope(user_channel(watcher), frame) for watcher in watchers]
        case NotificationsChanged(user_id=user_id, room_id=room_id, settings=settings):
            frame = encode(NotificationsFrame(room=room_id, settings=settings))
            return [Envelope(user_channel(user_id), frame)]
        case PreferencesChanged(user_id=user_id):
            frame = encode(
                PreferencesFrame(
                    locale=event.locale, theme=event.theme, read_receipts=event.read_receipts
                )
            )
            return [Envelope(user_channel(user_id), frame)]
        case UploadChanged(upload=upload, change_seq=change_seq):
            frame = encode(UploadFrame(room=upload.room_id, upload=upload, change_seq=change_seq))
            envelopes = [Envelope(user_channel(upload.uploader_id), frame)]
            if upload.message_id is not None:  # attached: the whole room watches it finish
                envelopes.append(Envelope(room_channel(upload.room_id), frame, change_seq))
            return envelopes
        case ReadersNarrowed(room_id=room_id, readers=readers, reason=reason):
            frame = encode(RevokedFrame(room=room_id, reason=reason))
            return [Envelope(room_channel(room_id), frame, keep_users=readers)]
        case ReadAccessLost(user_id=user_id, room_ids=room_ids, reason=reason):
            return [
                Envelope(
                    user_channel(user_id),
                    encode(RevokedFrame(room=room_id, reason=reason)),
                    drop_room=room_id,
                )
                for room_id in room_ids
            ]
        case SessionsEnded(user_id=user_id, session_id=session_id):
            return [
                Envelope(
                    user_channel(user_id),
                    "Signed out",
                    disconnect_code=CloseCode.UNAUTHENTICATED,
                    session_id=session_id,
                    spare_session_id=event.spare_session_id,
                )
            ]
        case UserSuspended(user_id=user_id, reason=reason, until=until):
            # The close reason is the frame: a stalled socket could never read a notice.
            banned = f"banned until {until.isoformat()}" if until else "banned"
            return [
                Envelope(
                    user_channel(user_id),
                    f"{banned}: {reason}"[:120],
                    disconnect_code=CloseCode.FORBIDDEN,
                )
            ]
    raise TypeError(f"unknown event {event!r}")


class RealtimePublisher:
    def __init__(self, broker: Broker) -> None:
        self._broker = broker

    async def publish(self, event: Event) -> None:
        for envelope in envelopes_for(event):
            await self._broker.publish(envelope)
