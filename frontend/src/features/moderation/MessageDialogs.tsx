import { Blockquote } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { moderateDeleteMessage, type MessagePublic, reportMessage } from '../../api';
import { type WireMessage, useRealtime } from '../../realtime';
import { ReasonDialog } from './ReasonDialog';

export type MessageDialog = 'delete' | 'report' | null;

interface MessageDialogsProps {
  roomId: number;
  message: WireMessage;
  open: MessageDialog;
  onClose: () => void;
  /** After a report went through, so the message can say so. */
  onReported?: () => void;
  /** My own message: deleting it is no moderation, so no reason is asked (nor audited). */
  own?: boolean;
}

const isMessage = (value: unknown): value is MessagePublic =>
  typeof value === 'object' && value !== null && typeof (value as Partial<MessagePublic>).seq === 'number';

/** Delete (own, or anyone's for managers, with a reason) and Report (with a reason). */
export function MessageDialogs({ roomId, message, open, onClose, onReported, own = false }: MessageDialogsProps) {
  const { t } = useTranslation();
  const client = useRealtime();
  const quote = (
    <Blockquote p="xs" fz="sm" style={{ overflowWrap: 'anywhere' }}>
      {message.body.length > 200 ? `${message.body.slice(0, 200)}…` : message.body}
    </Blockquote>
  );
  return (
    <>
      <ReasonDialog
        opened={open === 'delete'}
        onClose={onClose}
        title={t('moderation.message.deleteTitle')}
        description={quote}
        confirmLabel={t('moderation.message.delete')}
        danger
        withReason={!own}
        onConfirm={async (reason) => {
          const tombstone = await moderateDeleteMessage(message.id, reason);
          // The socket's message_deleted does the same; applying the answer makes it instant.
          if (isMessage(tombstone)) client.store.dispatch(roomId, { type: 'replace', message: tombstone });
        }}
      />
      <ReasonDialog
        opened={open === 'report'}
        onClose={onClose}
        title={t('moderation.message.reportTitle')}
        description={quote}
        confirmLabel={t('moderation.message.report')}
        reasonRequired
        onConfirm={(reason) => reportMessage(message.id, reason)}
        onDone={onReported}
      />
    </>
  );
}
