import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';

import type { TypingUser } from '../../realtime';

/** "Bob is typing…"; the line keeps its height so the composer doesn't jump. */
export function TypingIndicator({ typing }: { typing: readonly TypingUser[] }) {
  const { t } = useTranslation();
  const [first, second] = typing;
  // Names isolated (<bdi>): a right-to-left name must not turn the sentence around.
  let text: ReactNode = '';
  if (typing.length > 2) text = t('chat.typing.many');
  else if (first && second)
    text = (
      <Trans
        i18nKey="chat.typing.two"
        values={{ first: first.name, second: second.name }}
        components={{ first: <bdi />, second: <bdi /> }}
      />
    );
  else if (first) text = <Trans i18nKey="chat.typing.one" values={{ name: first.name }} components={{ name: <bdi /> }} />;
  return (
    <Text size="xs" c="dimmed" className="typing-indicator" aria-live="polite" data-testid="typing-indicator">
      {text}
    </Text>
  );
}
