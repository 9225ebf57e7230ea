import { useForm, type UseFormReturnType } from '@mantine/form';
import { useState } from 'react';

import { describeAuthFailure, type AuthField, type AuthRequest, type Message } from './serverErrors';
import { translatedError } from './translatedError';
import { normaliseUsername, validateDisplayName, validatePassword, validateUsername } from './validation';

/** Login simply leaves displayName empty and unrendered; one shape keeps the field components simple. */
export interface AuthValues {
  username: string;
  password: string;
  displayName: string;
}

export type AuthFormState = UseFormReturnType<AuthValues>;

const FORM_FIELD: Record<AuthField, keyof AuthValues> = {
  username: 'username',
  password: 'password',
  display_name: 'displayName',
};

export interface AuthForm {
  form: AuthFormState;
  formError: Message | null;
  clearFormError: () => void;
  /** Puts a failed request's errors on the right fields, or above the form. */
  showFailure: (error: unknown) => void;
}

/** The shared half of the login and signup forms: validation rules and server-error placement. */
export function useAuthForm(request: AuthRequest = 'login'): AuthForm {
  const [formError, setFormError] = useState<Message | null>(null);
  const form = useForm<AuthValues>({
    mode: 'controlled',
    initialValues: { username: '', password: '', displayName: '' },
    validateInputOnBlur: true,
    validate: {
      username: (value) => translatedError(validateUsername(value)),
      password: (value) => translatedError(validatePassword(value)),
      displayName: (value) => translatedError(validateDisplayName(value)),
    },
    transformValues: (values) => ({
      ...values,
      username: normaliseUsername(values.username.trim()),
      displayName: values.displayName.trim(),
    }),
  });

  function showFailure(error: unknown): void {
    const failure = describeAuthFailure(error, request);
    setFormError(failure.formError);
    for (const [field, message] of Object.entries(failure.fieldErrors) as [AuthField, Message][]) {
      form.setFieldError(FORM_FIELD[field], translatedError(message.key));
    }
  }

  return { form, formError, clearFormError: () => setFormError(null), showFailure };
}
