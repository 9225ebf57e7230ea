import { useState } from 'react';

import { downloadUpload } from './download';

/** A download button's state: busy while the blob is fetched, and whether it failed. */
export function useDownload(uploadId: string, name: string) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const start = () => {
    setBusy(true);
    setFailed(false);
    downloadUpload(uploadId, name)
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return { busy, failed, start };
}
