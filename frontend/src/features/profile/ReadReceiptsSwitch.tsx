import { Switch } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { setReadReceipts, type UserPublic } from '../../api';
import { currentUserKey } from '../auth';

/** Share read receipts, and see the others': off unless turned on. Saved at once. */
export function ReadReceiptsSwitch({ user }: { user: UserPublic }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The choice shows the moment it is made, not once the server has it.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const change = useMutation({
    mutationFn: setReadReceipts,
    // Every open room's "seen by" follows: it is keyed by this setting.
    onSuccess: (saved) => queryClient.setQueryData(currentUserKey, saved),
    onSettled: () => setWanted(null),
  });
  return (
    <Switch
      checked={wanted ?? Boolean(user.read_receipts)}
      onChange={(event) => {
        const on = event.currentTarget.checked;
        setWanted(on);
        change.mutate(on);
      }}
      disabled={change.isPending}
      label={t('receipts.setting')}
      description={t('receipts.settingHint', { max: 20 })}
      error={change.isError ? t('receipts.settingFailed') : undefined}
    />
  );
}
