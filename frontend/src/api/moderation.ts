import { unwrap } from './errors';
import {
  messagesDeleteMessage,
  moderationModerateMember,
  moderationReportMessage,
  moderationResolveReport,
  moderationRoomAudit,
  moderationRoomReports,
  roomsDeleteRoom,
  roomsUpdateRoom,
} from './generated';
import type {
  AuditPublic,
  ModerationRequest,
  ReportPublic,
  ReportStatus,
  RoomPublic,
  RoomUpdate,
} from './generated';

// Room-level moderation (docs/moderation.md). 204 answers come back as an empty object.

export const moderateMember = (roomId: number, request: ModerationRequest): Promise<unknown> =>
  unwrap(moderationModerateMember({ path: { room_id: roomId }, body: request }));

export const updateRoom = (roomId: number, update: RoomUpdate): Promise<RoomPublic> =>
  unwrap(roomsUpdateRoom({ path: { room_id: roomId }, body: update }));

export const deleteRoom = (roomId: number): Promise<unknown> =>
  unwrap(roomsDeleteRoom({ path: { room_id: roomId } }));

/** Deletes any message I may delete; the reason lands in the audit log. */
export const moderateDeleteMessage = (messageId: number, reason: string): Promise<unknown> =>
  unwrap(messagesDeleteMessage({ path: { message_id: messageId }, query: reason ? { reason } : undefined }));

export const reportMessage = (messageId: number, reason: string): Promise<unknown> =>
  unwrap(moderationReportMessage({ path: { message_id: messageId }, body: { reason } }));

export const listRoomReports = (roomId: number, status: ReportStatus = 'open'): Promise<ReportPublic[]> =>
  unwrap(moderationRoomReports({ path: { room_id: roomId }, query: { status } }));

export const resolveReport = (
  reportId: number,
  status: Exclude<ReportStatus, 'open'>,
  note = '',
): Promise<ReportPublic> => unwrap(moderationResolveReport({ path: { report_id: reportId }, body: { status, note } }));

/** A room's trail, newest first: pages on with `before_id`, `person` searches names. */
export const listRoomAudit = (
  roomId: number,
  query: { before_id?: number | null; person?: string | null; limit?: number } = {},
): Promise<AuditPublic[]> =>
  unwrap(moderationRoomAudit({ path: { room_id: roomId }, query: { limit: 100, ...query } }));
