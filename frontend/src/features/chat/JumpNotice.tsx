import { CloseButton, Group, Loader, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { JumpStatus } from './useJumpToMessage';

/** Floats over the top of the list while a jump loads history, or says why it stopped. */
export function JumpNotice({ status, onDismiss }: { status: JumpStatus; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (status === 'idle') return null;
  return (
    <Paper className="jump-notice" shadow="md" withBorder role="status" data-testid="jump-notice">
      <Group gap="xs" wrap="nowrap">
        {status === 'loading' ? <Loader size={14} aria-hidden /> : null}
        <Text size="sm" c={status === 'failed' ? 'red' : undefined}>
          {t(`replies.jump.${status}`)}
        </Text>
        {status === 'loading' ? null : <CloseButton size={40} onClick={onDismiss} aria-label={t('replies.jump.dismiss')} />}
      </Group>
    </Paper>
  );
}
