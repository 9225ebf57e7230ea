import { Alert, Button, Card, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { moderateDeleteMessage, type ReportPublic, type ReportStatus, resolveReport } from '../../api';
import { refusalText } from './errors';
import { ReasonDialog } from './ReasonDialog';

interface ReportQueueProps {
  /** Cache key prefix; the status is appended. */
  queryKey: readonly unknown[];
  load: (status: ReportStatus) => Promise<ReportPublic[]>;
  /** The admin queue spans rooms, so it names each report's room. */
  showRoom?: boolean;
}

function ReportCard({ report, showRoom, onChanged }: { report: ReportPublic; showRoom: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [deleting, setDeleting] = useState(false);
  const resolve = useMutation({
    mutationFn: (status: 'resolved' | 'dismissed') => resolveReport(report.id, status),
    onSuccess: onChanged,
  });
  const open = report.status === 'open';
  return (
    <Card withBorder padding="sm" component="li" data-testid="report" aria-label={t('moderation.reports.item', { author: report.message_author })}>
      <Stack gap={6}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }} fs={report.message_body ? undefined : 'italic'}>
          {report.message_body || t('chat.removed')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('moderation.reports.meta', {
            author: report.message_author,
            reporter: report.reporter,
            time: new Date(report.created_at).toLocaleString(i18n.language),
          })}
          {/* A DM's stored name is a placeholder: say what it is instead. */}
          {showRoom ? ` · ${report.room_kind === 'dm' ? t('moderation.reports.inDirect') : `#${report.room_name}`}` : ''}
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            {t('moderation.reports.reason')}:
          </Text>{' '}
          {report.reason || '—'}
        </Text>
        {!open ? (
          <Text size="xs" c="dimmed">
            {t(`moderation.reports.status.${report.status}`)}
            {report.resolution_note ? ` — ${report.resolution_note}` : ''}
          </Text>
        ) : null}
        {resolve.isError ? (
          <Alert color="red" p="xs" role="alert">
            {refusalText(resolve.error, t)}
          </Alert>
        ) : null}
        {open ? (
          <Group gap="xs">
            <Button mih={44} size="sm" onClick={() => resolve.mutate('resolved')} loading={resolve.isPending}>
              {t('moderation.reports.resolve')}
            </Button>
            <Button mih={44} size="sm" variant="default" onClick={() => resolve.mutate('dismissed')} disabled={resolve.isPending}>
              {t('moderation.reports.dismiss')}
            </Button>
            {report.message_body ? (
              <Button mih={44} size="sm" color="red" variant="light" onClick={() => setDeleting(true)}>
                {t('moderation.reports.deleteMessage')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      <ReasonDialog
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('moderation.message.deleteTitle')}
        description={report.message_body}
        confirmLabel={t('moderation.message.delete')}
        danger
        onConfirm={async (reason) => {
          await moderateDeleteMessage(report.message_id, reason);
          // Deleting the message settles the report: close it so the queue empties.
          await resolveReport(report.id, 'resolved', reason || t('moderation.reports.deletedNote'));
        }}
        onDone={onChanged}
      />
    </Card>
  );
}

/** Open (or past) reports, newest first, with Resolve / Dismiss / Delete message. */
export function ReportQueue({ queryKey, load, showRoom = false }: ReportQueueProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ReportStatus>('open');
  const { data, isPending, isError, error } = useQuery({
    queryKey: [...queryKey, status],
    queryFn: () => load(status),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey });

  return (
    <Stack gap="sm">
      <SegmentedControl
        value={status}
        onChange={(value) => setStatus(value as ReportStatus)}
        size="md"
        aria-label={t('moderation.reports.filter')}
        data={(['open', 'resolved', 'dismissed'] as const).map((value) => ({
          value,
          label: t(`moderation.reports.status.${value}`),
        }))}
      />
      {isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {isError ? (
        <Alert color="red" role="alert">
          {refusalText(error, t)}
        </Alert>
      ) : null}
      {data?.length === 0 ? <Text c="dimmed">{t('moderation.reports.empty')}</Text> : null}
      <Stack component="ul" gap="sm" className="plain-list" aria-label={t('moderation.reports.title')}>
        {data?.map((report) => (
          <ReportCard key={report.id} report={report} showRoom={showRoom} onChanged={refresh} />
        ))}
      </Stack>
    </Stack>
  );
}
