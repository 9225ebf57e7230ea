import type { MantineColorScheme } from '@mantine/core';

import type { UserPublic } from '../../api';
import { isLanguage, type Language } from '../../i18n';

export type ThemeChoice = 'light' | 'dark' | 'system';

export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

export function isThemeChoice(value: string | null | undefined): value is ThemeChoice {
  return (THEME_CHOICES as readonly (string | null | undefined)[]).includes(value);
}

/** Mantine calls "follow the system" auto. */
export const colorSchemeOf = (theme: ThemeChoice): MantineColorScheme => (theme === 'system' ? 'auto' : theme);

export const themeOf = (scheme: MantineColorScheme): ThemeChoice => (scheme === 'auto' ? 'system' : scheme);

export interface AccountChoices {
  language: Language | null;
  theme: ThemeChoice | null;
}

/** What the account asked for; null where it never chose (the device's own choice stands). */
export function accountChoices(user: Pick<UserPublic, 'locale' | 'theme'>): AccountChoices {
  const locale = user.locale ?? undefined;
  return {
    language: isLanguage(locale) ? locale : null,
    theme: isThemeChoice(user.theme) ? user.theme : null,
  };
}

/**
 * The account's choice wins over this device's, so one sign-in anywhere carries it along;
 * null means nothing needs changing here.
 */
export function overrideFor<T>(account: T | null, device: T): T | null {
  return account !== null && account !== device ? account : null;
}
