import type { UploadPublic } from '../../api';
import { FileAttachment } from './FileAttachment';
import { ImageAttachment } from './ImageAttachment';
import { isImageMime } from './preflight';

/** A message's files, under its text; their status updates live from `upload` frames. */
export function MessageAttachments({ attachments }: { attachments: readonly UploadPublic[] | undefined }) {
  if (!attachments || attachments.length === 0) return null;
  return (
    <div className="message-attachments">
      {attachments.map((upload) =>
        isImageMime(upload.mime) ? (
          <ImageAttachment key={upload.id} upload={upload} />
        ) : (
          <FileAttachment key={upload.id} upload={upload} />
        ),
      )}
    </div>
  );
}
