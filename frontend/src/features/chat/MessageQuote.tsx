import { Text, UnstyledButton } from '@mantine/core';
import { IconCornerUpLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { QuotedMessage } from '../../api';
import { useMentionDirectory } from '../mentions';
import { personName } from '../rooms';
import { useJump } from './jump';
import { quoteText } from './quoteText';

/** What a reply answers, above its body: who and the start of it; a click goes there. */
export function MessageQuote({ quote }: { quote: QuotedMessage }) {
  const { t } = useTranslation();
  const jump = useJump();
  const { byId } = useMentionDirectory();
  const author = personName(quote.author);
  const nameOf = (id: number) => {
    const member = byId.get(id);
    return member ? member.display_name || member.username : undefined;
  };
  const text = quote.deleted ? t('replies.deleted') : quoteText(quote.snippet, nameOf, t('mentions.room'));
  return (
    <UnstyledButton
      className="message-quote"
      data-testid="message-quote"
      onClick={() => jump(quote.seq)}
      aria-label={`${t('replies.jumpTo', { name: author })}: ${text}`}
    >
      <IconCornerUpLeft size={14} aria-hidden className="message-quote-icon" />
      <Text span size="sm" fw={600} className="message-quote-author">
        <bdi>{author}</bdi>
      </Text>
      <Text span size="sm" c="dimmed" fs={quote.deleted ? 'italic' : undefined} className="message-quote-snippet">
        {text}
      </Text>
    </UnstyledButton>
  );
}
