import { Alert, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { readAdminStats } from '../../api';
import { ActivityChart } from './ActivityChart';

const REFRESH_MS = 10_000;

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** The live figures at the top of the dashboard, refreshed every 10 s. */
export function StatsPanel() {
  const { t } = useTranslation();
  const { data, dataUpdatedAt, isPending, isError } = useQuery({
    queryKey: ['admin', 'stats'],
    queryFn: readAdminStats,
    refetchInterval: REFRESH_MS,
  });

  return (
    <Stack gap="sm" component="section" aria-labelledby="admin-stats-heading">
      <Group justify="space-between" align="baseline">
        <Title order={2} fz={18} id="admin-stats-heading">
          {t('admin.stats.heading')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('admin.stats.refresh')}
        </Text>
      </Group>
      {isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {isError ? <Alert color="red">{t('admin.stats.loadFailed')}</Alert> : null}
      {data ? (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Figure label={t('admin.stats.usersOnline')} value={data.users_online} testId="stat-users-online" />
            <Figure label={t('admin.stats.openSockets')} value={data.open_sockets} testId="stat-open-sockets" />
            <Figure label={t('admin.stats.openReports')} value={data.open_reports} testId="stat-open-reports" />
            <Figure label={t('admin.stats.totalUsers')} value={data.total_users} testId="stat-total-users" />
          </SimpleGrid>
          <Card withBorder padding="sm">
            <Title order={3} fz={15} mb="xs">
              {t('admin.stats.perMinute')}
            </Title>
            {/* The hour counted ends when the figures arrived. */}
            <ActivityChart points={data.messages_per_minute} now={dataUpdatedAt} />
          </Card>
          <Card withBorder padding="sm">
            <Title order={3} fz={15} mb="xs">
              {t('admin.stats.busiest')}
            </Title>
            {data.busiest_rooms.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('admin.stats.busiestEmpty')}
              </Text>
            ) : (
              <Stack component="ol" gap={4} pl="md" m={0}>
                {data.busiest_rooms.map((room) => (
                  <Text component="li" size="sm" key={room.room_id}>
                    {room.name} — {t('admin.stats.messages', { count: room.messages })}
                  </Text>
                ))}
              </Stack>
            )}
          </Card>
        </>
      ) : null}
    </Stack>
  );
}
