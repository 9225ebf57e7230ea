import { ActionIcon, Menu } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { type MessageActionHandlers, messageActionList } from './messageActionList';

/** The small menu on a message: edit/delete my own, delete as a moderator, report others'. */
export function MessageActions(handlers: MessageActionHandlers) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
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
            onClick={action.run}
          >
            {action.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
