import { ActionIcon, Group, Loader, Popover, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMoodPlus } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

import { QUICK_REACTIONS } from './quick';

const EmojiPicker = lazy(() => import('./EmojiPicker'));


interface AddReactionProps {
  onPick: (emoji: string) => void;
  /** Shown on the message row (hidden until hover on a mouse) or in the reaction bar. */
  className?: string;
}

/** The "add reaction" button: quick picks, then the searchable picker below them. */
export function AddReaction({ onPick, className }: AddReactionProps) {
  const { t } = useTranslation();
  const [opened, { close, toggle }] = useDisclosure(false);
  const pick = (emoji: string) => {
    close();
    onPick(emoji);
  };
  return (
    <Popover opened={opened} onChange={(open) => (open ? undefined : close())} position="top-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          className={className}
          aria-label={t('reactions.add')}
          aria-expanded={opened}
          onClick={toggle}
        >
          <IconMoodPlus size={18} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group gap={2} role="group" aria-label={t('reactions.quick')} mb="xs" wrap="wrap">
          {QUICK_REACTIONS.map((emoji) => (
            <UnstyledButton
              key={emoji}
              className="reaction-quick"
              onClick={() => pick(emoji)}
              aria-label={t('reactions.reactWith', { emoji })}
            >
              {emoji}
            </UnstyledButton>
          ))}
        </Group>
        {opened ? (
          <Suspense fallback={<Loader size="sm" aria-label={t('app.loading')} />}>
            <EmojiPicker onPick={pick} />
          </Suspense>
        ) : null}
      </Popover.Dropdown>
    </Popover>
  );
}
