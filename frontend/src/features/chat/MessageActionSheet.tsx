import { Button, Drawer, Stack, Text } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCopy, IconMoodPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ReactionChooser } from '../reactions';
import { type MessageActionHandlers, messageActionList } from './messageActionList';

interface MessageActionSheetProps extends MessageActionHandlers {
  opened: boolean;
  onClose: () => void;
  /** Who wrote it and when, in words: the sheet covers the message it is about. */
  title: string;
  /** The text as shown (mentions by name), for Copy; absent for a message with no text. */
  text?: string;
  onReact?: (emoji: string) => void;
}

/**
 * A message's actions on a touch screen, opened by a long press: reactions first (the
 * commonest), then what the ⋯ menu offers with a mouse, in finger-sized rows.
 */
export function MessageActionSheet({ opened, onClose, title, text, onReact, ...handlers }: MessageActionSheetProps) {
  const { t } = useTranslation();
  const clipboard = useClipboard();
  const [picker, setPicker] = useState(false);
  const close = () => {
    setPicker(false);
    onClose();
  };
  const then = (run: () => void) => () => {
    close();
    run();
  };
  return (
    <Drawer
      opened={opened}
      onClose={close}
      position="bottom"
      size="auto"
      title={title}
      classNames={{ content: 'message-sheet' }}
    >
      <Stack gap="xs">
        {onReact ? (
          <>
            <ReactionChooser onPick={(emoji) => then(() => onReact(emoji))()} withPicker={picker} />
            {picker ? null : (
              <Button
                variant="default"
                justify="flex-start"
                leftSection={<IconMoodPlus size={18} aria-hidden />}
                onClick={() => setPicker(true)}
              >
                {t('reactions.more')}
              </Button>
            )}
          </>
        ) : null}
        {text ? (
          <Button
            variant="default"
            justify="flex-start"
            leftSection={<IconCopy size={18} aria-hidden />}
            onClick={then(() => clipboard.copy(text))}
          >
            {t('chat.actions.copy')}
          </Button>
        ) : null}
        {messageActionList(handlers, t).map((action) => (
          <Button
            key={action.id}
            variant="default"
            justify="flex-start"
            color={action.danger ? 'red' : undefined}
            c={action.danger ? 'red' : undefined}
            leftSection={<action.icon size={18} aria-hidden />}
            onClick={then(action.run)}
          >
            {action.label}
          </Button>
        ))}
        {!onReact && !text && messageActionList(handlers, t).length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('chat.actions.none')}
          </Text>
        ) : null}
      </Stack>
    </Drawer>
  );
}
