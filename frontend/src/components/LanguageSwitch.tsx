import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { currentLanguage, isLanguage, LANGUAGES, setLanguage } from '../i18n';

/** A native <select>: the phone's own picker, and keyboard and screen-reader friendly for free. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('language.label')}
      value={currentLanguage()}
      onChange={(event) => {
        const { value } = event.currentTarget;
        if (isLanguage(value)) void setLanguage(value);
      }}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.names.${language}`) }))}
      leftSection={<IconLanguage size={18} aria-hidden />}
      w={180}
    />
  );
}
