import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

import en from './locales/en.json';
import ko from './locales/ko.json';

export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'parley.language';

export const resources = {
  en: { translation: en },
  ko: { translation: ko },
} as const;

export function isLanguage(value: string | undefined): value is Language {
  return (LANGUAGES as readonly (string | undefined)[]).includes(value);
}

/** The language actually shown ('ko' when the browser asked for 'ko-KR'). */
export function currentLanguage(): Language {
  const resolved = i18n.resolvedLanguage;
  return isLanguage(resolved) ? resolved : 'en';
}

/** An explicit choice: remembered, unlike the browser's default which is re-read each visit. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private modes may refuse storage; the switch still works for this visit.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', () => {
  // Screen readers and the browser's hyphenation/fonts follow <html lang>.
  document.documentElement.lang = currentLanguage();
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    // Resources are bundled, so there is nothing to wait for; tests and first paint get text at once.
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      // Only setLanguage() writes: a detected browser language is not a choice.
      caches: [],
    },
  });

export default i18n;
