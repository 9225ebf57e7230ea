import { useMantineColorScheme } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { type AccountPreferences, savePreferences, type UserPublic } from '../../api';
import { currentLanguage, type Language, setLanguage } from '../../i18n';
import { useRealtime } from '../../realtime';
import { currentUserKey, useCurrentUser } from '../auth';
import { accountChoices, colorSchemeOf, overrideFor, themeOf, type ThemeChoice } from './preferences';

/**
 * Brings the account's language and theme to this device once they are known (sign-in,
 * start-up, another tab or device changing them: the `preferences` frame). Signed-out pages
 * keep the device's own choice.
 */
export function useApplyAccountPreferences(): void {
  const { data: user } = useCurrentUser();
  const client = useRealtime();
  const queryClient = useQueryClient();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const { language, theme } = user ? accountChoices(user) : { language: null, theme: null };

  // A change on another tab or device arrives as a `preferences` frame: it becomes the
  // account's value here, and the effects below apply it like any other account value.
  useEffect(
    () =>
      client.onServerFrame((frame) => {
        if (frame.type !== 'preferences') return;
        queryClient.setQueryData<UserPublic>(currentUserKey, (me) =>
          me ? { ...me, locale: frame.locale, theme: frame.theme, read_receipts: frame.read_receipts } : me,
        );
      }),
    [client, queryClient],
  );

  useEffect(() => {
    const change = overrideFor(language, currentLanguage());
    if (change) void setLanguage(change);
  }, [language]);

  useEffect(() => {
    const change = overrideFor(theme, themeOf(colorScheme));
    if (change) setColorScheme(colorSchemeOf(change));
    // Only a new account value should override; the device's own switch must not bounce back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [theme]);
}

/** A choice made here applies at once and is saved to the account for the next sign-in. */
export function useChoosePreferences() {
  const queryClient = useQueryClient();
  const { setColorScheme } = useMantineColorScheme();
  const save = useMutation({
    mutationFn: (preferences: AccountPreferences) => savePreferences(preferences),
    onSuccess: (saved: UserPublic) => queryClient.setQueryData(currentUserKey, saved),
  });
  return {
    chooseLanguage: (language: Language) => {
      void setLanguage(language);
      save.mutate({ locale: language });
    },
    chooseTheme: (theme: ThemeChoice) => {
      setColorScheme(colorSchemeOf(theme));
      save.mutate({ theme });
    },
  };
}
