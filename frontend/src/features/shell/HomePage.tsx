import { Center, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';

import { useCurrentUser } from '../auth';
import { useMyRooms } from '../rooms';

/** The landing view: a welcome, and either a pointer to the room list or the truth that it is empty. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: user } = useCurrentUser();
  const myRooms = useMyRooms();
  return (
    <Center mih="60dvh">
      <Stack align="center" ta="center" maw={420} gap="sm">
        <ThemeIcon size={72} radius="xl" variant="light" color="indigo">
          <IconMessages size={40} aria-hidden />
        </ThemeIcon>
        {user ? (
          <Title order={1} fz={24}>
            {/* The name isolated (<bdi>): its direction must not spill into the sentence. */}
            <Trans
              i18nKey="home.welcome"
              values={{ name: user.display_name || user.username }}
              components={{ name: <bdi /> }}
            />
          </Title>
        ) : (
          <Skeleton height={28} width={240} />
        )}
        <Text c="dimmed">{myRooms && myRooms.length > 0 ? t('home.pick') : t('home.empty')}</Text>
      </Stack>
    </Center>
  );
}
