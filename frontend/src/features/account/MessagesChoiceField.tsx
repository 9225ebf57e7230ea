import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { MessagesChoice } from '../../api';

interface MessagesChoiceFieldProps {
  value: MessagesChoice | null;
  onChange: (choice: MessagesChoice) => void;
  error?: string;
  /** Whose messages, for the label: mine, or the account an admin is deleting. */
  whose: 'mine' | 'theirs';
}

/** What becomes of a deleted account's messages; no default, the choice must be made. */
export function MessagesChoiceField({ value, onChange, error, whose }: MessagesChoiceFieldProps) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t(`account.delete.messagesLabel.${whose}`)}
      value={value}
      onChange={(next) => onChange(next === 'erase' ? 'erase' : 'keep')}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        <Radio value="keep" label={t('account.delete.keep')} description={t('account.delete.keepHint')} />
        <Radio value="erase" label={t('account.delete.erase')} description={t('account.delete.eraseHint')} />
      </Stack>
    </Radio.Group>
  );
}
