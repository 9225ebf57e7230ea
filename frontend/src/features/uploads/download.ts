import { fetchUploadBlob } from '../../api';

/**
 * Saves an upload under its name. The content URL needs the bearer token, so a plain
 * link cannot do it: fetch the blob and click a temporary <a download>.
 */
export async function downloadUpload(uploadId: string, name: string): Promise<void> {
  const blob = await fetchUploadBlob(uploadId, 'content');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; give it a moment.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
