import { Alert, Button, Loader, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type AuditFilters, listAudit } from '../../api';
import { AUDIT_ACTIONS, auditActionLabel, AuditList, refusalText } from '../moderation';
import { useRoomDirectory } from '../rooms';

const PAGE = 50;


/** A local yyyy-mm-dd day as an ISO instant: its start, or (for `until`) the next day's start. */
function dayBound(day: string, end: boolean): string | null {
  if (!day) return null;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return null;
  if (end) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

const idOrNull = (value: string | number) => (typeof value === 'number' && value > 0 ? value : null);

/** The full audit log, newest first, filtered, paged with before_id. */
export function AuditTab() {
  const { t } = useTranslation();
  const [action, setAction] = useState<string | null>(null);
  const [roomId, setRoomId] = useState<string | null>(null);
  const [roomSearch, setRoomSearch] = useState('');
  const [roomQ] = useDebouncedValue(roomSearch.trim(), 250);
  const { rooms } = useRoomDirectory(roomQ);
  const [actorId, setActorId] = useState<string | number>('');
  const [personSearch, setPersonSearch] = useState('');
  const [person] = useDebouncedValue(personSearch.trim(), 250);
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const filters: AuditFilters = {
    action,
    room_id: roomId === null ? null : Number(roomId),
    actor_id: idOrNull(actorId),
    person: person || null,
    since: dayBound(since, false),
    until: dayBound(until, true),
    limit: PAGE,
  };
  const audit = useInfiniteQuery({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam }) => listAudit({ ...filters, before_id: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : (last.at(-1)?.id ?? undefined)),
    placeholderData: keepPreviousData,
  });
  const entries = audit.data?.pages.flat() ?? [];

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Select
          label={t('admin.audit.action')}
          placeholder={t('admin.audit.anyAction')}
          data={AUDIT_ACTIONS.map((value) => ({ value, label: auditActionLabel(value, t) }))}
          value={action}
          onChange={setAction}
          clearable
          searchable
          size="md"
        />
        <Select
          label={t('admin.audit.room')}
          placeholder={t('admin.audit.anyRoom')}
          data={(rooms ?? []).map((room) => ({ value: String(room.id), label: room.name }))}
          value={roomId}
          onChange={setRoomId}
          // The room list is paged: the server filters by name, the first page is offered.
          searchValue={roomSearch}
          onSearchChange={setRoomSearch}
          filter={({ options }) => options}
          clearable
          searchable
          size="md"
        />
        <TextInput
          type="search"
          label={t('admin.audit.person')}
          value={personSearch}
          onChange={(event) => setPersonSearch(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          maxLength={64}
          size="md"
        />
        <NumberInput label={t('admin.audit.actor')} value={actorId} onChange={setActorId} min={1} allowDecimal={false} size="md" />
        <TextInput label={t('admin.audit.since')} type="date" value={since} onChange={(e) => setSince(e.currentTarget.value)} size="md" />
        <TextInput label={t('admin.audit.until')} type="date" value={until} onChange={(e) => setUntil(e.currentTarget.value)} size="md" />
      </SimpleGrid>
      {audit.isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {audit.isError ? <Alert color="red">{refusalText(audit.error, t)}</Alert> : null}
      {audit.isSuccess ? <AuditList entries={entries} /> : null}
      {audit.hasNextPage ? (
        <Button mih={44} variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
          {t('admin.audit.loadMore')}
        </Button>
      ) : audit.isSuccess && entries.length > 0 ? (
        <Text size="sm" c="dimmed" ta="center">
          {t('admin.audit.end')}
        </Text>
      ) : null}
    </Stack>
  );
}
