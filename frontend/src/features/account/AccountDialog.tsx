import { Divider, Modal, Stack, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

import { DeleteAccountSection } from './DeleteAccountSection';
import { EmailSection } from './EmailSection';
import { SessionList } from './SessionList';

interface AccountDialogProps {
  opened: boolean;
  onClose: () => void;
}

/** My account's sign-ins, its email address and, further down, leaving Parley for good. */
export function AccountDialog({ opened, onClose }: AccountDialogProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('account.dialog.title')} size="lg" fullScreen={phone}>
      {/* Mounted while open only: the list is fetched fresh each time it is looked at. */}
      {opened ? (
        <Stack gap="lg">
          <Stack gap="xs" component="section">
            <Title order={3} size="h5">
              {t('account.sessions.title')}
            </Title>
            <SessionList />
          </Stack>
          <Divider />
          <EmailSection />
          <Divider />
          <DeleteAccountSection />
        </Stack>
      ) : null}
    </Modal>
  );
}
