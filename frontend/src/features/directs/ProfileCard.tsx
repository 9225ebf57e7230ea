import { Avatar, Button, Group, Stack, Text } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { AuthorPublic } from '../../api';
import { usePresence } from '../../realtime';
import { useCurrentUser } from '../auth';
import { personName } from '../rooms';
import { PresenceDot } from './PresenceDot';
import { useOpenDirect } from './useOpenDirect';

interface ProfileCardProps {
  person: AuthorPublic;
  /** Called once the conversation opens, so the popover around the card can close. */
  onOpened?: () => void;
}

/** Who someone is: name, @username, whether they are here, and a way to message them. */
export function ProfileCard({ person, onOpened }: ProfileCardProps) {
  const { t } = useTranslation();
  const { data: me } = useCurrentUser();
  const online = usePresence(person.id);
  const open = useOpenDirect(onOpened);
  const name = personName(person);
  return (
    <Stack gap="sm" data-testid="profile-card">
      <Group gap="sm" wrap="nowrap">
        <Avatar size={48} radius="xl" name={name} color="initials" aria-hidden />
        <Stack gap={0} miw={0}>
          <Text fw={700} truncate="end">
            <bdi>{name}</bdi>
          </Text>
          <Text size="sm" c="dimmed" truncate="end">
            @<bdi>{person.username}</bdi>
          </Text>
          <Group gap={6} wrap="nowrap">
            <PresenceDot userId={person.id} />
            <Text size="xs" c="dimmed" aria-hidden>
              {online ? t('chat.online') : t('chat.offline')}
            </Text>
          </Group>
        </Stack>
      </Group>
      {me && me.id !== person.id ? (
        <Button
          leftSection={<IconMessage size={18} aria-hidden />}
          mih={44}
          loading={open.isPending}
          onClick={() => open.mutate([person.id])}
        >
          {t('directs.message')}
        </Button>
      ) : null}
      {open.isError ? (
        <Text size="sm" c="red" role="alert">
          {t('directs.openFailed')}
        </Text>
      ) : null}
    </Stack>
  );
}
