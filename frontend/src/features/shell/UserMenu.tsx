import { Avatar, Group, Menu, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconDevicesX, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { LanguageMenuItems } from '../../components/LanguageMenuItems';
import { AdminMenuItem } from '../admin';
import { useCurrentUser, useLogout } from '../auth';

export function UserMenu() {
  const { t } = useTranslation();
  const { data: user } = useCurrentUser();
  const logout = useLogout();
  const logoutEverywhere = useLogout({ everywhere: true });
  const name = user ? user.display_name || user.username : '';

  return (
    <Menu position="bottom-end" width={220} shadow="md">
      <Menu.Target>
        <UnstyledButton className="user-button" aria-label={t('shell.accountMenu', { name })}>
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size={32} color="indigo" name={name} aria-hidden />
            {user ? (
              <Text fw={600} size="sm" truncate="end" maw={{ base: 110, xs: 200, sm: 260 }}>
                {name}
              </Text>
            ) : (
              <Skeleton height={14} width={80} />
            )}
            <IconChevronDown size={16} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <AdminMenuItem />
        <LanguageMenuItems />
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          {t('shell.logOut')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconDevicesX size={16} aria-hidden />}
          onClick={() => logoutEverywhere.mutate()}
          disabled={logoutEverywhere.isPending}
        >
          {t('shell.logOutEverywhere')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
