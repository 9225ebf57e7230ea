import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, changeEmail, type UserPublic } from '../../api';
import { useClientConfig } from '../../components/useClientConfig';
import { currentUserKey, useCurrentUser } from '../auth';

type Problem = 'wrongPassword' | 'taken' | 'invalid' | 'passwordRequired' | 'unexpected';

/** The address reset links can be mailed to; changing it asks for the password again. */
export function EmailSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useCurrentUser().data;
  const mailing = useClientConfig().data?.password_reset_email ?? false;
  const [email, setEmail] = useState(me?.email ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const save = useMutation({
    mutationFn: (next: string | null) => changeEmail(next, password),
    onSuccess: (user: UserPublic) => {
      queryClient.setQueryData(currentUserKey, user);
      setEmail(user.email ?? '');
      setPassword('');
      setProblem(null);
    },
    onError: (error) => setProblem(problemOf(error)),
  });

  function submit(next: string | null) {
    if (password === '') {
      setProblem('passwordRequired');
      return;
    }
    setProblem(null);
    save.mutate(next);
  }

  const current = me?.email ?? null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="account-email-title">
      <Title order={3} size="h5" id="account-email-title">
        {t('account.email.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {mailing ? t('account.email.whyMailing') : t('account.email.whyNoMailing')}
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit(email.trim() === '' ? null : email.trim());
        }}
      >
        <Stack gap="sm">
          <TextInput
            type="email"
            label={t('account.email.address')}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            autoComplete="email"
            error={problem === 'taken' || problem === 'invalid' ? t(`account.email.errors.${problem}`) : null}
          />
          <PasswordInput
            label={t('account.email.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="current-password"
            error={
              problem === 'wrongPassword' || problem === 'passwordRequired'
                ? t(`account.email.errors.${problem}`)
                : null
            }
          />
          {problem === 'unexpected' ? (
            <Text c="red" size="sm" role="alert">
              {t('auth.errors.unexpected')}
            </Text>
          ) : null}
          {save.isSuccess ? (
            <Alert color="teal" variant="light" role="status">
              {save.data.email ? t('account.email.saved', { email: save.data.email }) : t('account.email.removed')}
            </Alert>
          ) : null}
          <Group justify="flex-end" wrap="wrap">
            {current !== null ? (
              <Button variant="default" color="red" onClick={() => submit(null)} loading={save.isPending && save.variables === null} mih={44}>
                {t('account.email.remove')}
              </Button>
            ) : null}
            <Button type="submit" loading={save.isPending && save.variables !== null} mih={44}>
              {t('account.email.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function problemOf(error: Error): Problem {
  if (!(error instanceof ApiError)) return 'unexpected';
  if (error.status === 403) return 'wrongPassword';
  if (error.status === 409) return 'taken';
  if (error.status === 422) return 'invalid';
  return 'unexpected';
}
