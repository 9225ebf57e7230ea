import { ActionIcon, Menu } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { type ComponentPropsWithRef, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type MessageActionHandlers, messageActionList } from './messageActionList';

/**
 * The small menu on a message: reply, edit/delete my own, delete as a moderator, report others'.
 *
 * A room shows one per message, and mounting a Mantine Menu (its floating-ui state, its
 * contexts) costs more than the rest of the row: on a phone, 40 of them were a sizeable
 * part of the first render. So the button stands alone until its first click, which puts
 * the real menu in its place, open.
 */
export function MessageActions(handlers: MessageActionHandlers) {
  const [wanted, setWanted] = useState(false);
  if (!wanted) return <DotsButton aria-expanded={false} onClick={() => setWanted(true)} />;
  return <MessageActionMenu handlers={handlers} />;
}

/** The ⋯ button, alone or as the menu's target (which hands it a ref, aria state, a click). */
function DotsButton(props: ComponentPropsWithRef<'button'>) {
  const { t } = useTranslation();
  return (
    <ActionIcon variant="subtle" color="gray" className="message-menu" aria-label={t('chat.actions.menu')} aria-haspopup="menu" {...props}>
      <IconDots size={18} aria-hidden />
    </ActionIcon>
  );
}

function MessageActionMenu({ handlers }: { handlers: MessageActionHandlers }) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  // Reply sends the caret to the composer: the menu must not take it back to its button.
  const returnFocus = useRef(true);
  return (
    <Menu
      defaultOpened
      position="bottom-end"
      withinPortal
      shadow="md"
      // Mantine's own return goes to what had the focus when it opened, and a menu that
      // mounts open never saw that: the button it replaced is gone. So it is done here.
      returnFocus={false}
      onOpen={() => {
        returnFocus.current = true;
      }}
      onClose={() => {
        if (returnFocus.current) button.current?.focus();
      }}
    >
      <Menu.Target>
        <DotsButton ref={button} />
      </Menu.Target>
      <Menu.Dropdown>
        {messageActionList(handlers, t).map((action) => (
          <Menu.Item
            key={action.id}
            color={action.danger ? 'red' : undefined}
            leftSection={<action.icon size={16} aria-hidden />}
            onClick={() => {
              if (action.movesFocus) returnFocus.current = false;
              action.run();
            }}
          >
            {action.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
