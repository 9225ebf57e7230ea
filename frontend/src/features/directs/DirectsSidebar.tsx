import { Button, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMessagePlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';

import { isDirect, roomTitle, useMyRooms } from '../rooms';
import { DirectLink } from './DirectLink';
import { NewMessageDialog } from './NewMessageDialog';

interface DirectsSidebarProps {
  /** Called after picking a conversation, so the phone drawer can close. */
  onNavigate?: () => void;
}

/** The sidebar's "Direct messages" section: my conversations, ways to start one, the directory. */
export function DirectsSidebar({ onNavigate }: DirectsSidebarProps) {
  const { t } = useTranslation();
  // By the people's names, as rooms go by theirs (the stored names of DMs are all alike).
  const directs = useMyRooms()
    ?.filter(isDirect)
    .sort((a, b) => roomTitle(a).localeCompare(roomTitle(b)));
  const [composing, compose] = useDisclosure(false);
  return (
    <Stack gap="xs" component="section" aria-labelledby="directs-heading" mt="lg">
      <Title order={2} id="directs-heading" fz="sm" tt="uppercase" c="dimmed" lts={0.5}>
        {t('directs.heading')}
      </Title>
      {directs && directs.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('directs.empty')}
        </Text>
      ) : null}
      {directs && directs.length > 0 ? (
        <Stack gap={2} component="ul" className="room-list">
          {directs.map((room) => (
            <li key={room.id}>
              <DirectLink room={room} onNavigate={onNavigate} />
            </li>
          ))}
        </Stack>
      ) : null}
      <Button variant="subtle" leftSection={<IconMessagePlus size={18} aria-hidden />} onClick={compose.open}>
        {t('directs.new')}
      </Button>
      <NavLink
        component={RouterLink}
        to="/people"
        onClick={onNavigate}
        className="room-link"
        label={t('people.link')}
        leftSection={<IconUsers size={18} aria-hidden />}
      />
      <NewMessageDialog opened={composing} onClose={compose.close} onNavigate={onNavigate} />
    </Stack>
  );
}
