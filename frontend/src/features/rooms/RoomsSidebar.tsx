import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The room list. Rooms don't exist on the server yet, so it says so rather than faking any. */
export function RoomsSidebar() {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="rooms-heading">
      <Title order={2} id="rooms-heading" fz="sm" tt="uppercase" c="dimmed" lts={0.5}>
        {t('rooms.heading')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('rooms.empty')}
      </Text>
    </Stack>
  );
}
