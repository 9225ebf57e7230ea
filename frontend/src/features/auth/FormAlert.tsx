import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

import type { Message } from './serverErrors';
import { Translated } from './Translated';

/** A form-level error, announced to screen readers as soon as it appears. */
export function FormAlert({ message }: { message: Message | null }) {
  if (message === null) return null;
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
      <Translated message={message} />
    </Alert>
  );
}
