import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';

import { RoomsSidebar } from '../rooms';
import { AppHeader } from './AppHeader';

const NAVBAR_ID = 'app-navbar';

/** Header, room list and content. Below the `sm` breakpoint (768 px) the list becomes a drawer. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <AppHeader navOpened={navOpened} onToggleNav={toggle} navId={NAVBAR_ID} />
      </AppShell.Header>
      <AppShell.Navbar id={NAVBAR_ID} p="md" aria-label={t('rooms.heading')}>
        <RoomsSidebar />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
