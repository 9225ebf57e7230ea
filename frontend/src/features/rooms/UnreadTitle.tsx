import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { useUnreadTotal } from '../../realtime';
import { useMyRooms } from './queries';

/**
 * "(3) Parley": unread messages across my rooms. The open room is marked read while
 * the tab is visible, so the count grows only for other rooms or a hidden tab.
 */
export function UnreadTitle() {
  const { t } = useTranslation();
  const myRooms = useMyRooms();
  const total = useUnreadTotal((myRooms ?? []).map((room) => room.id));
  const name = t('app.name');
  useEffect(() => {
    document.title = total > 0 ? `(${total > 999 ? '999+' : total}) ${name}` : name;
  }, [total, name]);
  useEffect(() => () => void (document.title = name), [name]);
  return null;
}
