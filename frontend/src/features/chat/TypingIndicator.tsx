import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { TypingUser } from '../../realtime';

/** "Bob is typing…"; the line keeps its height so the composer doesn't jump. */
export function TypingIndicator({ typing }: { typing: readonly TypingUser[] }) {
  const { t } = useTranslation();
  const [first, second] = typing;
  let text = '';
  if (typing.length > 2) text = t('chat.typing.many');
  else if (first && second) text = t('chat.typing.two', { first: first.name, second: second.name });
  else if (first) text = t('chat.typing.one', { name: first.name });
  return (
    <Text size="xs" c="dimmed" className="typing-indicator" aria-live="polite" data-testid="typing-indicator">
      {text}
    </Text>
  );
}
