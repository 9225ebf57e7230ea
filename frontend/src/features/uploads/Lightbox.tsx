import { Button, Center, Group, Loader, Modal, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { UploadPublic } from '../../api';
import { useAuthedObjectUrl } from './useAuthedObjectUrl';
import { useDownload } from './useDownload';

/** The full image (the server's metadata-free copy); Escape or the × closes it. */
export function Lightbox({ upload, onClose }: { upload: UploadPublic; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const image = useAuthedObjectUrl(upload.id, 'content');
  const download = useDownload(upload.id, upload.name);
  return (
    <Modal
      opened
      onClose={onClose}
      title={upload.name}
      size="auto"
      fullScreen={phone}
      centered
      closeButtonProps={{ 'aria-label': t('uploads.close') }}
      styles={{ title: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
    >
      {image.status === 'ready' ? (
        <img className="lightbox-image" src={image.url} alt={upload.name} data-testid="lightbox-image" />
      ) : image.status === 'error' ? (
        <Text c="red" role="alert">
          {t('uploads.loadFailed')}
        </Text>
      ) : (
        <Center mih={200} miw={200}>
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      <Group className="lightbox-actions" justify="flex-end" mt="sm" gap="xs">
        {download.failed ? (
          <Text size="sm" c="red" role="alert">
            {t('uploads.downloadFailed')}
          </Text>
        ) : null}
        <Button leftSection={<IconDownload size={16} aria-hidden />} loading={download.busy} onClick={download.start}>
          {t('uploads.download')}
        </Button>
      </Group>
    </Modal>
  );
}
