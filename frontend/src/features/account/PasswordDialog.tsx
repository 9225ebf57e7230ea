import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { ApiError, changePassword } from '../../api';
import { checkPasswordChange, type PasswordChangeValues } from './passwordRules';

interface PasswordDialogProps {
  opened: boolean;
  onClose: () => void;
}

export function PasswordDialog({ opened, onClose }: PasswordDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('account.password.title')} centered>
      {/* Mounted while open only, so no password lingers in memory after closing. */}
      {opened ? <PasswordForm onDone={onClose} /> : null}
    </Modal>
  );
}

function PasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm<PasswordChangeValues>({
    mode: 'controlled',
    initialValues: { current: '', next: '', confirm: '' },
    validate: (values) => {
      const problems = checkPasswordChange(values);
      return Object.fromEntries(
        Object.entries(problems).map(([field, problem]) => [field, t(`account.password.errors.${problem}`)]),
      );
    },
  });
  const change = useMutation({
    mutationFn: (values: PasswordChangeValues) => changePassword(values.current, values.next),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 403) {
        form.setFieldError('current', t('account.password.errors.wrongCurrent'));
      }
    },
  });

  if (change.isSuccess) {
    return (
      <Stack>
        <Alert color="teal" variant="light" role="status">
          {t('account.password.changed')}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onDone} data-autofocus>
            {t('account.password.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const unexpected = change.error !== null && !(change.error instanceof ApiError && change.error.status === 403);
  return (
    <form noValidate onSubmit={form.onSubmit((values) => change.mutate(values))}>
      <Stack>
        <PasswordInput
          label={t('account.password.current')}
          autoComplete="current-password"
          data-autofocus
          {...form.getInputProps('current')}
        />
        <PasswordInput
          label={t('account.password.new')}
          description={t('auth.fields.passwordHint')}
          autoComplete="new-password"
          {...form.getInputProps('next')}
        />
        <PasswordInput
          label={t('account.password.confirm')}
          autoComplete="new-password"
          {...form.getInputProps('confirm')}
        />
        <Text size="sm" c="dimmed">
          {t('account.password.othersSignedOut')}
        </Text>
        {unexpected ? (
          <Text c="red" size="sm" role="alert">
            {change.error instanceof ApiError && change.error.status === 0
              ? t('auth.errors.network')
              : t('auth.errors.unexpected')}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('chat.actions.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending}>
            {t('account.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
