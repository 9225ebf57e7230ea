import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface MessageActionsProps {
  onEdit: () => void;
  onDelete: () => void;
}

/** The small menu on my own messages. */
export function MessageActions({ onEdit, onDelete }: MessageActionsProps) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" className="message-menu" aria-label={t('chat.actions.menu')}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
          {t('chat.actions.edit')}
        </Menu.Item>
        <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete}>
          {t('chat.actions.delete')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
