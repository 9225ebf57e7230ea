import './uploads.css';

export { AttachButton } from './AttachButton';
export { DropOverlay } from './DropOverlay';
export { MessageAttachments } from './MessageAttachments';
export { PendingAttachments } from './PendingAttachments';
export { checkFile, formatBytes } from './preflight';
export { useComposerAttachments } from './useComposerAttachments';
export type { ComposerAttachment, ComposerAttachments } from './useComposerAttachments';
export { pastedFiles, useFileDrop } from './useFileDrop';
export { useAuthedImageUrl } from './useAuthedObjectUrl';
