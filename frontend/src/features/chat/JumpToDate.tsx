import { ActionIcon, Button, Popover, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarSearch } from '@tabler/icons-react';
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
export function JumpToDate({ room }: { room: RoomPublic }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, popover] = useDisclosure(false);
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
          popover.close();
          go(seq);
          return;
        }
        setNothingAfter(true);
        if (room.last_seq > 0) go(room.last_seq);
      },
    });
  };

  return (
    <Popover
      opened={opened}
      onChange={(open) => (open ? popover.open() : popover.close())}
      position="bottom-end"
      withinPortal
      trapFocus
      shadow="md"
    >
      <Popover.Target>
        <Tooltip label={t('chat.jumpToDate.title')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size={36}
            aria-label={t('chat.jumpToDate.title')}
            onClick={() => (opened ? popover.close() : popover.open())}
          >
            <IconCalendarSearch size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={submit}>
          <Stack gap="xs" w={240} maw="calc(100vw - 32px)">
            <TextInput
              type="date"
              label={t('chat.jumpToDate.label')}
              value={day}
              onChange={(event) => setDay(event.currentTarget.value)}
              required
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
      </Popover.Dropdown>
    </Popover>
  );
}
