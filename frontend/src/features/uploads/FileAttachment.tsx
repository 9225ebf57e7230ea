import { Button, Group, Loader, Paper, Text } from '@mantine/core';
import { IconDownload, IconFile } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { UploadPublic } from '../../api';
import { formatBytes } from './preflight';
import { useDownload } from './useDownload';

/** A non-image file in a message: what it is, how big, and a Download button. */
export function FileAttachment({ upload }: { upload: UploadPublic }) {
  const { t, i18n } = useTranslation();
  const download = useDownload(upload.id, upload.name);
  const failed = upload.status === 'failed';
  return (
    <Paper className="attachment-file" withBorder p="xs" radius="md" data-testid="attachment-file" data-status={upload.status}>
      <Group gap="sm" wrap="nowrap">
        <IconFile size={28} aria-hidden />
        <div style={{ flex: 1, minWidth: 0 }}>
          {/* Two lines that may break anywhere: on a phone the button leaves little room. */}
          <Text size="sm" lineClamp={2} style={{ wordBreak: 'break-all' }} title={upload.name}>
            {upload.name}
          </Text>
          <Text size="xs" c={failed ? 'red' : 'dimmed'}>
            {failed ? t('uploads.fileFailed') : formatBytes(upload.size, i18n.language)}
          </Text>
        </div>
        {upload.status === 'pending' || upload.status === 'processing' ? (
          <Loader size="xs" aria-label={t('uploads.processing')} />
        ) : null}
        {!failed ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} aria-hidden />}
            loading={download.busy}
            onClick={download.start}
            aria-label={t('uploads.downloadName', { name: upload.name })}
          >
            {t('uploads.download')}
          </Button>
        ) : null}
      </Group>
      {download.failed ? (
        <Text size="xs" c="red" role="alert" mt={4}>
          {t('uploads.downloadFailed')}
        </Text>
      ) : null}
    </Paper>
  );
}
