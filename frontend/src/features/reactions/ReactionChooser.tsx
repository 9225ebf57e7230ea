import { Group, Loader, UnstyledButton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

import { QUICK_REACTIONS } from './quick';

const EmojiPicker = lazy(() => import('./EmojiPicker'));

/** Quick picks, then the searchable picker (a lazy chunk, loaded when first shown). */
export function ReactionChooser({ onPick, withPicker }: { onPick: (emoji: string) => void; withPicker: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap={2} role="group" aria-label={t('reactions.quick')} mb="xs" wrap="wrap">
        {QUICK_REACTIONS.map((emoji) => (
          <UnstyledButton
            key={emoji}
            className="reaction-quick"
            onClick={() => onPick(emoji)}
            aria-label={t('reactions.reactWith', { emoji })}
          >
            {emoji}
          </UnstyledButton>
        ))}
      </Group>
      {withPicker ? (
        <Suspense fallback={<Loader size="sm" aria-label={t('app.loading')} />}>
          <EmojiPicker onPick={onPick} />
        </Suspense>
      ) : null}
    </>
  );
}
