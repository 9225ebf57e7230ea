import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { checkResetLink, resetPassword } from '../../api';
import { FullPageLoader } from '../../components/FullPageLoader';
import { AuthCard, PASSWORD_MAX, PASSWORD_MIN, useAuthStatus } from '../auth';

/** /reset/:token — the link an admin handed over: choose a new password, then sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  // Followed while the session is still being found out: the cache is emptied when it
  // turns out signed out, and this page must ask again then (it re-renders with it).
  const status = useAuthStatus();
  const check = useQuery({
    queryKey: ['reset', token],
    queryFn: () => checkResetLink(token),
    staleTime: Infinity,
    retry: false,
  });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reset = useMutation({ mutationFn: () => resetPassword(token, password) });

  if (status === 'unknown' || check.isPending) return <FullPageLoader />;
  if (reset.isSuccess) {
    return (
      <AuthCard title={t('account.reset.doneTitle')}>
        <Text role="status">{t('account.reset.doneBody')}</Text>
        <Anchor component={Link} to="/login">
          {t('account.reset.logIn')}
        </Anchor>
      </AuthCard>
    );
  }
  if (check.isError || !check.data.valid) {
    return (
      <AuthCard title={t('account.reset.invalidTitle')}>
        <Text role="alert">{t('account.reset.invalidBody')}</Text>
        <Anchor component={Link} to="/login">
          {t('account.reset.logIn')}
        </Anchor>
      </AuthCard>
    );
  }

  function submit(event: { preventDefault: () => void }) {
    event.preventDefault();
    if (password.length < PASSWORD_MIN) setProblem(t('account.reset.tooShort', { min: PASSWORD_MIN }));
    else if (password.length > PASSWORD_MAX) setProblem(t('account.reset.tooLong', { max: PASSWORD_MAX }));
    else if (password !== confirm) setProblem(t('account.reset.mismatch'));
    else {
      setProblem(null);
      reset.mutate();
    }
  }

  return (
    <AuthCard title={t('account.reset.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>{t('account.reset.for', { username: check.data.username ?? '' })}</Text>
          <PasswordInput
            label={t('account.reset.newPassword')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="new-password"
            required
            data-autofocus
          />
          <PasswordInput
            label={t('account.reset.confirm')}
            value={confirm}
            onChange={(event) => setConfirm(event.currentTarget.value)}
            autoComplete="new-password"
            required
            error={problem}
          />
          {reset.isError ? (
            <Alert color="red" role="alert">
              {t('account.reset.failed')}
            </Alert>
          ) : null}
          <Button type="submit" loading={reset.isPending} mih={44}>
            {t('account.reset.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
