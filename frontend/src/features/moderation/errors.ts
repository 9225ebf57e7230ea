import type { TFunction } from 'i18next';

import { ApiError } from '../../api';

/** The server's own words when it refused (403 details are written for people), else a generic line. */
export function refusalText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('moderation.errors.network');
    if (error.detail) return error.detail;
  }
  return t('moderation.errors.failed');
}
