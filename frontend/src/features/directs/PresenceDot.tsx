import { useTranslation } from 'react-i18next';

import { usePresence } from '../../realtime';

/** A small dot, green while the person is connected; says so to screen readers too. */
export function PresenceDot({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const online = usePresence(userId);
  return (
    <span
      className={online ? 'presence-dot presence-dot--online' : 'presence-dot'}
      role="img"
      aria-label={online ? t('chat.online') : t('chat.offline')}
      data-online={online}
    />
  );
}
