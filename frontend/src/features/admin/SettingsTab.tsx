import { Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { readSiteSettings, setSignupMode, type SignupMode } from '../../api';
import { InviteLinks } from '../account';

const settingsKey = ['admin', 'settings'] as const;
const MODES: SignupMode[] = ['open', 'invite', 'closed'];

function isSignupMode(value: string): value is SignupMode {
  return (MODES as string[]).includes(value);
}

/** Who may create an account, and the site invite links that let people in regardless. */
export function SettingsTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: readSiteSettings });
  const change = useMutation({
    mutationFn: setSignupMode,
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
  const mode = change.isPending ? change.variables : settings.data?.signup;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Text fw={600} id="signup-mode-label">
          {t('admin.settings.signupLabel')}
        </Text>
        {mode === undefined ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : (
          <>
            <SegmentedControl
              aria-labelledby="signup-mode-label"
              value={mode}
              onChange={(value) => {
                if (isSignupMode(value)) change.mutate(value);
              }}
              data={MODES.map((value) => ({ value, label: t(`admin.settings.${value}`) }))}
              fullWidth
              maw={480}
            />
            <Text size="sm" c="dimmed">
              {t(`admin.settings.${mode}Hint`)}
            </Text>
          </>
        )}
        {change.isError ? (
          <Text c="red" size="sm" role="alert">
            {t('admin.settings.saveFailed')}
          </Text>
        ) : null}
      </Stack>
      <InviteLinks roomId={null} heading={t('account.links.heading')} />
    </Stack>
  );
}
