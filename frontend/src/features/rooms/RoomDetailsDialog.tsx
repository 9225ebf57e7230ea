import { Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, type RoomPublic, type RoomUpdate, updateRoom } from '../../api';
import { DialogFooter } from './DialogFooter';
import { directoryPrefix, roomKey, roomsKey } from './queries';
import { roomFieldRules } from './roomFields';
import { RoomNameTopicFields } from './RoomNameTopicFields';

interface RoomDetailsDialogProps {
  room: RoomPublic;
  opened: boolean;
  onClose: () => void;
}

/** Rename a room and edit its topic (Action.edit_room); everyone sees it through the `room` frame. */
export function RoomDetailsDialog({ room, opened, onClose }: RoomDetailsDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: room.name, topic: room.topic ?? '' },
    validate: roomFieldRules(t),
  });
  // Each opening starts from the room as it is now (someone else may have renamed it).
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (!opened) return;
    setValues({ name: room.name, topic: room.topic ?? '' });
    resetDirty({ name: room.name, topic: room.topic ?? '' });
  }, [opened, room.name, room.topic, setValues, resetDirty]);

  const save = useMutation({
    mutationFn: (change: RoomUpdate) => updateRoom(room.id, change),
    onSuccess: (updated: RoomPublic) => {
      queryClient.setQueryData(roomKey(room.id), updated);
      void queryClient.invalidateQueries({ queryKey: roomsKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: directoryPrefix });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) form.setFieldError('name', t('rooms.errors.nameTaken'));
    },
  });
  const otherError = save.error && !(save.error instanceof ApiError && save.error.status === 409);

  const submit = form.onSubmit((values) => {
    // Only what changed: an unchanged name is not re-checked against the others.
    const change: RoomUpdate = {};
    if (values.name.trim() !== room.name) change.name = values.name.trim();
    if (values.topic.trim() !== (room.topic ?? '')) change.topic = values.topic.trim();
    if (Object.keys(change).length === 0) {
      onClose();
      return;
    }
    save.mutate(change);
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('rooms.details.title')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <RoomNameTopicFields name={form.getInputProps('name')} topic={form.getInputProps('topic')} />
          <DialogFooter
            unexpectedError={Boolean(otherError)}
            submitLabel={t('rooms.details.save')}
            pending={save.isPending}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
