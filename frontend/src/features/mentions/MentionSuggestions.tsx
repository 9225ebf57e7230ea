import { Avatar, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { optionId } from './optionId';
import type { MentionOption } from './useMentionPicker';

interface MentionSuggestionsProps {
  id: string;
  options: readonly MentionOption[];
  highlighted: number;
  onPick: (option: MentionOption) => void;
}

/** The `@` list above the composer: one tap or click picks; the composer keeps the keys. */
export function MentionSuggestions({ id, options, highlighted, onPick }: MentionSuggestionsProps) {
  const { t } = useTranslation();
  return (
    <Paper className="mention-suggestions" shadow="md" withBorder role="listbox" id={id} aria-label={t('mentions.suggestions')}>
      {options.map((option, index) => {
        const label = option.kind === 'room' ? `@${t('mentions.room')}` : option.member.display_name;
        const detail = option.kind === 'room' ? t('mentions.roomHint') : `@${option.member.username}`;
        return (
          <UnstyledButton
            key={option.kind === 'room' ? 'room' : option.member.user_id}
            id={optionId(id, index)}
            role="option"
            aria-selected={index === highlighted}
            className="mention-option"
            // Keep the textarea focused (and the keyboard up on a phone) while picking.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(option)}
          >
            <Group gap="sm" wrap="nowrap">
              <Avatar size="sm" radius="xl" name={option.kind === 'room' ? '@' : label} color="initials" />
              <Text size="sm" fw={600} truncate="end">
                <bdi>{label}</bdi>
              </Text>
              <Text size="xs" c="dimmed" truncate="end">
                <bdi>{detail}</bdi>
              </Text>
            </Group>
          </UnstyledButton>
        );
      })}
    </Paper>
  );
}
