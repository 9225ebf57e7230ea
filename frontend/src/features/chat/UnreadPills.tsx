import { Badge, Button } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Floats at the top of the list while the "New messages" line is above the view. */
export function FirstUnreadPill({ count, onClick }: { count: number; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      className="unread-pill unread-pill--first"
      radius="xl"
      size="sm"
      variant="default"
      leftSection={<IconArrowUp size={16} aria-hidden />}
      rightSection={
        <Badge size="sm" circle={count < 10} aria-hidden>
          {count}
        </Badge>
      }
      aria-label={t('chat.unread.first', { count })}
      onClick={onClick}
    >
      {t('chat.unread.jumpFirst')}
    </Button>
  );
}

/** Floats at the bottom while unread messages lie below the view (live ones too). */
export function NewBelowPill({ count, onClick }: { count: number; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      className="jump-latest"
      radius="xl"
      size="sm"
      rightSection={<IconArrowDown size={16} aria-hidden />}
      onClick={onClick}
    >
      {t('chat.unread.below', { count })}
    </Button>
  );
}
