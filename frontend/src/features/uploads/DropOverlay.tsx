import { Portal } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Says where the files will go while they are dragged over the page. */
export function DropOverlay({ visible }: { visible: boolean }) {
  const { t } = useTranslation();
  if (!visible) return null;
  return (
    <Portal>
      <div className="drop-overlay" data-testid="drop-overlay">
        {t('uploads.dropHere')}
      </div>
    </Portal>
  );
}
