import { PASSWORD_MAX, PASSWORD_MIN } from '../auth';

export type PasswordChangeProblem = 'currentRequired' | 'tooShort' | 'tooLong' | 'sameAsCurrent' | 'mismatch';

export interface PasswordChangeValues {
  current: string;
  next: string;
  confirm: string;
}

export type PasswordChangeErrors = Partial<Record<keyof PasswordChangeValues, PasswordChangeProblem>>;

/** The server's rules for a new password, checked before the round trip. */
export function checkPasswordChange({ current, next, confirm }: PasswordChangeValues): PasswordChangeErrors {
  const errors: PasswordChangeErrors = {};
  if (current === '') errors.current = 'currentRequired';
  if (next.length < PASSWORD_MIN) errors.next = 'tooShort';
  else if (next.length > PASSWORD_MAX) errors.next = 'tooLong';
  else if (next === current) errors.next = 'sameAsCurrent';
  if (!errors.next && confirm !== next) errors.confirm = 'mismatch';
  return errors;
}
