import { Anchor, Center, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { listAllReports } from '../../api';
import { useCurrentUser } from '../auth';
import { ReportQueue } from '../moderation';
import { siteReportsKey } from '../rooms';
import { AuditTab } from './AuditTab';
import { RoomsTab } from './RoomsTab';
import { SettingsTab } from './SettingsTab';
import { StatsPanel } from './StatsPanel';
import { UsersTab } from './UsersTab';

function Forbidden() {
  const { t } = useTranslation();
  return (
    <Center mih="60dvh">
      <Stack align="center" ta="center" gap="sm" role="alert">
        <Title order={1} fz={24}>
          {t('admin.forbidden.title')}
        </Title>
        <Text c="dimmed">{t('admin.forbidden.body')}</Text>
        <Anchor component={Link} to="/" className="touch-link">
          {t('notFound.home')}
        </Anchor>
      </Stack>
    </Center>
  );
}

/** /admin — live figures, then users, rooms, every room's reports, the audit log and sign-up. */
export function AdminPage() {
  const { t } = useTranslation();
  const { data: me, isPending } = useCurrentUser();
  if (isPending) {
    return (
      <Center mih="50dvh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  // The API refuses non-admins anyway; this only spares them a page of errors.
  if (me?.role !== 'admin') return <Forbidden />;

  return (
    <Stack gap="lg" maw={1100} mx="auto" className="admin-page">
      <Title order={1} fz={24}>
        {t('admin.title')}
      </Title>
      <StatsPanel />
      <Tabs defaultValue="users" keepMounted={false}>
        <Tabs.List mb="md" style={{ flexWrap: 'nowrap', overflowX: 'auto' }}>
          <Tabs.Tab value="users" mih={44}>
            {t('admin.tabs.users')}
          </Tabs.Tab>
          <Tabs.Tab value="rooms" mih={44}>
            {t('admin.tabs.rooms')}
          </Tabs.Tab>
          <Tabs.Tab value="reports" mih={44}>
            {t('admin.tabs.reports')}
          </Tabs.Tab>
          <Tabs.Tab value="audit" mih={44}>
            {t('admin.tabs.audit')}
          </Tabs.Tab>
          <Tabs.Tab value="settings" mih={44}>
            {t('admin.tabs.settings')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="rooms">
          <RoomsTab />
        </Tabs.Panel>
        <Tabs.Panel value="reports">
          <ReportQueue queryKey={siteReportsKey} load={listAllReports} showRoom />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditTab />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <SettingsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
