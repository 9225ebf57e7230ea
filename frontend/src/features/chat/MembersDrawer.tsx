import { Drawer, Group, Indicator, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { listMembers } from '../../api';
import { PersonName } from '../directs';
import { MemberMenu, MemberMutedNote } from '../moderation';
import { UserAvatar } from '../profile';
import { membersKey } from '../rooms';

interface MembersDrawerProps {
  roomId: number;
  opened: boolean;
  onClose: () => void;
  /** Live presence from the socket; REST's `online` is only the starting point. */
  online: ReadonlySet<number>;
}

export function MembersDrawer({ roomId, opened, onClose, online }: MembersDrawerProps) {
  const { t } = useTranslation();
  const { data: members, isPending } = useQuery({
    queryKey: membersKey(roomId),
    queryFn: () => listMembers(roomId),
    enabled: opened,
  });
  const live = online.size > 0;
  const sorted = [...(members ?? [])].sort((a, b) => {
    const aOnline = live ? online.has(a.user_id) : a.online;
    const bOnline = live ? online.has(b.user_id) : b.online;
    return Number(bOnline) - Number(aOnline) || a.display_name.localeCompare(b.display_name);
  });

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xs" title={t('chat.members')}>
      {isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      <Stack component="ul" gap="sm" className="plain-list">
        {sorted.map((member) => {
          const isOnline = live ? online.has(member.user_id) : member.online;
          const name = member.display_name || member.username;
          return (
            <Group component="li" key={member.user_id} gap="sm" wrap="nowrap">
              <Indicator color={isOnline ? 'teal' : 'gray'} offset={4} position="bottom-end" size={10} withBorder>
                <UserAvatar userId={member.user_id} name={name} avatarUrl={member.avatar_url} size={32} />
              </Indicator>
              <Stack gap={0} miw={0} style={{ flex: 1 }}>
                <Text size="sm" fw={600} truncate="end">
                  <PersonName person={{ id: member.user_id, username: member.username, display_name: member.display_name }} />
                </Text>
                <Text size="xs" c="dimmed">
                  @{member.username} · {t(`chat.roles.${member.role}`)} · {isOnline ? t('chat.online') : t('chat.offline')}
                </Text>
                <MemberMutedNote member={member} />
              </Stack>
              <MemberMenu roomId={roomId} member={member} />
            </Group>
          );
        })}
      </Stack>
    </Drawer>
  );
}
