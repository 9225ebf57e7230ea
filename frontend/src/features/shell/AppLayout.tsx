import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';

import { createRealtimeClient, RealtimeProvider } from '../../realtime';
import { useApplyAccountPreferences } from '../account';
import { ConnectionBanner, useServerSendRate } from '../chat';
import { DirectsSidebar } from '../directs';
import { NotificationBindings } from '../notifications';
import { SiteBanGate } from '../moderation';
import { usePinSync } from '../pins';
import { useProfileSync } from '../profile';
import { RoomsSidebar, UnreadTitle, useRoomSync } from '../rooms';
import { AppHeader } from './AppHeader';
import { useVisualViewportHeight } from './useVisualViewportHeight';

const NAVBAR_ID = 'app-navbar';

/** Binds live room state to caches and the title; renders nothing. */
function LiveBindings() {
  useRoomSync();
  useProfileSync();
  usePinSync();
  useServerSendRate();
  useApplyAccountPreferences();
  return (
    <>
      <UnreadTitle />
      <NotificationBindings />
    </>
  );
}

/** Header, room list and content. Below the `sm` breakpoint (768 px) the list becomes a drawer. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  // One socket per tab, for as long as the signed-in app is mounted.
  const [realtime] = useState(createRealtimeClient);
  useVisualViewportHeight();
  return (
    <RealtimeProvider client={realtime}>
      <LiveBindings />
      <SiteBanGate>
        <AppShell
          header={{ height: 60 }}
          navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
          padding="md"
        >
          <AppShell.Header>
            <AppHeader navOpened={navOpened} onToggleNav={toggle} navId={NAVBAR_ID} />
          </AppShell.Header>
          <AppShell.Navbar id={NAVBAR_ID} p="md" aria-label={t('rooms.heading')}>
            <AppShell.Section grow className="navbar-scroll">
              <RoomsSidebar onNavigate={close} />
              <DirectsSidebar onNavigate={close} />
            </AppShell.Section>
          </AppShell.Navbar>
          <AppShell.Main>
            <ConnectionBanner />
            <Outlet />
          </AppShell.Main>
        </AppShell>
      </SiteBanGate>
    </RealtimeProvider>
  );
}
