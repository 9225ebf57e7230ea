import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { RoomPublic } from '../../api';
import { InviteLinks } from '../account';
import { RoomSettingsMenu } from '../moderation';
import { RoomNotificationsMenu } from '../notifications';
import { can, InviteDialog, isDirect } from '../rooms';
import { DirectHeader } from './DirectHeader';
import { HistoryMenu } from './HistoryMenu';
import { MembersDrawer } from './MembersDrawer';

export function ChatHeader({ room, online }: { room: RoomPublic; online: ReadonlySet<number> }) {
  return isDirect(room) ? <DirectHeader room={room} /> : <RoomHeader room={room} online={online} />;
}

function RoomHeader({ room, online }: { room: RoomPublic; online: ReadonlySet<number> }) {
  const { t } = useTranslation();
  const [membersOpen, members] = useDisclosure(false);
  const [inviteOpen, invite] = useDisclosure(false);
  const count = room.member_count ?? 0;
  // Inviting is how people get into a private room (public ones they join themselves);
  // who may invite is the server's answer, site admins who are not members included.
  const invites = room.is_private === true && can(room, 'invite');
  return (
    <Group className="chat-header" justify="space-between" wrap="nowrap" gap="sm">
      <Stack gap={0} miw={0}>
        <Group gap={6} wrap="nowrap">
          {room.is_private ? <IconLock size={18} aria-label={t('rooms.private')} /> : null}
          <Title order={1} fz={20} lh={1.3} lineClamp={1}>
            <bdi>{room.name}</bdi>
          </Title>
          {room.locked ? (
            <Text size="xs" c="orange" fw={700}>
              {t('rooms.locked')}
            </Text>
          ) : null}
        </Group>
        {room.topic ? (
          <Text size="sm" c="dimmed" truncate="end">
            {room.topic}
          </Text>
        ) : null}
      </Stack>
      <Group gap="xs" wrap="nowrap">
        {invites ? (
          <Button variant="default" leftSection={<IconUserPlus size={18} aria-hidden />} onClick={invite.open}>
            {t('rooms.invite.action')}
          </Button>
        ) : null}
        <Button
          variant="subtle"
          leftSection={<IconUsers size={18} aria-hidden />}
          onClick={members.open}
          aria-label={`${t('chat.showMembers')} (${t('rooms.members', { count })})`}
        >
          {count}
        </Button>
        <HistoryMenu room={room} />
        <RoomNotificationsMenu room={room} />
        <RoomSettingsMenu room={room} />
      </Group>
      <MembersDrawer roomId={room.id} opened={membersOpen} onClose={members.close} online={online} />
      {invites ? (
        <InviteDialog room={room} opened={inviteOpen} onClose={invite.close}>
          <InviteLinks roomId={room.id} heading={t('account.links.roomHeading')} />
        </InviteDialog>
      ) : null}
    </Group>
  );
}
