import { ApiError } from '../../api';
import type en from '../../i18n/locales/en.json';

export type AuthErrorKey = `auth.errors.${keyof typeof en.auth.errors}`;

export interface Message {
  key: AuthErrorKey;
  values?: { seconds: number } | { until: Date; formatParams: { until: Intl.DateTimeFormatOptions } };
}

// A timed site ban's refusal ends with its end: "This account is banned until <ISO time>".
const BANNED_UNTIL = /banned until (\S+)$/;

function blockedLogin(detail: string | null): Message {
  const until = detail ? BANNED_UNTIL.exec(detail)?.[1] : undefined;
  const at = until ? new Date(until) : null;
  if (at === null || Number.isNaN(at.getTime())) return { key: 'auth.errors.accountBlocked' };
  return {
    key: 'auth.errors.bannedUntil',
    values: { until: at, formatParams: { until: { dateStyle: 'medium', timeStyle: 'short' } } },
  };
}

export type AuthField = 'username' | 'password' | 'display_name';

export interface AuthFailure {
  fieldErrors: Partial<Record<AuthField, Message>>;
  formError: Message | null;
}

// The server's own 422 text is English-only, so each field gets our translated rule.
const INVALID_FIELD: Record<AuthField, AuthErrorKey> = {
  username: 'auth.errors.usernameInvalid',
  password: 'auth.errors.passwordInvalid',
  display_name: 'auth.errors.displayNameLength',
};

function isAuthField(value: unknown): value is AuthField {
  return typeof value === 'string' && value in INVALID_FIELD;
}

function formOnly(message: Message): AuthFailure {
  return { fieldErrors: {}, formError: message };
}

function validationFailure(error: ApiError): AuthFailure {
  const fieldErrors: AuthFailure['fieldErrors'] = {};
  for (const problem of error.problems) {
    const field = problem.loc.at(-1);
    // The invite is no field the person can fix: the link itself is spent.
    if (field === 'invite') return formOnly({ key: 'auth.errors.inviteExpired' });
    if (isAuthField(field)) fieldErrors[field] ??= { key: INVALID_FIELD[field] };
  }
  if (Object.keys(fieldErrors).length === 0) return formOnly({ key: 'auth.errors.unexpected' });
  return { fieldErrors, formError: null };
}

/** Which request failed: the same status means different things for each. */
export type AuthRequest = 'login' | 'signup';

/** Decides where a failed login or signup is shown: on a field, or above the form. */
export function describeAuthFailure(error: unknown, request: AuthRequest = 'login'): AuthFailure {
  if (!(error instanceof ApiError)) return formOnly({ key: 'auth.errors.unexpected' });
  switch (error.status) {
    case 0:
      return formOnly({ key: 'auth.errors.network' });
    case 401:
      return formOnly({ key: 'auth.errors.wrongCredentials' });
    case 403:
      // A signup is refused when the site takes new accounts by invite only (or not at all);
      // a login is refused for a banned or disabled account, after the password checked out.
      return formOnly(request === 'signup' ? { key: 'auth.errors.signupClosed' } : blockedLogin(error.detail));
    case 409:
      return { fieldErrors: { username: { key: 'auth.errors.usernameTaken' } }, formError: null };
    case 422:
      return validationFailure(error);
    case 429:
      return formOnly(
        error.retryAfterSeconds === null
          ? { key: 'auth.errors.tooManyAttemptsLater' }
          : { key: 'auth.errors.tooManyAttempts', values: { seconds: error.retryAfterSeconds } },
      );
    default:
      return formOnly({ key: 'auth.errors.unexpected' });
  }
}
