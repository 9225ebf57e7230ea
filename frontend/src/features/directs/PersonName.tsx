import { Popover } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { AuthorPublic } from '../../api';
import { personName } from '../rooms';
import { ProfileCard } from './ProfileCard';

interface PersonNameProps {
  person: AuthorPublic;
  /** What the name looks like where it is (a mention chip, a bold author); the name by default. */
  children?: ReactNode;
  className?: string;
}

/**
 * A person's name that opens their profile card: the one way every place that shows a
 * name (message authors, members, mentions, the DM header) leads to a person.
 */
export function PersonName({ person, children, className }: PersonNameProps) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const name = personName(person);
  return (
    <Popover
      opened={opened}
      onChange={(next) => {
        if (!next) close();
      }}
      position="bottom-start"
      shadow="md"
      width={280}
      withinPortal
      trapFocus
      returnFocus
      // Our own roles: Mantine's would name the card after its trigger ("Bob"), not "Profile of Bob".
      withRoles={false}
    >
      <Popover.Target>
        <button
          type="button"
          className={['person-name', className].filter(Boolean).join(' ')}
          onClick={toggle}
          // My own card has nothing to focus, so the caret stays here: Escape closes it too.
          onKeyDown={(event) => {
            if (event.key === 'Escape' && opened) {
              event.stopPropagation();
              close();
            }
          }}
          aria-haspopup="dialog"
          aria-expanded={opened}
        >
          {children ?? <bdi>{name}</bdi>}
        </button>
      </Popover.Target>
      <Popover.Dropdown role="dialog" tabIndex={-1} aria-label={t('directs.profileOf', { name })}>
        <ProfileCard person={person} onOpened={close} />
      </Popover.Dropdown>
    </Popover>
  );
}
