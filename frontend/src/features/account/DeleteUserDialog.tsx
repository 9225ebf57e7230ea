import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { deleteUserAsAdmin, type MessagesChoice } from '../../api';
import { MessagesChoiceField } from './MessagesChoiceField';

interface DeleteUserDialogProps {
  /** The account to delete; null keeps the dialog closed. */
  user: { id: number; name: string } | null;
  onClose: () => void;
  onDeleted: () => void;
}

/** A site admin deleting someone's account, with the same choice about their messages. */
export function DeleteUserDialog({ user, onClose, onDeleted }: DeleteUserDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('account.delete.adminTitle', { name: user.name }) : ''}
      centered
    >
      {/* Keyed by the account, so a choice made for one never carries over to the next. */}
      {user ? <DeleteUserForm key={user.id} userId={user.id} onClose={onClose} onDeleted={onDeleted} /> : null}
    </Modal>
  );
}

interface DeleteUserFormProps {
  userId: number;
  onClose: () => void;
  onDeleted: () => void;
}

function DeleteUserForm({ userId, onClose, onDeleted }: DeleteUserFormProps) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<MessagesChoice | null>(null);
  const [missing, setMissing] = useState(false);
  const remove = useMutation({
    mutationFn: (choice: MessagesChoice) => deleteUserAsAdmin(userId, choice),
    onSuccess: () => {
      onDeleted();
      onClose();
    },
  });
  return (
    <Stack>
      <Text size="sm">{t('account.delete.adminBody')}</Text>
      <MessagesChoiceField
        whose="theirs"
        value={messages}
        onChange={(choice) => {
          setMessages(choice);
          setMissing(false);
        }}
        error={missing ? t('account.delete.messagesRequired') : undefined}
      />
      {remove.isError ? (
        <Text c="red" size="sm" role="alert">
          {t('account.delete.adminFailed')}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('chat.actions.cancel')}
        </Button>
        <Button
          color="red"
          loading={remove.isPending}
          onClick={() => (messages ? remove.mutate(messages) : setMissing(true))}
        >
          {t('account.delete.adminConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
