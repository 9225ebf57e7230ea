import { unwrap } from './errors';
import {
  adminDeleteUser,
  moderationRoomBans,
  usersDeleteMyAccount,
  usersEndSignIn,
  usersMySignIns,
  usersChangeMyEmail,
  usersUpdateMe,
} from './generated';
import type { MessagesChoice, RoomBanPublic, SignInPublic, UserPublic, UserUpdate } from './generated';

// My account beyond the profile: where I am signed in, what I prefer, leaving for good.

export const listMySignIns = (): Promise<SignInPublic[]> => unwrap(usersMySignIns());

export const endSignIn = (signInId: string): Promise<unknown> =>
  unwrap(usersEndSignIn({ path: { sign_in_id: signInId } }));

/** My email address (null removes it), with my password again: reset links can be mailed there. */
export const changeEmail = (email: string | null, currentPassword: string): Promise<UserPublic> =>
  unwrap(usersChangeMyEmail({ body: { email, current_password: currentPassword } }));

export type AccountPreferences = Pick<UserUpdate, 'locale' | 'theme'>;

export const savePreferences = (preferences: AccountPreferences): Promise<UserPublic> =>
  unwrap(usersUpdateMe({ body: preferences }));

/**
 * The server has ended every sign-in of the account (and dropped the refresh cookie) by the
 * time it answers; the caller then forgets the token with `session.signOut()`, not logOut().
 */
export const deleteMyAccount = (password: string, messages: MessagesChoice): Promise<unknown> =>
  unwrap(usersDeleteMyAccount({ body: { password, messages } }));

export const deleteUserAsAdmin = (userId: number, messages: MessagesChoice): Promise<unknown> =>
  unwrap(adminDeleteUser({ path: { user_id: userId }, body: { messages } }));

export const listRoomBans = (roomId: number): Promise<RoomBanPublic[]> =>
  unwrap(moderationRoomBans({ path: { room_id: roomId } }));
