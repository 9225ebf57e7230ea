import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiError, forgotPassword } from '../../api';
import { AuthCard } from '../auth';

/** /forgot — a reset link mailed to the address on the account (where the server sends email). */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ask = useMutation({ mutationFn: () => forgotPassword(login.trim()) });

  if (ask.isSuccess) {
    return (
      <AuthCard title={t('account.forgot.sentTitle')}>
        <Text role="status">{t('account.forgot.sentBody')}</Text>
        <Anchor component={Link} to="/login">
          {t('account.reset.logIn')}
        </Anchor>
      </AuthCard>
    );
  }

  function submit(event: { preventDefault: () => void }) {
    event.preventDefault();
    if (login.trim() === '') {
      setProblem(t('account.forgot.required'));
      return;
    }
    setProblem(null);
    ask.mutate();
  }

  return (
    <AuthCard title={t('account.forgot.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>{t('account.forgot.intro')}</Text>
          <TextInput
            label={t('account.forgot.login')}
            value={login}
            onChange={(event) => setLogin(event.currentTarget.value)}
            autoComplete="username"
            autoCapitalize="none"
            required
            error={problem}
            data-autofocus
          />
          {ask.isError ? (
            <Alert color="red" role="alert">
              {t(forgotFailure(ask.error))}
            </Alert>
          ) : null}
          <Button type="submit" loading={ask.isPending} mih={44}>
            {t('account.forgot.submit')}
          </Button>
          <Anchor component={Link} to="/login" size="sm">
            {t('account.forgot.back')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}

function forgotFailure(error: Error): 'account.forgot.tooMany' | 'account.forgot.noEmail' | 'auth.errors.network' | 'auth.errors.unexpected' {
  if (!(error instanceof ApiError)) return 'auth.errors.unexpected';
  if (error.status === 429) return 'account.forgot.tooMany';
  if (error.status === 403) return 'account.forgot.noEmail';
  if (error.status === 0) return 'auth.errors.network';
  return 'auth.errors.unexpected';
}
