import { unwrap } from './errors';
import { adminIssueResetLink, authCheckResetLink, authForgotPassword, authResetPassword } from './generated';
import type { ResetCheck, ResetLink } from './generated';

/** An admin's one-time link for someone to set a new password (shown once). */
export const issueResetLink = (userId: number): Promise<ResetLink> =>
  unwrap(adminIssueResetLink({ path: { user_id: userId } }));

export const checkResetLink = (token: string): Promise<ResetCheck> =>
  unwrap(authCheckResetLink({ path: { token } }));

/** Spends the link: the new password is set and every sign-in of the account ends. */
export const resetPassword = (token: string, newPassword: string): Promise<unknown> =>
  unwrap(authResetPassword({ body: { token, new_password: newPassword } }));

/** Asks for a reset link by email; accepted whether or not the account exists or has an address. */
export const forgotPassword = (login: string): Promise<unknown> =>
  unwrap(authForgotPassword({ body: { login } }));
