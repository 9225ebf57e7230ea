import { unwrap } from './errors';
import { usersRemoveMyAvatar, usersUpdateMe, type UserPublic } from './generated';

/** PATCH /api/users/me: a new display name (people who share a room see it live). */
export function updateDisplayName(displayName: string): Promise<UserPublic> {
  return unwrap(usersUpdateMe({ body: { display_name: displayName } }));
}

/** DELETE /api/users/me/avatar: back to initials. */
export function removeAvatar(): Promise<UserPublic> {
  return unwrap(usersRemoveMyAvatar());
}
