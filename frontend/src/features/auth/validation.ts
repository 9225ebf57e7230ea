// Mirrors the server's rules (backend UserCreate) so most mistakes are caught before
// a round trip; the server stays the authority and its 422s are shown too.
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 64;

const USERNAME_CHARS = /^[a-z0-9_.-]+$/;

export type ValidationErrorKey =
  | 'auth.errors.usernameRequired'
  | 'auth.errors.usernameLength'
  | 'auth.errors.usernameChars'
  | 'auth.errors.passwordRequired'
  | 'auth.errors.passwordLength'
  | 'auth.errors.passwordTooLong'
  | 'auth.errors.displayNameLength';

/** Usernames are case-insensitive on the server, so the field lower-cases as you type. */
export function normaliseUsername(value: string): string {
  return value.toLowerCase();
}

export function validateUsername(value: string): ValidationErrorKey | null {
  const username = value.trim();
  if (username === '') return 'auth.errors.usernameRequired';
  if (!USERNAME_CHARS.test(username)) return 'auth.errors.usernameChars';
  if (username.length < USERNAME_MIN || username.length > USERNAME_MAX) {
    return 'auth.errors.usernameLength';
  }
  return null;
}

export function validatePassword(value: string): ValidationErrorKey | null {
  if (value === '') return 'auth.errors.passwordRequired';
  if (value.length < PASSWORD_MIN) return 'auth.errors.passwordLength';
  if (value.length > PASSWORD_MAX) return 'auth.errors.passwordTooLong';
  return null;
}

export function validateDisplayName(value: string): ValidationErrorKey | null {
  return value.trim().length > DISPLAY_NAME_MAX ? 'auth.errors.displayNameLength' : null;
}
