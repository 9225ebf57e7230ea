import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { refusalText } from './errors';

interface ReasonDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What will happen, in a sentence. */
  description?: ReactNode;
  confirmLabel: string;
  /** Destructive actions are red. */
  danger?: boolean;
  /** Extra fields (the mute duration) above the reason. */
  children?: ReactNode;
  reasonRequired?: boolean;
  /** False where the server keeps no reason (deleting a room). */
  withReason?: boolean;
  onConfirm: (reason: string) => Promise<unknown>;
  onDone?: () => void;
}

/**
 * Every moderation action goes through one confirmation with a reason (it lands in the
 * audit log). The server's refusal is shown inline, in its words, and the dialog stays open.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const { opened, onClose, title, description, confirmLabel, danger, children, reasonRequired, onConfirm, onDone } =
    props;
  const withReason = props.withReason ?? true;
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const action = useMutation({
    mutationFn: () => onConfirm(reason.trim()),
    onSuccess: () => {
      setReason('');
      onClose();
      onDone?.();
    },
  });
  const close = () => {
    action.reset();
    setReason('');
    onClose();
  };
  const missing = reasonRequired === true && reason.trim() === '';

  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!missing) action.mutate();
        }}
      >
        <Stack gap="sm">
          {description ? <Text size="sm">{description}</Text> : null}
          {children}
          {withReason ? (
            <Textarea
            label={t('moderation.reason')}
            placeholder={t('moderation.reasonPlaceholder')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            required={reasonRequired}
            data-autofocus
          />
          ) : null}
          {action.isError ? (
            <Alert color="red" role="alert" p="xs">
              {refusalText(action.error, t)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} mih={44}>
              {t('moderation.cancel')}
            </Button>
            <Button
              type="submit"
              color={danger ? 'red' : undefined}
              loading={action.isPending}
              disabled={missing}
              mih={44}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
