import { ActionIcon, Popover } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMoodPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { ReactionChooser } from './ReactionChooser';

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
        <ReactionChooser onPick={pick} withPicker={opened} />
      </Popover.Dropdown>
    </Popover>
  );
}
