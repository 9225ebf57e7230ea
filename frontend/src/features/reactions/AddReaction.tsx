import { ActionIcon, Popover } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMoodPlus } from '@tabler/icons-react';
import { type ComponentPropsWithRef, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ReactionChooser } from './ReactionChooser';

interface AddReactionProps {
  onPick: (emoji: string) => void;
  /** Shown on the message row (hidden until hover on a mouse) or in the reaction bar. */
  className?: string;
}

/**
 * The "add reaction" button: quick picks, then the searchable picker below them.
 *
 * Every message row has one, and a Mantine Popover costs more to mount than the rest of
 * the row (a phone's first room render): the button stands alone until its first click,
 * which puts the popover in its place, open.
 */
export function AddReaction({ onPick, className }: AddReactionProps) {
  const [wanted, setWanted] = useState(false);
  if (!wanted) return <AddButton className={className} aria-expanded={false} onClick={() => setWanted(true)} />;
  return <AddReactionPopover onPick={onPick} className={className} />;
}

function AddButton(props: ComponentPropsWithRef<'button'>) {
  const { t } = useTranslation();
  return (
    <ActionIcon variant="subtle" color="gray" aria-label={t('reactions.add')} {...props}>
      <IconMoodPlus size={18} aria-hidden />
    </ActionIcon>
  );
}

function AddReactionPopover({ onPick, className }: AddReactionProps) {
  const [opened, { close, toggle }] = useDisclosure(true);
  const button = useRef<HTMLButtonElement>(null);
  const pick = (emoji: string) => {
    close();
    onPick(emoji);
  };
  return (
    <Popover
      opened={opened}
      onChange={(open) => (open ? undefined : close())}
      // The focus trap gives the focus back to what had it when the popover opened; this
      // one mounts open, after the button it replaced had gone, so it is done here.
      onClose={() => button.current?.focus()}
      position="top-end"
      shadow="md"
      withinPortal
      trapFocus
    >
      <Popover.Target>
        <AddButton ref={button} className={className} aria-expanded={opened} onClick={toggle} />
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <ReactionChooser onPick={pick} withPicker={opened} />
      </Popover.Dropdown>
    </Popover>
  );
}
