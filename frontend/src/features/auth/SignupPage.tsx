import { useTranslation } from 'react-i18next';

import { AuthCard } from './AuthCard';
import { SignupForm } from './SignupForm';

export function SignupPage() {
  const { t } = useTranslation();
  return (
    <AuthCard
      title={t('auth.signup.title')}
      switchPrompt={t('auth.signup.haveAccount')}
      switchLabel={t('auth.signup.toLogin')}
      switchTo="/login"
    >
      <SignupForm />
    </AuthCard>
  );
}
