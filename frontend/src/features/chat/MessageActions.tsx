import { ActionIcon, Menu } from '@mantine/core';
import { IconArrowBackUp, IconDots, IconFlag, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface MessageActionsProps {
  /** Each item shows only when its handler is given (what I may do to this message). */
  onReply?: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
  onReport?: () => void;
}

/** The small menu on a message: reply, edit/delete my own, delete as a moderator, report others'. */
export function MessageActions({ onReply, onEdit, onDelete, onReport }: MessageActionsProps) {
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
        {onReply ? (
          <Menu.Item
            leftSection={<IconArrowBackUp size={16} aria-hidden />}
            onClick={() => {
              setReturnFocus(false);
              onReply();
            }}
          >
            {t('replies.reply')}
          </Menu.Item>
        ) : null}
        {onEdit ? (
          <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
            {t('chat.actions.edit')}
          </Menu.Item>
        ) : null}
        {onDelete ? (
          <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete}>
            {t('chat.actions.delete')}
          </Menu.Item>
        ) : null}
        {onReport ? (
          <Menu.Item leftSection={<IconFlag size={16} aria-hidden />} onClick={onReport}>
            {t('moderation.message.report')}
          </Menu.Item>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}
