import { ActionIcon, Alert, Indicator, Menu, Text } from '@mantine/core';
import {
  IconAdjustments,
  IconBan,
  IconCheck,
  IconDoorExit,
  IconFlag,
  IconHistory,
  IconLock,
  IconLockOpen,
  IconPencil,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { deleteRoom, type RoomPublic, type RoomUpdate, updateRoom } from '../../api';
import { can, OpenReportsBadge, RoomDetailsDialog, type RoomAction, useLeaveRoom } from '../rooms';
import { refusalText } from './errors';
import { ReasonDialog } from './ReasonDialog';
import type { RoomPanel } from './RoomModerationModal';

// The reports and audit panels are for moderators, and even they open them rarely: fetched
// on first use, so the chat screen does not carry them.
const RoomModerationModal = lazy(() =>
  import('./RoomModerationModal').then((module) => ({ default: module.RoomModerationModal })),
);

const SLOW_MODES = [0, 10, 30, 60, 300] as const;
/** The actions this menu has an entry for; without any of them there is no menu. */
const MENU_ACTIONS: readonly RoomAction[] = [
  'edit_room',
  'lock',
  'slow_mode',
  'read_reports',
  'read_audit',
  'moderate',
  'leave',
  'delete_room',
];

/** The chat header's settings menu: each entry only where room.my_actions allows it. */
export function RoomSettingsMenu({ room }: { room: RoomPublic }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [panel, setPanel] = useState<RoomPanel | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [editing, setEditing] = useState(false);
  const leaving = useLeaveRoom(room.id);
  const update = useMutation({
    mutationFn: (change: RoomUpdate) => updateRoom(room.id, change),
    // The `room` frame refreshes everyone else; this refreshes me without waiting for it.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['rooms'] }),
  });
  if (!MENU_ACTIONS.some((action) => can(room, action))) return null;
  const slow = room.slow_mode_seconds ?? 0;
  // Live from the room list and the `reports` frame; 0 for whoever may not work the queue.
  const reports = can(room, 'read_reports') ? (room.open_reports ?? 0) : 0;
  const menuName =
    reports > 0 ? `${t('moderation.room.menu')}, ${t('rooms.openReports', { count: reports })}` : t('moderation.room.menu');

  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md" width={240}>
        <Menu.Target>
          <Indicator
            label={reports > 99 ? '99+' : reports}
            disabled={reports === 0}
            color="orange"
            size={18}
            offset={6}
            data-testid="room-menu-reports"
          >
            <ActionIcon variant="subtle" color="gray" size={44} aria-label={menuName}>
              <IconAdjustments size={20} aria-hidden />
            </ActionIcon>
          </Indicator>
        </Menu.Target>
        <Menu.Dropdown>
          {can(room, 'edit_room') ? (
            <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('rooms.details.menu')}
            </Menu.Item>
          ) : null}
          {can(room, 'lock') ? (
            <Menu.Item
              leftSection={room.locked ? <IconLockOpen size={16} aria-hidden /> : <IconLock size={16} aria-hidden />}
              onClick={() => update.mutate({ locked: !room.locked })}
            >
              {room.locked ? t('moderation.room.unlock') : t('moderation.room.lock')}
            </Menu.Item>
          ) : null}
          {can(room, 'slow_mode') ? (
            <>
              <Menu.Label>{t('moderation.room.slowMode')}</Menu.Label>
              {SLOW_MODES.map((seconds) => (
                <Menu.Item
                  key={seconds}
                  leftSection={seconds === slow ? <IconCheck size={16} aria-hidden /> : <span style={{ width: 16 }} />}
                  // Said in words too: the check mark alone is invisible to screen readers.
                  rightSection={
                    seconds === slow ? (
                      <Text size="xs" c="dimmed">
                        {t('moderation.room.current')}
                      </Text>
                    ) : null
                  }
                  onClick={() => update.mutate({ slow_mode_seconds: seconds })}
                >
                  {t(`moderation.room.slow.s${seconds}`)}
                </Menu.Item>
              ))}
              <Menu.Divider />
            </>
          ) : null}
          {can(room, 'read_reports') ? (
            <Menu.Item
              leftSection={<IconFlag size={16} aria-hidden />}
              rightSection={<OpenReportsBadge count={reports} />}
              onClick={() => setPanel('reports')}
            >
              {t('moderation.reports.title')}
            </Menu.Item>
          ) : null}
          {can(room, 'read_audit') ? (
            <Menu.Item leftSection={<IconHistory size={16} aria-hidden />} onClick={() => setPanel('audit')}>
              {t('moderation.audit.title')}
            </Menu.Item>
          ) : null}
          {can(room, 'moderate') ? (
            <Menu.Item leftSection={<IconBan size={16} aria-hidden />} onClick={() => setPanel('bans')}>
              {t('moderation.bans.title')}
            </Menu.Item>
          ) : null}
          {can(room, 'leave') ? (
            <Menu.Item leftSection={<IconDoorExit size={16} aria-hidden />} onClick={() => setConfirmLeave(true)}>
              {t('rooms.leave.action')}
            </Menu.Item>
          ) : null}
          {can(room, 'delete_room') ? (
            <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirmDelete(true)}>
              {t('moderation.room.delete')}
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      {update.isError ? (
        <Alert color="red" p={4} role="alert" withCloseButton onClose={() => update.reset()}>
          {refusalText(update.error, t)}
        </Alert>
      ) : null}
      {can(room, 'edit_room') ? <RoomDetailsDialog room={room} opened={editing} onClose={() => setEditing(false)} /> : null}
      <ReasonDialog
        opened={confirmLeave}
        onClose={() => setConfirmLeave(false)}
        title={t('rooms.leave.title', { room: room.name })}
        description={room.is_private ? t('rooms.leave.privateBody') : t('rooms.leave.body')}
        confirmLabel={t('rooms.leave.action')}
        danger
        withReason={false}
        onConfirm={leaving.leave}
        onDone={leaving.afterLeaving}
      />
      {panel !== null ? (
        <Suspense fallback={null}>
          <RoomModerationModal room={room} panel={panel} onPanel={setPanel} onClose={() => setPanel(null)} />
        </Suspense>
      ) : null}
      <ReasonDialog
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('moderation.room.deleteTitle', { room: room.name })}
        description={t('moderation.room.deleteBody')}
        confirmLabel={t('moderation.room.delete')}
        danger
        withReason={false}
        onConfirm={() => deleteRoom(room.id)}
        onDone={() => {
          void queryClient.invalidateQueries({ queryKey: ['rooms'] });
          void navigate('/');
        }}
      />
    </>
  );
}
