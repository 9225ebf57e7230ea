import { Button, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Says that the message just sent waits for its files, and offers to take it back. */
export function HeldNotice({ failed, onCancel }: { failed: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group className="held-notice" gap="xs" wrap="nowrap" justify="space-between" role="status" data-testid="held-notice">
      <Group gap={6} wrap="nowrap" miw={0}>
        {failed ? null : <Loader size={12} aria-hidden />}
        <Text size="sm" c={failed ? 'red' : 'dimmed'}>
          {failed ? t('chat.composer.heldFailed') : t('chat.composer.held')}
        </Text>
      </Group>
      <Button variant="subtle" size="compact-sm" onClick={onCancel}>
        {t('chat.composer.heldCancel')}
      </Button>
    </Group>
  );
}
