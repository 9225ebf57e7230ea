import { CloseButton, Group, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';

import type { WireMessage } from '../../realtime';
import { useMentionDirectory } from '../mentions';
import { personName } from '../rooms';
import { quoteText } from './quoteText';

/** Above the composer while answering a message: whom, the start of it, and ✕ (or Esc). */
export function ReplyBar({ target, onCancel }: { target: WireMessage; onCancel: () => void }) {
  const { t } = useTranslation();
  const { byId } = useMentionDirectory();
  const nameOf = (id: number) => {
    const member = byId.get(id);
    return member ? member.display_name || member.username : undefined;
  };
  return (
    <Group className="reply-bar" gap="xs" wrap="nowrap" justify="space-between" data-testid="reply-bar">
      <div className="reply-bar-text">
        <Text size="sm" fw={600}>
          <Trans i18nKey="replies.replyingTo" values={{ name: personName(target.author) }} components={{ name: <bdi /> }} />
        </Text>
        <Text size="sm" c="dimmed" truncate="end">
          {quoteText(target.body, nameOf, t('mentions.room'))}
        </Text>
      </div>
      <CloseButton size={40} onClick={onCancel} aria-label={t('replies.cancel')} />
    </Group>
  );
}
