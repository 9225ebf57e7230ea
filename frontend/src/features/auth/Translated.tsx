import { useTranslation } from 'react-i18next';

import type { Message } from './serverErrors';

/**
 * Errors are kept as keys and translated while rendering, so a message already on
 * screen follows a language switch instead of staying in the old language.
 */
export function Translated({ message }: { message: Message }) {
  const { t } = useTranslation();
  return <>{message.values ? t(message.key, message.values) : t(message.key)}</>;
}
