import { Button, Group, Stack, Textarea } from '@mantine/core';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useMessageLimits } from './limits';

interface EditMessageFormProps {
  initial: string;
  saving: boolean;
  onSave: (body: string) => void;
  onCancel: () => void;
  /** The edited text as stored (mentions as ids); the identity when absent. */
  encode?: (body: string) => string;
}

export function EditMessageForm({ initial, saving, onSave, onCancel, encode = (body) => body }: EditMessageFormProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initial);
  const { maxLength } = useMessageLimits();
  const trimmed = body.trim();
  const valid = trimmed !== '' && body.length <= maxLength;

  const submit = () => {
    if (!valid) return;
    if (body === initial) onCancel();
    else onSave(encode(body));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') onCancel();
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Stack gap={6}>
      <Textarea
        aria-label={t('chat.actions.editLabel')}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        autosize
        minRows={1}
        maxRows={8}
        maxLength={maxLength}
        autoFocus
      />
      <Group gap="xs">
        <Button size="compact-md" onClick={submit} loading={saving} disabled={!valid}>
          {t('chat.actions.save')}
        </Button>
        <Button size="compact-md" variant="default" onClick={onCancel}>
          {t('chat.actions.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
