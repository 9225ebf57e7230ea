import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, deleteMyAccount, type MessagesChoice, session } from '../../api';
import { sayFarewell, useCurrentUser, useLeaveApp } from '../auth';
import { MessagesChoiceField } from './MessagesChoiceField';

type Step = 'closed' | 'form' | 'confirm';

/** The danger zone: deleting my own account, after the password and a second look. */
export function DeleteAccountSection() {
  const { t } = useTranslation();
  const { data: me } = useCurrentUser();
  const [step, setStep] = useState<Step>('closed');
  const [password, setPassword] = useState('');
  const [messages, setMessages] = useState<MessagesChoice | null>(null);
  const [problems, setProblems] = useState<{ password?: string; messages?: string }>({});
  const leave = useLeaveApp();
  const remove = useMutation({
    mutationFn: async (choice: MessagesChoice) => {
      await deleteMyAccount(password, choice);
      // Only the token in memory is left: the logout endpoint would just refuse it now.
      sayFarewell('accountDeleted');
      session.signOut();
    },
    onSuccess: leave,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 403) {
        setProblems({ password: t('account.delete.wrongPassword') });
        setStep('form');
      }
    },
  });

  const heading = (
    <Title order={3} size="h5" c="red">
      {t('account.delete.title')}
    </Title>
  );
  if (me?.role === 'admin') {
    return (
      <Stack gap="xs" component="section">
        {heading}
        <Text size="sm">{t('account.delete.adminCannot')}</Text>
      </Stack>
    );
  }

  const next = () => {
    const found = {
      password: password ? undefined : t('account.delete.passwordRequired'),
      messages: messages ? undefined : t('account.delete.messagesRequired'),
    };
    setProblems(found);
    if (!found.password && !found.messages) setStep('confirm');
  };
  const unexpected = remove.error !== null && !(remove.error instanceof ApiError && remove.error.status === 403);

  return (
    <Stack gap="xs" component="section" aria-label={t('account.delete.title')}>
      {heading}
      <Text size="sm" c="dimmed">
        {t('account.delete.intro')}
      </Text>
      {step === 'closed' ? (
        <Group>
          <Button variant="outline" color="red" onClick={() => setStep('form')}>
            {t('account.delete.start')}
          </Button>
        </Group>
      ) : null}
      {step === 'form' ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            next();
          }}
        >
          <Stack>
            <PasswordInput
              label={t('account.delete.password')}
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={problems.password}
              data-autofocus
            />
            <MessagesChoiceField whose="mine" value={messages} onChange={setMessages} error={problems.messages} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep('closed')}>
                {t('chat.actions.cancel')}
              </Button>
              <Button type="submit" color="red">
                {t('account.delete.continue')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      {step === 'confirm' && messages ? (
        <Stack>
          <Alert color="red" variant="light" title={t('account.delete.confirmTitle')}>
            {t(messages === 'erase' ? 'account.delete.confirmErase' : 'account.delete.confirmKeep')}
          </Alert>
          {unexpected ? (
            <Text c="red" size="sm" role="alert">
              {remove.error instanceof ApiError && remove.error.status === 0
                ? t('auth.errors.network')
                : t('auth.errors.unexpected')}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('form')} disabled={remove.isPending}>
              {t('account.delete.back')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(messages)}>
              {t('account.delete.confirm')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
