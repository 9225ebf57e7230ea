import { type Icon, IconArrowBackUp, IconFlag, IconPencil, IconPin, IconPinnedOff, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';

/** What may be done to one message; each action is there only when its handler is given. */
export interface MessageActionHandlers {
  onReply?: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
  onReport?: () => void;
  /** Pin, or unpin when `pinned`. */
  onPin?: () => void;
  pinned?: boolean;
}

export interface MessageAction {
  id: 'reply' | 'pin' | 'edit' | 'delete' | 'report';
  label: string;
  icon: Icon;
  danger: boolean;
  /** It puts the caret elsewhere (the composer): the menu must not take focus back. */
  movesFocus?: boolean;
  run: () => void;
}

/** The one list both the ⋯ menu (mouse) and the long-press sheet (touch) show, in order. */
export function messageActionList(handlers: MessageActionHandlers, t: TFunction): MessageAction[] {
  const list: MessageAction[] = [];
  if (handlers.onReply)
    list.push({ id: 'reply', label: t('replies.reply'), icon: IconArrowBackUp, danger: false, movesFocus: true, run: handlers.onReply });
  if (handlers.onPin)
    list.push({
      id: 'pin',
      label: handlers.pinned ? t('pins.unpin') : t('pins.pin'),
      icon: handlers.pinned ? IconPinnedOff : IconPin,
      danger: false,
      run: handlers.onPin,
    });
  if (handlers.onEdit) list.push({ id: 'edit', label: t('chat.actions.edit'), icon: IconPencil, danger: false, run: handlers.onEdit });
  if (handlers.onDelete)
    list.push({ id: 'delete', label: t('chat.actions.delete'), icon: IconTrash, danger: true, run: handlers.onDelete });
  if (handlers.onReport)
    list.push({ id: 'report', label: t('moderation.message.report'), icon: IconFlag, danger: false, run: handlers.onReport });
  return list;
}
