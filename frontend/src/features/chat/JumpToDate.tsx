import { Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { messageAt, type RoomPublic } from '../../api';
import { localMidnight } from './localMidnight';

/**
 * "Jump to date": the first message of the chosen local day, reached as a link to it is
 * (history loads around it). With nothing from that day on, the latest message instead,
 * and a word saying so.
 */
export function JumpToDate({ room, opened, onClose }: { room: RoomPublic; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [day, setDay] = useState('');
  const [nothingAfter, setNothingAfter] = useState(false);
  const find = useMutation({ mutationFn: (time: string) => messageAt(room.id, time) });
  const go = (seq: number) => void navigate(`/rooms/${room.id}?message=${seq}`);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const time = localMidnight(day);
    if (time === null) return;
    setNothingAfter(false);
    find.mutate(time, {
      onSuccess: ({ seq }) => {
        if (seq !== null) {
          onClose();
          go(seq);
          return;
        }
        setNothingAfter(true);
        if (room.last_seq > 0) go(room.last_seq);
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('chat.jumpToDate.title')} size="sm">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <TextInput
            type="date"
            label={t('chat.jumpToDate.label')}
            value={day}
            onChange={(event) => setDay(event.currentTarget.value)}
            required
            data-autofocus
          />
          <Button type="submit" loading={find.isPending} mih={44}>
            {t('chat.jumpToDate.go')}
          </Button>
          {nothingAfter ? (
            <Text size="sm" role="status">
              {t('chat.jumpToDate.nothingAfter')}
            </Text>
          ) : null}
          {find.isError ? (
            <Text size="sm" c="red" role="alert">
              {t('chat.jumpToDate.failed')}
            </Text>
          ) : null}
        </Stack>
      </form>
    </Modal>
  );
}
