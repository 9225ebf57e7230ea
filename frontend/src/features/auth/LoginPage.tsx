import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

import { AuthCard } from './AuthCard';
import { currentFarewell } from './farewell';
import { LoginForm } from './LoginForm';
import type { AuthRedirectState } from './redirect';

export function LoginPage() {
  const { t } = useTranslation();
  const state = useLocation().state as AuthRedirectState | null;
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
    </AuthCard>
  );
}
