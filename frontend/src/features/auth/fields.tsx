import { PasswordInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { AuthFormState } from './useAuthForm';
import { normaliseUsername } from './validation';

interface FieldProps {
  form: AuthFormState;
  /** Signup explains the rules under each field; login keeps it short. */
  withHints?: boolean;
}

export function UsernameField({ form, withHints = false }: FieldProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      {...form.getInputProps('username')}
      onChange={(event) => form.setFieldValue('username', normaliseUsername(event.currentTarget.value))}
      label={t('auth.fields.username')}
      description={withHints ? t('auth.fields.usernameHint') : undefined}
      autoComplete="username"
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      required
      withAsterisk={false}
    />
  );
}

export function PasswordField({ form, withHints = false }: FieldProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      {...form.getInputProps('password')}
      label={t('auth.fields.password')}
      description={withHints ? t('auth.fields.passwordHint') : undefined}
      autoComplete={withHints ? 'new-password' : 'current-password'}
      required
      withAsterisk={false}
    />
  );
}

export function DisplayNameField({ form }: FieldProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      {...form.getInputProps('displayName')}
      label={t('auth.fields.displayName')}
      description={t('auth.fields.displayNameHint')}
      autoComplete="nickname"
    />
  );
}
