import { ActionIcon, Button, Group, Loader, Paper, Progress, Text } from '@mantine/core';
import { IconCheck, IconFile, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { formatBytes } from './preflight';
import type { ComposerAttachment, ComposerAttachments } from './useComposerAttachments';
import { useClientConfig } from '../../components/useClientConfig';

function ChipStatus({ item }: { item: ComposerAttachment }) {
  const { t, i18n } = useTranslation();
  const { data: config } = useClientConfig();
  const name = item.file.name;

  if (item.phase === 'uploading') {
    const percent = Math.round(item.progress * 100);
    return (
      <Progress
        value={percent}
        size="sm"
        mt={6}
        aria-label={t('uploads.progress', { name })}
        aria-valuenow={percent}
        data-testid="upload-progress"
        animated={percent >= 100}
      />
    );
  }
  if (item.phase === 'processing') {
    return (
      <Group gap={4} wrap="nowrap">
        <Loader size={10} aria-hidden />
        <Text size="xs" c="dimmed">
          {t('uploads.processing')}
        </Text>
      </Group>
    );
  }
  if (item.phase === 'ready') {
    return (
      <Group gap={4} wrap="nowrap">
        <IconCheck size={12} color="var(--mantine-color-teal-6)" aria-hidden />
        <Text size="xs" c="dimmed">
          {t('uploads.ready')}
        </Text>
      </Group>
    );
  }
  const max = formatBytes(config?.max_upload_bytes ?? 0, i18n.language);
  return (
    <Text size="xs" c="red" role="alert">
      {t(`uploads.errors.${item.error ?? 'failed'}`, { name, max })}
    </Text>
  );
}

/** The files waiting to be sent, one card each, in a row that scrolls sideways. */
export function PendingAttachments({ attachments }: { attachments: ComposerAttachments }) {
  const { t, i18n } = useTranslation();
  if (attachments.items.length === 0) return null;
  return (
    <div className="attachment-chips" role="list" aria-label={t('uploads.attachments')}>
      {attachments.items.map((item) => (
        <Paper
          key={item.key}
          className="attachment-chip"
          withBorder
          p={6}
          radius="md"
          role="listitem"
          data-testid="attachment-chip"
          data-phase={item.phase}
        >
          <Group gap={8} wrap="nowrap" align="flex-start">
            {item.previewUrl ? (
              <img className="attachment-chip-preview" src={item.previewUrl} alt="" />
            ) : (
              <span className="attachment-chip-preview" aria-hidden>
                <IconFile size={22} />
              </span>
            )}
            <div className="attachment-chip-body">
              <Text size="sm" truncate="end" title={item.file.name}>
                {item.file.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatBytes(item.file.size, i18n.language)}
              </Text>
              <ChipStatus item={item} />
              {item.phase === 'failed' && item.retryable ? (
                <Button size="compact-xs" variant="light" mt={4} onClick={() => attachments.retry(item.key)}>
                  {t('uploads.retry')}
                </Button>
              ) : null}
            </div>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="md"
              onClick={() => attachments.remove(item.key)}
              aria-label={t('uploads.remove', { name: item.file.name })}
            >
              <IconX size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
    </div>
  );
}
