import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconBan } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useBannedUntil, useConnectionStatus } from '../../realtime';
import { useLogout } from '../auth';
import { untilText } from './durations';

/**
 * A site-wide ban closes the socket with 4403 (the client stops and reports `forbidden`).
 * From then on every token is dead, so nothing else is worth showing: the whole app gives
 * way to one screen that says so and offers to log out.
 */
export function SiteBanGate({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const status = useConnectionStatus();
  const bannedUntil = useBannedUntil();
  const logout = useLogout();
  if (status !== 'forbidden') return children;
  return (
    <Center mih="100dvh" p="md" role="alertdialog" aria-labelledby="site-ban-title" aria-describedby="site-ban-body">
      <Stack align="center" ta="center" gap="md" maw={420}>
        <IconBan size={48} color="var(--mantine-color-red-6)" aria-hidden />
        <Title order={1} fz={24} id="site-ban-title">
          {t('moderation.siteBan.title')}
        </Title>
        <Text c="dimmed" id="site-ban-body">
          {t('moderation.siteBan.body')}
        </Text>
        {bannedUntil ? <Text fw={500}>{t('moderation.siteBan.until', { time: untilText(bannedUntil, i18n.language) })}</Text> : null}
        <Button mih={44} color="red" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('shell.logOut')}
        </Button>
      </Stack>
    </Center>
  );
}
