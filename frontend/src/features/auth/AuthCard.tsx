import { Anchor, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

import { LanguageSwitch } from '../../components/LanguageSwitch';
import type { AuthRedirectState } from './redirect';

interface AuthCardProps {
  title: string;
  children: ReactNode;
  /** The "have an account? / no account?" line under the card; left out when there is none. */
  switchPrompt?: string;
  switchLabel?: string;
  switchTo?: '/login' | '/signup';
  /** Where the other screen should send the user on; by default, wherever this one would. */
  switchState?: AuthRedirectState;
}

/** The frame shared by the login, signup and invite screens. */
export function AuthCard({ title, children, switchPrompt, switchLabel, switchTo, switchState }: AuthCardProps) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Container size={460} px="md" py="xl">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Text component="p" fw={800} fz={28} c="indigo.6" m={0}>
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
        <Paper component="main" withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} radius="md">
          <Stack>
            <Title order={1} fz={24}>
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
        {switchTo ? (
          <Text ta="center" size="sm">
            {switchPrompt}{' '}
            {/* Carry the "where to after login" state across login ⇄ signup. */}
            <Anchor
              component={Link}
              to={switchTo}
              state={switchState ?? (location.state as unknown)}
              fw={600}
              className="touch-link"
            >
              {switchLabel}
            </Anchor>
          </Text>
        ) : null}
      </Stack>
    </Container>
  );
}
