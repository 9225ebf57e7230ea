import type { ReactNode } from 'react';

import type { Message } from './serverErrors';
import { Translated } from './Translated';

/** A field error for Mantine's form: a live translation, or nothing. */
export function translatedError(key: Message['key'] | null): ReactNode {
  return key === null ? null : <Translated message={{ key }} />;
}
