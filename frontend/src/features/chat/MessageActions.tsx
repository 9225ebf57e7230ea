import { ActionIcon, Menu } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type MessageActionHandlers, messageActionList } from './messageActionList';

/** The small menu on a message: reply, edit/delete my own, delete as a moderator, report others'. */
export function MessageActions(handlers: MessageActionHandlers) {
  const { t } = useTranslation();
  // Reply sends the caret to the composer: the menu must not take it back to its button.
  const [returnFocus, setReturnFocus] = useState(true);
  return (
    <Menu position="bottom-end" withinPortal shadow="md" returnFocus={returnFocus} onOpen={() => setReturnFocus(true)}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" className="message-menu" aria-label={t('chat.actions.menu')}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {messageActionList(handlers, t).map((action) => (
          <Menu.Item
            key={action.id}
            color={action.danger ? 'red' : undefined}
            leftSection={<action.icon size={16} aria-hidden />}
            onClick={() => {
              if (action.movesFocus) setReturnFocus(false);
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
