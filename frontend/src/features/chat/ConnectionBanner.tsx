import { Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type ConnectionStatus, useConnectionStatus } from '../../realtime';

const BACK_ONLINE_VISIBLE_MS = 2500;

/**
 * The connection, as ordinary UI: says when we are not live, and briefly when we are
 * live again. Nothing is shown in the steady online state.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  const previous = useRef<ConnectionStatus>(status);
  const [backOnline, setBackOnline] = useState(false);

  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    if (status !== 'online' || before === 'online' || before === 'connecting') return undefined;
    setBackOnline(true);
    const timer = setTimeout(() => setBackOnline(false), BACK_ONLINE_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [status]);

  let text: string | null = null;
  let tone = 'neutral';
  if (status === 'connecting') text = t('connection.connecting');
  else if (status === 'reconnecting') text = t('connection.reconnecting');
  else if (status === 'offline') [text, tone] = [t('connection.offline'), 'warning'];
  else if (status === 'forbidden') [text, tone] = [t('connection.forbidden'), 'error'];
  else if (backOnline) [text, tone] = [t('connection.online'), 'success'];

  // The live region stays mounted so screen readers announce each change.
  return (
    <div role="status" aria-live="polite" className="connection-banner" data-tone={tone} data-shown={text !== null}>
      {text ? (
        <Text size="sm" fw={600} ta="center">
          {text}
        </Text>
      ) : null}
    </div>
  );
}
