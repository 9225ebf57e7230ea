import { Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useMentionDirectory } from '../mentions';
import { UserAvatar } from '../profile';

/** Names spelled out before "and N more". */
const NAMED = 3;

/** "Seen by Bob and Carol" below the messages they have read, with their faces. */
export function SeenBy({ userIds }: { userIds: readonly number[] }) {
  const { t, i18n } = useTranslation();
  const { byId } = useMentionDirectory();
  const people = userIds.map((id) => {
    const member = byId.get(id);
    return { id, name: member ? member.display_name || member.username : t('receipts.someone'), avatarUrl: member?.avatar_url };
  });
  if (people.length === 0) return null;
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const everyone = list.format(people.map((person) => person.name));
  const label =
    people.length > NAMED
      ? t('receipts.seenByMore', {
          names: people
            .slice(0, NAMED)
            .map((person) => person.name)
            .join(', '),
          count: people.length - NAMED,
        })
      : t('receipts.seenBy', { names: everyone });
  return (
    <Tooltip label={t('receipts.seenBy', { names: everyone })} multiline maw={280} events={{ hover: true, focus: true, touch: true }}>
      <Group className="seen-by" gap={6} wrap="nowrap" justify="flex-end" tabIndex={0} aria-label={label}>
        <Group gap={2} wrap="nowrap" aria-hidden>
          {people.slice(0, 5).map((person) => (
            <UserAvatar key={person.id} userId={person.id} name={person.name} avatarUrl={person.avatarUrl} size={16} />
          ))}
        </Group>
        <Text size="xs" c="dimmed" truncate="end">
          {label}
        </Text>
      </Group>
    </Tooltip>
  );
}
