import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { issueResetLink } from '../../api';

interface ResetLinkDialogProps {
  /** Whose password the link resets; null: closed. */
  user: { id: number; name: string } | null;
  onClose: () => void;
}

/** An admin makes a one-time reset link and copies it to hand over (it is shown once). */
export function ResetLinkDialog({ user, onClose }: ResetLinkDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('account.reset.linkTitle', { name: user.name }) : ''} centered>
      {user ? <IssuedLink userId={user.id} name={user.name} onClose={onClose} /> : null}
    </Modal>
  );
}

function IssuedLink({ userId, name, onClose }: { userId: number; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  // Made once per opening: a new link replaces the one before it.
  const issued = useQuery({
    queryKey: ['reset-link', userId],
    queryFn: () => issueResetLink(userId),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const link = issued.data ? new URL(issued.data.link, window.location.origin).toString() : '';
  return (
    <Stack gap="md">
      {issued.isError ? (
        <Alert color="red" role="alert">
          {t('account.reset.issueFailed')}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('account.reset.linkBody', { name })}</Text>
          <TextInput readOnly value={link} aria-label={t('account.reset.linkTitle', { name })} onFocus={(e) => e.currentTarget.select()} />
        </>
      )}
      <Group justify="flex-end">
        <CopyButton value={link}>
          {({ copied, copy }) => (
            <Button onClick={copy} disabled={!link} mih={44}>
              {copied ? t('account.reset.copied') : t('account.reset.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onClose} mih={44}>
          {t('account.reset.close')}
        </Button>
      </Group>
    </Stack>
  );
}
