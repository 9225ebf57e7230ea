import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

import { useClientConfig } from '../../components/useClientConfig';

import { AuthCard } from './AuthCard';
import { currentFarewell } from './farewell';
import { LoginForm } from './LoginForm';
import type { AuthRedirectState } from './redirect';

export function LoginPage() {
  const { t } = useTranslation();
  const state = useLocation().state as AuthRedirectState | null;
  // Offered only where the server mails reset links; elsewhere an admin issues them.
  const mailing = useClientConfig().data?.password_reset_email ?? false;
  return (
    <AuthCard
      title={t('auth.login.title')}
      switchPrompt={t('auth.login.noAccount')}
      switchLabel={t('auth.login.toSignup')}
      switchTo="/signup"
    >
      {state?.accountCreated && (
        <Alert color="teal" variant="light" role="status">
          {t('auth.login.accountCreated')}
        </Alert>
      )}
      {currentFarewell() === 'accountDeleted' && (
        <Alert color="teal" variant="light" role="status">
          {t('auth.login.accountDeleted')}
        </Alert>
      )}
      <LoginForm />
      {mailing ? (
        <Anchor component={Link} to="/forgot" size="sm">
          {t('auth.login.forgot')}
        </Anchor>
      ) : null}
    </AuthCard>
  );
}
