import { Loader, Text, UnstyledButton } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { UploadPublic } from '../../api';
import { Lightbox } from './Lightbox';
import { useAuthedObjectUrl } from './useAuthedObjectUrl';

const MAX_SIDE = 320;

/** The box's size from the image's own width and height, known before any pixel loads. */
function boxStyle(upload: UploadPublic): CSSProperties {
  const { width, height } = upload;
  if (!width || !height) return {};
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  return {
    '--attachment-ratio': `${width} / ${height}`,
    '--attachment-width': `${Math.max(80, Math.round(width * scale))}px`,
  } as CSSProperties;
}

function Thumbnail({ upload }: { upload: UploadPublic }) {
  const { t } = useTranslation();
  // Small images have no thumbnail: the (metadata-free) image itself is small enough.
  const image = useAuthedObjectUrl(upload.id, upload.has_thumbnail ? 'thumbnail' : 'content');
  if (image.status === 'ready') return <img src={image.url} alt={upload.name} data-testid="attachment-thumbnail" />;
  if (image.status === 'error') return <IconPhotoOff size={28} aria-label={t('uploads.loadFailed')} />;
  return <Loader size="sm" aria-label={t('app.loading')} />;
}

/** An image in a message: spinner while processing, thumbnail when ready, a lightbox on click. */
export function ImageAttachment({ upload }: { upload: UploadPublic }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);

  if (upload.status === 'failed') {
    return (
      <div className="attachment-image" style={boxStyle(upload)} data-testid="attachment-image" data-status="failed">
        <div className="attachment-image-box">
          <Text size="sm" c="dimmed" ta="center" p="sm">
            <IconPhotoOff size={18} aria-hidden /> {t('uploads.imageFailed')}
          </Text>
        </div>
      </div>
    );
  }
  if (upload.status !== 'ready') {
    return (
      <div className="attachment-image" style={boxStyle(upload)} data-testid="attachment-image" data-status={upload.status}>
        <div className="attachment-image-box" role="status">
          <Loader size="sm" aria-hidden />
          <Text size="xs" c="dimmed" ml={6}>
            {t('uploads.processing')}
          </Text>
        </div>
      </div>
    );
  }
  return (
    <>
      <UnstyledButton
        className="attachment-image"
        style={boxStyle(upload)}
        data-testid="attachment-image"
        data-status="ready"
        aria-label={t('uploads.open', { name: upload.name })}
        onClick={() => setOpen(true)}
      >
        <span className="attachment-image-box">
          <Thumbnail upload={upload} />
        </span>
      </UnstyledButton>
      {open ? <Lightbox upload={upload} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
