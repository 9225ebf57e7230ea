import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

import type en from './locales/en.json';

export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'parley.language';

// One chunk per language: a reader downloads the catalogue they read, not both.
const catalogues: Record<Language, () => Promise<{ default: typeof en }>> = {
  en: () => import('./locales/en.json'),
  ko: () => import('./locales/ko.json'),
};

export function isLanguage(value: string | undefined): value is Language {
  return (LANGUAGES as readonly (string | undefined)[]).includes(value);
}

/** The language actually shown ('ko' when the browser asked for 'ko-KR'). */
export function currentLanguage(): Language {
  const resolved = i18n.resolvedLanguage;
  return isLanguage(resolved) ? resolved : 'en';
}

/** Fetches a language's catalogue once; later calls resolve at once. */
export async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const { default: catalogue } = await catalogues[language]();
  i18n.addResourceBundle(language, 'translation', catalogue);
}

/** An explicit choice: remembered, unlike the browser's default which is re-read each visit. */
export async function setLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
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
    // Empty at first: `i18nReady` adds the detected language's catalogue.
    resources: {},
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    // Detection is synchronous, so the language is known as soon as init returns.
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

/** The language the detector picked (stored choice, else the browser's), or English. */
export function detectedLanguage(): Language {
  return i18n.languages.find(isLanguage) ?? 'en';
}

/**
 * Resolves once the detected language's catalogue is in (main.tsx renders after it). A
 * catalogue that cannot be fetched still lets the app start, showing translation keys,
 * rather than a blank page; there is no other language to fall back on without a fetch.
 */
export const i18nReady: Promise<void> = (async () => {
  const language = detectedLanguage();
  try {
    await loadLanguage(language);
  } catch {
    return;
  }
  // Re-resolves now that the catalogue is there (resolvedLanguage, <html lang>).
  await i18n.changeLanguage(language);
})();

export default i18n;
