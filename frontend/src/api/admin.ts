import { unwrap } from './errors';
import {
  adminAllReports,
  adminBanUser,
  adminListUsers,
  adminReadAudit,
  adminReadStats,
  adminUnbanUser,
  adminUpdateUser,
} from './generated';
import type { AdminStats, AdminUserPublic, AuditPublic, ReportPublic, ReportStatus, Role } from './generated';

// Site administration: every route answers 403 unless I am a site admin.

export const readAdminStats = (): Promise<AdminStats> => unwrap(adminReadStats());

/** Accounts by username, `q` matching names as the people directory does; paged by offset. */
export const listAdminUsers = (q: string, limit = 50, offset = 0): Promise<AdminUserPublic[]> =>
  unwrap(adminListUsers({ query: { ...(q ? { q } : {}), limit, ...(offset > 0 ? { offset } : {}) } }));

/** A site ban, until lifted or for `durationSeconds`. */
export const banUser = (userId: number, reason: string, durationSeconds?: number): Promise<unknown> =>
  unwrap(adminBanUser({ path: { user_id: userId }, body: { reason, duration_seconds: durationSeconds } }));

export const unbanUser = (userId: number, reason: string): Promise<unknown> =>
  unwrap(adminUnbanUser({ path: { user_id: userId }, body: { reason } }));

export const setUserRole = (userId: number, role: Role): Promise<unknown> =>
  unwrap(adminUpdateUser({ path: { user_id: userId }, body: { role } }));

export const listAllReports = (status: ReportStatus = 'open'): Promise<ReportPublic[]> =>
  unwrap(adminAllReports({ query: { status } }));

export interface AuditFilters {
  room_id?: number | null;
  actor_id?: number | null;
  action?: string | null;
  since?: string | null;
  until?: string | null;
  before_id?: number | null;
  /** Part of the actor's or target's name. */
  person?: string | null;
  limit?: number;
}

export const listAudit = (filters: AuditFilters): Promise<AuditPublic[]> =>
  unwrap(adminReadAudit({ query: filters }));
