import { session } from './client';
import { unwrap } from './errors';
import {
  adminChangeSettings,
  adminReadSettings,
  adminUpdateUser,
  invitesAcceptInvite,
  invitesCheckInvite,
  invitesCreateInvite,
  invitesListInvites,
  invitesRevokeInvite,
  usersChangePassword,
} from './generated';
import type {
  InviteCheck,
  InviteCreate,
  InviteCreated,
  InvitePublic,
  RoomPublic,
  SignupMode,
  SiteSettings,
} from './generated';

/**
 * The server ends every other sign-in and hands this one a new access token (the old one is
 * refused from now on), so it replaces ours the way a login does.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const grant = await unwrap(
    usersChangePassword({ body: { current_password: currentPassword, new_password: newPassword } }),
  );
  session.signIn(grant);
}

export const setUserDisabled = (userId: number, disabled: boolean): Promise<unknown> =>
  unwrap(adminUpdateUser({ path: { user_id: userId }, body: { is_disabled: disabled } }));

export const readSiteSettings = (): Promise<SiteSettings> => unwrap(adminReadSettings());

export const setSignupMode = (signup: SignupMode): Promise<SiteSettings> =>
  unwrap(adminChangeSettings({ body: { signup } }));

export const createInvite = (invite: InviteCreate): Promise<InviteCreated> =>
  unwrap(invitesCreateInvite({ body: invite }));

/** Site invites without a room id (admins), one room's with it. */
export const listInvites = (roomId: number | null): Promise<InvitePublic[]> =>
  unwrap(invitesListInvites({ query: roomId === null ? undefined : { room_id: roomId } }));

export const revokeInvite = (inviteId: number): Promise<unknown> =>
  unwrap(invitesRevokeInvite({ path: { invite_id: inviteId } }));

export const checkInvite = (token: string): Promise<InviteCheck> => unwrap(invitesCheckInvite({ path: { token } }));

export const acceptInvite = (token: string): Promise<RoomPublic> => unwrap(invitesAcceptInvite({ path: { token } }));
