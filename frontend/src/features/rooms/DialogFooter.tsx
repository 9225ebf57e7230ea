import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface DialogFooterProps {
  /** A failure the form could not pin on a field. */
  unexpectedError: boolean;
  submitLabel: string;
  pending: boolean;
  onCancel: () => void;
}

/** The bottom of the room dialogs: an unexplained failure, then Cancel and Submit. */
export function DialogFooter({ unexpectedError, submitLabel, pending, onCancel }: DialogFooterProps) {
  const { t } = useTranslation();
  return (
    <>
      {unexpectedError ? (
        <Text c="red" size="sm" role="alert">
          {t('auth.errors.unexpected')}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('chat.actions.cancel')}
        </Button>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
