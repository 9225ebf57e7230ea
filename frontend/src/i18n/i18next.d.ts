import 'i18next';

import type en from './locales/en.json';

// Makes t('...') a compile error for keys missing from en.json.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
