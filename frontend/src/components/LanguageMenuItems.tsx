import { Menu } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { currentLanguage, type Language, LANGUAGES, setLanguage } from '../i18n';

interface LanguageMenuItemsProps {
  /** Instead of only switching this device (signed in, the account remembers it too). */
  onChoose?: (language: Language) => void;
}

/** The language choice as items of an open Mantine <Menu>. */
export function LanguageMenuItems({ onChoose }: LanguageMenuItemsProps = {}) {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <>
      <Menu.Label>{t('language.label')}</Menu.Label>
      {LANGUAGES.map((language) => (
        <Menu.Item
          key={language}
          lang={language}
          // Mantine forces role="menuitem" (where aria-checked is invalid), so mark the choice this way.
          aria-current={language === active ? 'true' : undefined}
          leftSection={<IconCheck size={16} aria-hidden visibility={language === active ? 'visible' : 'hidden'} />}
          onClick={() => (onChoose ? onChoose(language) : void setLanguage(language))}
        >
          {t(`language.names.${language}`)}
        </Menu.Item>
      ))}
    </>
  );
}
