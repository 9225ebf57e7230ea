import { Modal, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ApiError, createRoom, type RoomCreate, type RoomPublic } from '../../api';
import { DialogFooter } from './DialogFooter';
import { roomFieldRules } from './roomFields';
import { RoomNameTopicFields } from './RoomNameTopicFields';
import { directoryPrefix, roomKey, roomsKey } from './queries';
import { withRoom } from './useJoinRoom';

interface CreateRoomDialogProps {
  opened: boolean;
  onClose: () => void;
  onNavigate?: () => void;
}

export function CreateRoomDialog({ opened, onClose, onNavigate }: CreateRoomDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', topic: '', isPrivate: false },
    validate: roomFieldRules(t),
  });
  const create = useMutation({
    mutationFn: (room: RoomCreate) => createRoom(room),
    onSuccess: (room: RoomPublic) => {
      queryClient.setQueryData(roomKey(room.id), room);
      queryClient.setQueryData<RoomPublic[]>(roomsKey, (rooms) => withRoom(rooms, room) ?? [room]);
      void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: directoryPrefix });
      form.reset();
      onClose();
      onNavigate?.();
      void navigate(`/rooms/${room.id}`);
    },
    onError: (error) => {
      // 409: the name is taken (names are unique, case-insensitively); say so where it was typed.
      if (error instanceof ApiError && error.status === 409) form.setFieldError('name', t('rooms.errors.nameTaken'));
    },
  });
  const otherError = create.error && !(create.error instanceof ApiError && create.error.status === 409);

  return (
    <Modal opened={opened} onClose={onClose} title={t('rooms.createTitle')} centered>
      <form
        onSubmit={form.onSubmit((values) =>
          create.mutate({ name: values.name.trim(), topic: values.topic.trim(), is_private: values.isPrivate }),
        )}
        noValidate
      >
        <Stack gap="md">
          <RoomNameTopicFields name={form.getInputProps('name')} topic={form.getInputProps('topic')} />
          <Switch
            size="md"
            label={t('rooms.fields.private')}
            description={t('rooms.fields.privateHint')}
            {...form.getInputProps('isPrivate', { type: 'checkbox' })}
          />
          <DialogFooter
            unexpectedError={Boolean(otherError)}
            submitLabel={t('rooms.create')}
            pending={create.isPending}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
