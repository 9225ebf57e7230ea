import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';

import { acceptInvite, checkInvite, type InviteCheck, type RoomPublic } from '../../api';
import { FullPageLoader } from '../../components/FullPageLoader';
import { AuthCard, SignupForm, useAuthStatus, type AuthRedirectState } from '../auth';
import { roomKey, roomsKey, useMyRoomsQuery } from '../rooms';

/** Set on the way back from /login: whoever logged in to follow the link wants in. */
const ACCEPT_PARAM = 'accept';

/** /invite/:token — anyone may open it: sign up with it, or (signed in) join its room. */
export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const status = useAuthStatus();
  // A link spent by the sign-up made on this page would read as invalid on a refetch.
  const check = useQuery({
    queryKey: ['invite', token],
    queryFn: () => checkInvite(token),
    staleTime: Infinity,
    retry: false,
  });
  // Signed out here and then signed in without leaving: that was a sign-up with this link.
  const [sawSignedOut, setSawSignedOut] = useState(false);
  if (status === 'signedOut' && !sawSignedOut) setSawSignedOut(true);

  if (status === 'unknown' || check.isPending) return <FullPageLoader />;
  if (check.isError || !check.data.valid) {
    return (
      <AuthCard title={t('account.invite.invalidTitle')}>
        <Text role="alert">{t('account.invite.invalidBody')}</Text>
        <HomeLink />
      </AuthCard>
    );
  }
  if (status === 'signedOut') {
    return <SignUpWithInvite token={token} invite={check.data} />;
  }
  if (sawSignedOut) return <AfterSignup roomName={check.data.room_name ?? null} />;
  if (!check.data.room_name) {
    return (
      <AuthCard title={t('account.invite.signupTitle')}>
        <Text>{t('account.invite.siteSignedIn')}</Text>
        <HomeLink />
      </AuthCard>
    );
  }
  return <JoinRoom token={token} roomName={check.data.room_name} />;
}

/**
 * Just signed up with the link: the server has already made a room invite's new account a
 * member (accepting again would spend a use, or fail on a single-use link), so go there.
 */
function AfterSignup({ roomName }: { roomName: string | null }) {
  const rooms = useMyRoomsQuery();
  if (roomName === null) return <Navigate to="/" replace />;
  if (rooms.isPending) return <FullPageLoader />;
  const room = rooms.data?.find((mine) => mine.name === roomName);
  return <Navigate to={room ? `/rooms/${room.id}` : '/'} replace />;
}

function HomeLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/" className="touch-link">
      {t('account.invite.home')}
    </Anchor>
  );
}

function SignUpWithInvite({ token, invite }: { token: string; invite: InviteCheck }) {
  const { t } = useTranslation();
  const back: AuthRedirectState = {
    from: { pathname: `/invite/${encodeURIComponent(token)}`, search: `?${ACCEPT_PARAM}=1`, hash: '' },
  };
  return (
    <AuthCard
      title={t('account.invite.signupTitle')}
      switchPrompt={t('account.invite.haveAccount')}
      switchLabel={t('account.invite.logIn')}
      switchTo="/login"
      switchState={back}
    >
      <Text>
        {invite.room_name
          ? t('account.invite.signupRoom', { room: invite.room_name })
          : t('account.invite.signupSite')}
      </Text>
      <SignupForm invite={token} />
    </AuthCard>
  );
}

function JoinRoom({ token, roomName }: { token: string; roomName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const accept = useMutation({
    mutationFn: () => acceptInvite(token),
    onSuccess: (room: RoomPublic) => {
      queryClient.setQueryData(roomKey(room.id), room);
      void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
      void navigate(`/rooms/${room.id}`, { replace: true });
    },
  });
  const autoAccepted = useRef(false);
  const { mutate } = accept;
  const wantsIn = search.get(ACCEPT_PARAM) === '1';
  useEffect(() => {
    if (!wantsIn || autoAccepted.current) return;
    autoAccepted.current = true;
    mutate();
  }, [wantsIn, mutate]);

  return (
    <AuthCard title={t('account.invite.joinTitle', { room: roomName })}>
      <Stack>
        <Text>{t('account.invite.joinBody')}</Text>
        {accept.isError ? (
          <Alert color="red" variant="light" role="alert">
            {t('account.invite.acceptFailed')}
          </Alert>
        ) : null}
        <Button onClick={() => accept.mutate()} loading={accept.isPending} fullWidth>
          {t('account.invite.join', { room: roomName })}
        </Button>
        <HomeLink />
      </Stack>
    </AuthCard>
  );
}
