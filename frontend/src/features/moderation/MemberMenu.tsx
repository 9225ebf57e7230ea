import { ActionIcon, Menu } from '@mantine/core';
import { IconDotsVertical } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type MemberPublic, type ModerationAction, moderateMember } from '../../api';
import { DurationPicker } from './DurationPicker';
import { DEFAULT_DURATION, durationField, isTimed } from './durations';
import { memberActions } from './permissions';
import { ReasonDialog } from './ReasonDialog';

const DANGER: readonly ModerationAction[] = ['kick', 'ban', 'mute'];

/** The moderation menu on one row of the members list; absent when the server offers nothing. */
export function MemberMenu({ roomId, member }: { roomId: number; member: MemberPublic }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<ModerationAction | null>(null);
  const [duration, setDuration] = useState<string>(DEFAULT_DURATION.mute);
  const timed = action !== null && isTimed(action) ? action : null;
  const actions = memberActions(member);
  if (actions.length === 0) return null;
  const name = member.display_name || member.username;
  const choose = (item: ModerationAction) => {
    setAction(item);
    if (isTimed(item)) setDuration(DEFAULT_DURATION[item]);
  };

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
            <Menu.Item key={item} color={DANGER.includes(item) ? 'red' : undefined} onClick={() => choose(item)}>
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
          return moderateMember(roomId, {
            action,
            user_id: member.user_id,
            reason,
            ...(timed ? durationField(duration) : {}),
          });
        }}
        onDone={() => void queryClient.invalidateQueries({ queryKey: ['rooms', roomId] })}
      >
        {timed ? <DurationPicker action={timed} value={duration} onChange={setDuration} /> : null}
      </ReasonDialog>
    </>
  );
}
