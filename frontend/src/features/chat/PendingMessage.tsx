import { Button, Group, Loader, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { type PendingSend, useRealtime } from '../../realtime';
import { MessageQuote } from './MessageQuote';
import { MessageBody } from './richText';

const KNOWN_ERRORS = [
  'locked',
  'forbidden',
  'invalid',
  'timeout',
  'not_found',
  'muted',
  'banned',
  'slow_mode',
  'rate_limited',
  'attachment_lost',
  'upload_refused',
] as const;
type KnownError = (typeof KNOWN_ERRORS)[number];
const isKnown = (code: string | null): code is KnownError => KNOWN_ERRORS.includes(code as KnownError);

/** My message before the server has it: faded while sending, red with Retry when it failed. */
export function PendingMessage({ roomId, entry }: { roomId: number; entry: PendingSend }) {
  const { t } = useTranslation();
  const client = useRealtime();
  const failed = entry.status === 'failed';
  const fileCount = (entry.attachments?.length ?? 0) + (entry.files?.length ?? 0);
  // Its files were not kept: Retry sends the text alone, so it says so.
  const lost = entry.error === 'attachment_lost';
  return (
    <div
      className={failed ? 'message message--own message--failed' : 'message message--own message--pending'}
      data-testid="pending-message"
      data-status={entry.status}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <span className="message-time" aria-hidden>
          {failed ? <IconAlertCircle size={14} color="var(--mantine-color-red-6)" /> : <Loader size={10} />}
        </span>
        <Text className="message-body" component="div">
          {entry.replyTo ? <MessageQuote quote={entry.replyTo} /> : null}
          <MessageBody body={entry.body} />
          {fileCount > 0 ? (
            <Text size="xs" c="dimmed">
              {t('uploads.count', { count: fileCount })}
            </Text>
          ) : null}
        </Text>
      </Group>
      {failed ? (
        <Group gap="xs" mt={4} className="message-failure">
          <Text size="xs" c="red" role="alert">
            {t('chat.failed')}:{' '}
            {t(isKnown(entry.error) ? `chat.sendErrors.${entry.error}` : 'chat.sendErrors.other', {
              names: (entry.lostFiles ?? []).join(', '),
            })}
          </Text>
          <Button size="compact-sm" variant="light" onClick={() => client.retry(roomId, entry.clientId)}>
            {lost ? t('chat.sendTextOnly') : t('chat.retry')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="gray" onClick={() => client.discard(roomId, entry.clientId)}>
            {t('chat.discard')}
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed" className="visually-hidden-text">
          {t('chat.sending')}
        </Text>
      )}
    </div>
  );
}
