import { ActionIcon, Menu } from '@mantine/core';
import { IconCalendarSearch, IconHistory, IconPin } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { RoomPublic } from '../../api';
import { PinnedDrawer } from '../pins';
import { JumpToDate } from './JumpToDate';

/**
 * Ways into the room's past from its header: the pinned messages and a date. One button
 * for both, so the header still leaves the room's name room on a 360 px phone.
 */
export function HistoryMenu({ room }: { room: RoomPublic }) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<'pins' | 'date' | null>(null);
  const close = () => setPanel(null);
  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size={44} aria-label={t('chat.history')}>
            <IconHistory size={20} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPin size={16} aria-hidden />} onClick={() => setPanel('pins')}>
            {t('pins.title')}
          </Menu.Item>
          <Menu.Item leftSection={<IconCalendarSearch size={16} aria-hidden />} onClick={() => setPanel('date')}>
            {t('chat.jumpToDate.title')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <PinnedDrawer roomId={room.id} opened={panel === 'pins'} onClose={close} />
      {panel === 'date' ? <JumpToDate room={room} opened onClose={close} /> : null}
    </>
  );
}
