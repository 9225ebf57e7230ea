import { Popover } from '@mantine/core';
import { type ReactNode, useState } from 'react';

interface TimeHintProps {
  /** The instant, for <time dateTime>. */
  iso: string;
  /** The full words: the hover title, and what a tap shows. */
  full: string;
  className?: string;
  children: ReactNode;
}

/**
 * A time that tells its full date and time: as the title on hover (desktop), and in a small
 * popover on a click or tap, since touch screens have no hover.
 */
export function TimeHint({ iso, full, className, children }: TimeHintProps) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="top" withArrow shadow="sm" withinPortal>
      <Popover.Target>
        <button
          type="button"
          className={className ? `time-hint ${className}` : 'time-hint'}
          title={full}
          onClick={() => setOpened((open) => !open)}
        >
          <time dateTime={iso}>{children}</time>
        </button>
      </Popover.Target>
      <Popover.Dropdown className="time-hint-popover" px="xs" py={4}>
        {full}
      </Popover.Dropdown>
    </Popover>
  );
}
