import { Alert, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { endSignIn, listMySignIns, type SignInPublic } from '../../api';
import { currentLanguage } from '../../i18n';
import { formatRelativeTime } from './relativeTime';

const signInsKey = ['users', 'me', 'sessions'] as const;

// The server's device text is "<browser> on <system>"; phones read better with a phone icon.
const MOBILE = /Mobile|Android|iOS|iPhone|iPad/;

/** Where this account is signed in, with a way to end any sign-in but this one. */
export function SessionList() {
  const { t } = useTranslation();
  const { data, isPending, isError } = useQuery({ queryKey: signInsKey, queryFn: listMySignIns });
  if (isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (isError) return <Alert color="red">{t('account.sessions.loadFailed')}</Alert>;
  // The current one first: it is the one people look for to get their bearings.
  const ordered = [...data].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <Stack gap="xs" component="ul" p={0} m={0} aria-label={t('account.sessions.title')}>
      {ordered.map((signIn) => (
        <SessionRow key={signIn.id} signIn={signIn} />
      ))}
    </Stack>
  );
}

function SessionRow({ signIn }: { signIn: SignInPublic }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: () => endSignIn(signIn.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: signInsKey }),
  });
  const device = signIn.device || t('account.sessions.unknownDevice');
  const lastSeen = formatRelativeTime(new Date(signIn.last_seen_at), new Date(), currentLanguage());
  return (
    <Group component="li" wrap="nowrap" justify="space-between" gap="sm" style={{ listStyle: 'none' }}>
      <Group wrap="nowrap" gap="sm" miw={0}>
        {MOBILE.test(signIn.device) ? (
          <IconDeviceMobile size={20} aria-hidden style={{ flexShrink: 0 }} />
        ) : (
          <IconDeviceDesktop size={20} aria-hidden style={{ flexShrink: 0 }} />
        )}
        <Stack gap={0} miw={0}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600} size="sm" truncate="end">
              {device}
            </Text>
            {signIn.current ? (
              <Badge size="sm" variant="light">
                {t('account.sessions.thisDevice')}
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            <time dateTime={signIn.last_seen_at} title={new Date(signIn.last_seen_at).toLocaleString()}>
              {t('account.sessions.lastSeen', { when: lastSeen })}
            </time>
          </Text>
          {end.isError ? (
            <Text size="xs" c="red" role="alert">
              {t('account.sessions.endFailed')}
            </Text>
          ) : null}
        </Stack>
      </Group>
      {signIn.current ? null : (
        <Button
          variant="light"
          color="red"
          size="sm"
          style={{ flexShrink: 0 }}
          loading={end.isPending}
          onClick={() => end.mutate()}
          aria-label={t('account.sessions.signOutDevice', { device })}
        >
          {t('account.sessions.signOut')}
        </Button>
      )}
    </Group>
  );
}
