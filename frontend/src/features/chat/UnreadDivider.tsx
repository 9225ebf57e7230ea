import { memo } from 'react';
import { useTranslation } from 'react-i18next';

/** "New messages": the line above the first message that came since the room was last read. */
export const UnreadDivider = memo(function UnreadDivider() {
  const { t } = useTranslation();
  return (
    <div className="unread-divider" data-testid="unread-divider" role="separator" aria-label={t('chat.unread.divider')}>
      <span className="unread-divider-label" aria-hidden>
        {t('chat.unread.divider')}
      </span>
    </div>
  );
});
