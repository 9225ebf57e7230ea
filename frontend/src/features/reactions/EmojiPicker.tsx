import { useComputedColorScheme } from '@mantine/core';
import Picker, { Categories, EmojiStyle, Theme } from 'emoji-picker-react';
import { useTranslation } from 'react-i18next';

const CATEGORIES = [
  Categories.SUGGESTED,
  Categories.SMILEYS_PEOPLE,
  Categories.ANIMALS_NATURE,
  Categories.FOOD_DRINK,
  Categories.TRAVEL_PLACES,
  Categories.ACTIVITIES,
  Categories.OBJECTS,
  Categories.SYMBOLS,
  Categories.FLAGS,
] as const;

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
}

/**
 * The searchable picker (emoji-picker-react), loaded only when someone opens it: its
 * emoji data is most of its size. Native glyphs, so it never fetches images from a CDN.
 */
export default function EmojiPicker({ onPick }: EmojiPickerProps) {
  const { t } = useTranslation();
  const scheme = useComputedColorScheme('light');
  return (
    <Picker
      onEmojiClick={(data) => onPick(data.emoji)}
      emojiStyle={EmojiStyle.NATIVE}
      theme={scheme === 'dark' ? Theme.DARK : Theme.LIGHT}
      searchPlaceholder={t('reactions.search')}
      categories={CATEGORIES.map((category) => ({ category, name: t(`reactions.categories.${category}`) }))}
      previewConfig={{ showPreview: false }}
      lazyLoadEmojis
      width="min(320px, calc(100vw - 32px))"
      height={360}
    />
  );
}
