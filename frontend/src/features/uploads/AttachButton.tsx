import { ActionIcon } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { useClientConfig } from '../../components/useClientConfig';

/** The paperclip: opens the system file picker (on phones, also the camera and gallery). */
export function AttachButton({ onFiles, disabled = false }: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const { data: config } = useClientConfig();
  return (
    <>
      <ActionIcon
        className="attach-button"
        size={46}
        radius="md"
        variant="default"
        disabled={disabled}
        aria-label={t('uploads.attach')}
        onClick={() => input.current?.click()}
      >
        <IconPaperclip size={20} aria-hidden />
      </ActionIcon>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        // A hint for the picker only; checkFile and the server do the real checking.
        accept={config?.allowed_upload_types.join(',')}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Reset so picking the same file again still fires a change.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
