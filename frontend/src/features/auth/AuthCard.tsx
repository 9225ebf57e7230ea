import { Anchor, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

import { LanguageSwitch } from '../../components/LanguageSwitch';

interface AuthCardProps {
  title: string;
  children: ReactNode;
  switchPrompt: string;
  switchLabel: string;
  switchTo: '/login' | '/signup';
}

/** The frame shared by the login and signup screens. */
export function AuthCard({ title, children, switchPrompt, switchLabel, switchTo }: AuthCardProps) {
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
        <Text ta="center" size="sm">
          {switchPrompt}{' '}
          {/* Carry the "where to after login" state across login ⇄ signup. */}
          <Anchor component={Link} to={switchTo} state={location.state as unknown} fw={600} className="touch-link">
            {switchLabel}
          </Anchor>
        </Text>
      </Stack>
    </Container>
  );
}
