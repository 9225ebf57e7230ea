import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCompass, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { BrowseRoomsDialog } from './BrowseRoomsDialog';
import { CreateRoomDialog } from './CreateRoomDialog';
import { useMyRoomsQuery } from './queries';
import { RoomLink } from './RoomLink';
import { isDirect } from './roomTitle';

interface RoomsSidebarProps {
  /** Called after picking a room, so the phone drawer can close. */
  onNavigate?: () => void;
}

/** My rooms with unread badges, plus the ways to find or make more. */
export function RoomsSidebar({ onNavigate }: RoomsSidebarProps) {
  const { t } = useTranslation();
  const { data: mine, isPending, isError } = useMyRoomsQuery();
  // Direct messages have their own section (features/directs).
  const myRooms = mine?.filter((room) => !isDirect(room));
  const [browsing, browse] = useDisclosure(false);
  const [creating, create] = useDisclosure(false);

  return (
    <Stack gap="xs" component="section" aria-labelledby="rooms-heading">
      <Title order={2} id="rooms-heading" fz="sm" tt="uppercase" c="dimmed" lts={0.5}>
        {t('rooms.heading')}
      </Title>
      {isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {isError ? (
        <Text c="red" size="sm">
          {t('rooms.errors.loadFailed')}
        </Text>
      ) : null}
      {myRooms && myRooms.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('rooms.empty')}
        </Text>
      ) : null}
      {myRooms && myRooms.length > 0 ? (
        <Stack gap={2} component="ul" className="room-list">
          {myRooms.map((room) => (
            <li key={room.id}>
              <RoomLink room={room} onNavigate={onNavigate} />
            </li>
          ))}
        </Stack>
      ) : null}
      <Group gap="xs" grow mt="sm">
        <Button variant="light" leftSection={<IconCompass size={18} aria-hidden />} onClick={browse.open}>
          {t('rooms.browse')}
        </Button>
      </Group>
      <Button variant="subtle" leftSection={<IconPlus size={18} aria-hidden />} onClick={create.open}>
        {t('rooms.create')}
      </Button>
      <BrowseRoomsDialog opened={browsing} onClose={browse.close} onNavigate={onNavigate} />
      <CreateRoomDialog opened={creating} onClose={create.close} onNavigate={onNavigate} />
    </Stack>
  );
}
