import { ActionIcon, Menu, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDotsVertical } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type MemberPublic, type ModerationAction, moderateMember } from '../../api';
import { memberActions } from './permissions';
import { ReasonDialog } from './ReasonDialog';

/** Mute durations offered; 0 means "until unmuted" (no duration_seconds). */
const DURATIONS = [600, 3600, 86400, 0] as const;
const DANGER: readonly ModerationAction[] = ['kick', 'ban', 'mute'];

/** The moderation menu on one row of the members list; absent when the server offers nothing. */
export function MemberMenu({ roomId, member }: { roomId: number; member: MemberPublic }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<ModerationAction | null>(null);
  const [duration, setDuration] = useState<string>(String(DURATIONS[0]));
  const actions = memberActions(member);
  if (actions.length === 0) return null;
  const name = member.display_name || member.username;

  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size={44} aria-label={t('moderation.member.menu', { name })}>
            <IconDotsVertical size={18} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {actions.map((item) => (
            <Menu.Item key={item} color={DANGER.includes(item) ? 'red' : undefined} onClick={() => setAction(item)}>
              {t(`moderation.member.actions.${item}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <ReasonDialog
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action ? t(`moderation.member.titles.${action}`, { name }) : ''}
        confirmLabel={action ? t(`moderation.member.actions.${action}`) : ''}
        danger={action !== null && DANGER.includes(action)}
        onConfirm={(reason) => {
          if (action === null) return Promise.resolve();
          const seconds = Number(duration);
          return moderateMember(roomId, {
            action,
            user_id: member.user_id,
            reason,
            ...(action === 'mute' && seconds > 0 ? { duration_seconds: seconds } : {}),
          });
        }}
        onDone={() => void queryClient.invalidateQueries({ queryKey: ['rooms', roomId] })}
      >
        {action === 'mute' ? (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="mute-duration-label">
              {t('moderation.member.duration')}
            </Text>
            <SegmentedControl
              aria-labelledby="mute-duration-label"
              value={duration}
              onChange={setDuration}
              fullWidth
              size="md"
              data={DURATIONS.map((seconds) => ({
                value: String(seconds),
                label: t(`moderation.member.durations.d${seconds}`),
              }))}
            />
          </Stack>
        ) : null}
      </ReasonDialog>
    </>
  );
}
