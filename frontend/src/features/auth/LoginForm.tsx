import { Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { logIn } from '../../api';
import { PasswordField, UsernameField } from './fields';
import { FormAlert } from './FormAlert';
import { useAuthForm } from './useAuthForm';

/** Signing in flips the session to signed-in; GuestOnly then moves the user on. */
export function LoginForm() {
  const { t } = useTranslation();
  const { form, formError, clearFormError, showFailure } = useAuthForm();
  const login = useMutation({ mutationFn: logIn, onError: showFailure });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        clearFormError();
        login.mutate({ username: values.username, password: values.password });
      })}
    >
      <Stack>
        <FormAlert message={formError} />
        <UsernameField form={form} />
        <PasswordField form={form} />
        <Button type="submit" fullWidth loading={login.isPending}>
          {t('auth.login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
