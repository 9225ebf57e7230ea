import { Alert, Loader, Modal, Tabs, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type AuditPublic, listRoomAudit, listRoomReports, moderateMember, type RoomPublic } from '../../api';
import { ShowMore } from '../../components/ShowMore';
import { can, reportsKey } from '../rooms';
import { AuditList } from './AuditList';
import { BansPanel } from './BansPanel';
import { refusalText } from './errors';
import { ReasonDialog } from './ReasonDialog';
import { ReportQueue } from './ReportQueue';

export type RoomPanel = 'reports' | 'audit' | 'bans';

const ROOM_AUDIT_PAGE = 50;

function RoomAudit({ roomId, canUnban }: { roomId: number; canUnban: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [unbanning, setUnbanning] = useState<AuditPublic | null>(null);
  const [search, setSearch] = useState('');
  const [person] = useDebouncedValue(search.trim(), 250);
  const audit = useInfiniteQuery({
    queryKey: ['rooms', roomId, 'audit', person],
    queryFn: ({ pageParam }) =>
      listRoomAudit(roomId, { before_id: pageParam, person: person || null, limit: ROOM_AUDIT_PAGE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length < ROOM_AUDIT_PAGE ? undefined : (last.at(-1)?.id ?? undefined)),
    placeholderData: keepPreviousData,
  });
  const searchBox = (
    <TextInput
      type="search"
      label={t('moderation.audit.search')}
      value={search}
      onChange={(event) => setSearch(event.currentTarget.value)}
      leftSection={<IconSearch size={16} aria-hidden />}
      maxLength={64}
      size="md"
      mb="sm"
    />
  );
  if (audit.isPending) return <>{searchBox}<Loader size="sm" aria-label={t('app.loading')} /></>;
  if (audit.isError) return <>{searchBox}<Alert color="red">{refusalText(audit.error, t)}</Alert></>;
  const entries = audit.data.pages.flat();
  const target = unbanning?.target_user_id;
  return (
    <>
      {searchBox}
      <AuditList entries={entries} onUnban={canUnban ? setUnbanning : undefined} />
      <ShowMore query={audit} label={t('moderation.audit.more')} failed={t('moderation.audit.loadFailed')} />
      <ReasonDialog
        opened={unbanning !== null}
        onClose={() => setUnbanning(null)}
        title={t('moderation.member.titles.unban', { name: t('moderation.audit.user', { id: target ?? 0 }) })}
        confirmLabel={t('moderation.member.actions.unban')}
        onConfirm={(reason) =>
          target ? moderateMember(roomId, { action: 'unban', user_id: target, reason }) : Promise.resolve()
        }
        onDone={() => void queryClient.invalidateQueries({ queryKey: ['rooms', roomId] })}
      />
    </>
  );
}

interface RoomModerationModalProps {
  room: RoomPublic;
  panel: RoomPanel | null;
  onPanel: (panel: RoomPanel) => void;
  onClose: () => void;
}

/** The room's report queue and audit log, for its moderators, owner and site admins. */
export function RoomModerationModal({ room, panel, onPanel, onClose }: RoomModerationModalProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={panel !== null}
      onClose={onClose}
      title={t('moderation.room.panelTitle', { room: room.name })}
      size="lg"
      fullScreen={phone}
    >
      <Tabs value={panel} onChange={(value) => value && onPanel(value as RoomPanel)} keepMounted={false}>
        <Tabs.List mb="sm">
          {can(room, 'read_reports') ? (
            <Tabs.Tab value="reports" mih={44}>
              {t('moderation.reports.title')}
            </Tabs.Tab>
          ) : null}
          {can(room, 'read_audit') ? (
            <Tabs.Tab value="audit" mih={44}>
              {t('moderation.audit.title')}
            </Tabs.Tab>
          ) : null}
          {can(room, 'moderate') ? (
            <Tabs.Tab value="bans" mih={44}>
              {t('moderation.bans.title')}
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="reports">
          <ReportQueue queryKey={reportsKey(room.id)} load={(status) => listRoomReports(room.id, status)} />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <RoomAudit roomId={room.id} canUnban={can(room, 'moderate')} />
        </Tabs.Panel>
        <Tabs.Panel value="bans">
          <BansPanel roomId={room.id} />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}
