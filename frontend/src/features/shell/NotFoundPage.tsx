import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60dvh">
      <Stack align="center" ta="center" gap="sm">
        <Title order={1} fz={24}>
          {t('notFound.title')}
        </Title>
        <Text c="dimmed">{t('notFound.body')}</Text>
        <Anchor component={Link} to="/" className="touch-link">
          {t('notFound.home')}
        </Anchor>
      </Stack>
    </Center>
  );
}
