import type { TFunction } from 'i18next';

/** The server's limits (RoomCreate / RoomUpdate): checked here to say so where it was typed. */
export const ROOM_NAME_MAX = 64;
export const ROOM_TOPIC_MAX = 256;

/** The name and topic rules of every room form (create, edit), for @mantine/form. */
export function roomFieldRules(t: TFunction) {
  return {
    name: (value: string) =>
      value.trim() === ''
        ? t('rooms.errors.nameRequired')
        : value.trim().length > ROOM_NAME_MAX
          ? t('rooms.errors.nameLength')
          : null,
    topic: (value: string) => (value.length > ROOM_TOPIC_MAX ? t('rooms.errors.topicLength') : null),
  };
}
