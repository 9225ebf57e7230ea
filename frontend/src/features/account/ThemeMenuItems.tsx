import { Menu, useMantineColorScheme } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { THEME_CHOICES, type ThemeChoice, themeOf } from './preferences';

/** Light, dark or the system's, as items of an open Mantine <Menu>. */
export function ThemeMenuItems({ onChoose }: { onChoose: (theme: ThemeChoice) => void }) {
  const { t } = useTranslation();
  const active = themeOf(useMantineColorScheme().colorScheme);
  return (
    <>
      <Menu.Label>{t('account.theme.label')}</Menu.Label>
      {THEME_CHOICES.map((theme) => (
        <Menu.Item
          key={theme}
          // Mantine forces role="menuitem" (where aria-checked is invalid), so mark the choice this way.
          aria-current={theme === active ? 'true' : undefined}
          leftSection={<IconCheck size={16} aria-hidden visibility={theme === active ? 'visible' : 'hidden'} />}
          onClick={() => onChoose(theme)}
        >
          {t(`account.theme.${theme}`)}
        </Menu.Item>
      ))}
    </>
  );
}
