import { Burger, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { SearchBox } from '../search';
import { UserMenu } from './UserMenu';

interface AppHeaderProps {
  navOpened: boolean;
  onToggleNav: () => void;
  navId: string;
}

export function AppHeader({ navOpened, onToggleNav, navId }: AppHeaderProps) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={navOpened ? t('shell.closeNavigation') : t('shell.openNavigation')}
          aria-expanded={navOpened}
          aria-controls={navId}
        />
        <Text component="span" fw={800} fz={22} c="indigo.6">
          {t('app.name')}
        </Text>
      </Group>
      <Group gap="xs" wrap="nowrap" justify="flex-end" flex={1} miw={0}>
        <SearchBox />
        <UserMenu />
      </Group>
    </Group>
  );
}
