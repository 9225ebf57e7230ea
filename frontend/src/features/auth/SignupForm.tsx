import { Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

import { logIn, signUp } from '../../api';
import { DisplayNameField, PasswordField, UsernameField } from './fields';
import { FormAlert } from './FormAlert';
import type { AuthRedirectState } from './redirect';
import { useAuthForm, type AuthValues } from './useAuthForm';

type SignupOutcome = 'signedIn' | 'needsLogin';

interface SignupRequest extends AuthValues {
  invite: string | null;
}

async function signUpAndLogIn({ username, displayName, password, invite }: SignupRequest): Promise<SignupOutcome> {
  await signUp({ username, password, display_name: displayName || null, invite });
  try {
    await logIn({ username, password });
    return 'signedIn';
  } catch {
    // The account exists now; a failed automatic login (rate limit, network) must not
    // read as a failed signup, or the user would try again and hit "username taken".
    return 'needsLogin';
  }
}

interface SignupFormProps {
  /** An invite link's token: lets the account in when sign-up is by invite only. */
  invite?: string;
}

export function SignupForm({ invite }: SignupFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { form, formError, clearFormError, showFailure } = useAuthForm('signup');
  const signup = useMutation({
    mutationFn: signUpAndLogIn,
    onError: showFailure,
    onSuccess: (outcome) => {
      if (outcome === 'signedIn') return;
      const state: AuthRedirectState = { ...(location.state as AuthRedirectState | null), accountCreated: true };
      void navigate('/login', { state });
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        clearFormError();
        signup.mutate({ ...values, invite: invite ?? null });
      })}
    >
      <Stack>
        <FormAlert message={formError} />
        <UsernameField form={form} withHints />
        <DisplayNameField form={form} />
        <PasswordField form={form} withHints />
        <Button type="submit" fullWidth loading={signup.isPending}>
          {t('auth.signup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
