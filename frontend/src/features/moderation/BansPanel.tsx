import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { listMembers, listRoomBans, type MemberPublic, moderateMember, type RoomBanPublic } from '../../api';
import { membersKey } from '../rooms';
import { untilText } from './durations';
import { refusalText } from './errors';
import { MemberMutedNote } from './MemberMutedNote';
import { ReasonDialog } from './ReasonDialog';
import { sendLimit } from './sendLimits';

type Lift = { action: 'unban' | 'unmute'; userId: number; name: string };

const bansKey = (roomId: number) => ['rooms', roomId, 'bans'] as const;

/** Who is banned from or muted in the room, each with the way back. */
export function BansPanel({ roomId }: { roomId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [lifting, setLifting] = useState<Lift | null>(null);
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-label={t('moderation.bans.bannedHeading')}>
        <Title order={3} size="h5">
          {t('moderation.bans.bannedHeading')}
        </Title>
        <BannedList
          roomId={roomId}
          onUnban={(ban) =>
            setLifting({ action: 'unban', userId: ban.user_id, name: ban.display_name || ban.username })
          }
        />
      </Stack>
      <Stack gap="xs" component="section" aria-label={t('moderation.bans.mutedHeading')}>
        <Title order={3} size="h5">
          {t('moderation.bans.mutedHeading')}
        </Title>
        <MutedList
          roomId={roomId}
          onUnmute={(member) =>
            setLifting({ action: 'unmute', userId: member.user_id, name: member.display_name || member.username })
          }
        />
      </Stack>
      <ReasonDialog
        opened={lifting !== null}
        onClose={() => setLifting(null)}
        title={lifting ? t(`moderation.member.titles.${lifting.action}`, { name: lifting.name }) : ''}
        confirmLabel={lifting ? t(`moderation.member.actions.${lifting.action}`) : ''}
        onConfirm={(reason) =>
          lifting
            ? moderateMember(roomId, { action: lifting.action, user_id: lifting.userId, reason })
            : Promise.resolve()
        }
        // Bans, members and the audit log all change with it.
        onDone={() => void queryClient.invalidateQueries({ queryKey: ['rooms', roomId] })}
      />
    </Stack>
  );
}

function BannedList({ roomId, onUnban }: { roomId: number; onUnban: (ban: RoomBanPublic) => void }) {
  const { t, i18n } = useTranslation();
  const { data, isPending, isError, error } = useQuery({
    queryKey: bansKey(roomId),
    queryFn: () => listRoomBans(roomId),
  });
  if (isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (isError) return <Alert color="red">{refusalText(error, t)}</Alert>;
  if (data.length === 0) return <Text c="dimmed">{t('moderation.bans.noBans')}</Text>;
  return (
    <Stack component="ul" gap="xs" className="plain-list">
      {data.map((ban) => {
        const name = ban.display_name || ban.username;
        return (
          <Group
            component="li"
            key={ban.user_id}
            justify="space-between"
            wrap="nowrap"
            gap="sm"
            data-testid="room-ban"
          >
            <Stack gap={0} miw={0}>
              <Text fw={600} size="sm" truncate="end">
                <bdi>{name}</bdi>
              </Text>
              <Text size="xs" c="dimmed">
                {t('moderation.bans.bannedBy', {
                  name: ban.banned_by_name ?? t('moderation.audit.system'),
                  date: new Date(ban.created_at).toLocaleDateString(i18n.language),
                })}
              </Text>
              <Text size="xs" c="orange" data-testid="room-ban-until">
                {ban.expires_at
                  ? t('moderation.bans.until', { time: untilText(ban.expires_at, i18n.language) })
                  : t('moderation.bans.indefinitely')}
              </Text>
              {ban.reason ? (
                <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {t('moderation.bans.reason', { reason: ban.reason })}
                </Text>
              ) : null}
            </Stack>
            <Button
              mih={44}
              size="sm"
              variant="light"
              style={{ flexShrink: 0 }}
              onClick={() => onUnban(ban)}
              aria-label={t('moderation.member.titles.unban', { name })}
            >
              {t('moderation.member.actions.unban')}
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}

function MutedList({ roomId, onUnmute }: { roomId: number; onUnmute: (member: MemberPublic) => void }) {
  const { t } = useTranslation();
  const [now] = useState(Date.now);
  const { data, isPending, isError, error } = useQuery({
    queryKey: membersKey(roomId),
    queryFn: () => listMembers(roomId),
  });
  if (isPending) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (isError) return <Alert color="red">{refusalText(error, t)}</Alert>;
  // A mute that ran out is over even before the server's next list says so.
  const muted = data.filter(
    (member) =>
      sendLimit({ mutedUntil: member.muted_until, slowModeSeconds: 0, exempt: true, lastSentAt: null, now }).kind ===
      'muted',
  );
  if (muted.length === 0) return <Text c="dimmed">{t('moderation.bans.noMutes')}</Text>;
  return (
    <Stack component="ul" gap="xs" className="plain-list">
      {muted.map((member) => {
        const name = member.display_name || member.username;
        return (
          <Group
            component="li"
            key={member.user_id}
            justify="space-between"
            wrap="nowrap"
            gap="sm"
            data-testid="room-mute"
          >
            <Stack gap={0} miw={0}>
              <Text fw={600} size="sm" truncate="end">
                <bdi>{name}</bdi>
              </Text>
              <MemberMutedNote member={member} />
            </Stack>
            <Button
              mih={44}
              size="sm"
              variant="light"
              style={{ flexShrink: 0 }}
              onClick={() => onUnmute(member)}
              aria-label={t('moderation.member.titles.unmute', { name })}
            >
              {t('moderation.member.actions.unmute')}
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}
