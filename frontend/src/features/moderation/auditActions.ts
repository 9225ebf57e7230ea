import type { TFunction } from 'i18next';

import en from '../../i18n/locales/en.json';

type KnownAction = keyof typeof en.moderation.audit.actions;

const isKnown = (action: string): action is KnownAction => Object.hasOwn(en.moderation.audit.actions, action);

/** Audit actions the server writes today (backend/parley/services), for filters. */
export const AUDIT_ACTIONS = Object.keys(en.moderation.audit.actions) as KnownAction[];

/** A translated label; an action newer than this client shows as its code rather than nothing. */
export function auditActionLabel(action: string, t: TFunction): string {
  return isKnown(action) ? t(`moderation.audit.actions.${action}`) : action;
}
