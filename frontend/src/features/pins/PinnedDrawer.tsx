import { Center, Drawer, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import type { MessagePublic } from '../../api';
import { personName } from '../rooms';
import { fullStamp, searchSnippet, stamp } from '../search';
import { usePins } from './queries';

interface PinnedDrawerProps {
  roomId: number;
  opened: boolean;
  onClose: () => void;
}

/** The room's pinned messages in a drawer (full width on a phone); a click goes to one. */
export function PinnedDrawer({ roomId, opened, onClose }: PinnedDrawerProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pins = usePins(roomId, opened);
  // The same way there as a link to a message: history loads around it, it flashes.
  const open = (message: MessagePublic) => {
    onClose();
    void navigate(`/rooms/${roomId}?message=${message.seq}`);
  };
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="min(100%, 380px)" title={t('pins.title')}>
      {pins.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : null}
      {pins.isError ? (
        <Text c="red" role="alert">
          {t('pins.failed')}
        </Text>
      ) : null}
      {pins.data?.length === 0 ? (
        <Text c="dimmed" role="status">
          {t('pins.empty')}
        </Text>
      ) : null}
      {pins.data && pins.data.length > 0 ? (
        <Stack component="ul" gap={0} className="plain-list" aria-label={t('pins.title')}>
          {pins.data.map((message) => (
            <PinRow key={message.id} message={message} onOpen={() => open(message)} />
          ))}
        </Stack>
      ) : null}
    </Drawer>
  );
}

function PinRow({ message, onOpen }: { message: MessagePublic; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const text = searchSnippet(message.body, [], { roomWord: t('mentions.room'), someone: t('mentions.someone') });
  return (
    <li>
      <UnstyledButton onClick={onOpen} className="search-hit" data-testid="pinned-message">
        <Text span fw={600} size="sm">
          <bdi>{personName(message.author)}</bdi>
        </Text>{' '}
        <Text span size="xs" c="dimmed" component="time" dateTime={message.created_at} title={fullStamp(message.created_at, i18n.language)}>
          {stamp(message.created_at, i18n.language)}
        </Text>
        <Text size="sm" className="search-hit-text" lineClamp={3}>
          {text === '' ? t('notifications.attachment') : text}
        </Text>
      </UnstyledButton>
    </li>
  );
}
