import { Divider, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, inviteMember, type MemberPublic, type RoomPublic } from '../../api';
import { DialogFooter } from './DialogFooter';
import { membersKey } from './queries';

interface InviteDialogProps {
  room: RoomPublic;
  opened: boolean;
  onClose: () => void;
  /** More ways in below the username form (invite links). */
  children?: ReactNode;
}

/** Owner/moderator adds someone to a private room by username. */
export function InviteDialog({ room, opened, onClose, children }: InviteDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '' },
    validate: { username: (value) => (value.trim() === '' ? t('auth.errors.usernameRequired') : null) },
  });
  const invite = useMutation({
    mutationFn: (username: string) => inviteMember(room.id, username),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: membersKey(room.id) });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      if (error.status === 404) form.setFieldError('username', t('rooms.invite.notFound'));
      else if (error.status === 409) form.setFieldError('username', t('rooms.invite.already'));
      else if (error.status === 403) form.setFieldError('username', t('rooms.invite.forbidden'));
    },
  });
  const invited: MemberPublic | undefined = invite.data;
  const handled = invite.error instanceof ApiError && [403, 404, 409].includes(invite.error.status);

  return (
    <Modal opened={opened} onClose={onClose} title={t('rooms.invite.title', { room: room.name })} centered>
      <form onSubmit={form.onSubmit((values) => invite.mutate(values.username.trim().toLowerCase()))} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('rooms.invite.username')}
            required
            maxLength={32}
            autoCapitalize="none"
            autoCorrect="off"
            data-autofocus
            {...form.getInputProps('username')}
          />
          {invited && !invite.isError ? (
            <Text c="teal" size="sm" role="status">
              {t('rooms.invite.done', { name: invited.display_name || invited.username })}
            </Text>
          ) : null}
          <DialogFooter
            unexpectedError={invite.isError && !handled}
            submitLabel={t('rooms.invite.submit')}
            pending={invite.isPending}
            onCancel={onClose}
          />
        </Stack>
      </form>
      {children ? (
        <>
          <Divider my="lg" />
          {children}
        </>
      ) : null}
    </Modal>
  );
}
