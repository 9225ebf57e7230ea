import type { TFunction } from 'i18next';

import type en from '../../i18n/locales/en.json';

type KnownAction = keyof typeof en.moderation.audit.actions;

// The catalogue's own keys, spelled out: importing en.json here would bundle the whole
// English catalogue into the first page's chunk (it loads with its language instead). The
// Record type makes the compiler refuse a list with a key missing or one too many.
const KNOWN: Record<KnownAction, true> = {
  mute: true,
  unmute: true,
  kick: true,
  ban: true,
  unban: true,
  promote: true,
  demote: true,
  auto_mute: true,
  lock_room: true,
  unlock_room: true,
  slow_mode: true,
  delete_room: true,
  delete_message: true,
  resolve_report: true,
  dismiss_report: true,
  site_ban: true,
  site_unban: true,
  set_role: true,
};

const isKnown = (action: string): action is KnownAction => Object.hasOwn(KNOWN, action);

/** Audit actions the server writes today (backend/parley/services), for filters. */
export const AUDIT_ACTIONS = Object.keys(KNOWN) as KnownAction[];

/** A translated label; an action newer than this client shows as its code rather than nothing. */
export function auditActionLabel(action: string, t: TFunction): string {
  return isKnown(action) ? t(`moderation.audit.actions.${action}`) : action;
}
