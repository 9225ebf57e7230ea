import { Group, Menu, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconDevices, IconDevicesX, IconKey, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import { LanguageMenuItems } from '../../components/LanguageMenuItems';
import { AccountDialog, PasswordDialog, ThemeMenuItems, useChoosePreferences } from '../account';
import { AdminMenuItem } from '../admin';
import { useCurrentUser, useLogout } from '../auth';
import { NotificationMenuItem, NotificationPreferences } from '../notifications';
import { ProfileDialog, UserAvatar } from '../profile';

export function UserMenu() {
  const { t } = useTranslation();
  const { data: user } = useCurrentUser();
  const logout = useLogout();
  const { chooseLanguage, chooseTheme } = useChoosePreferences();
  const logoutEverywhere = useLogout({ everywhere: true });
  const name = user ? user.display_name || user.username : '';
  const [profileOpened, profile] = useDisclosure(false);
  const [notifyOpened, notify] = useDisclosure(false);
  const [passwordOpened, password] = useDisclosure(false);
  const [accountOpened, account] = useDisclosure(false);

  return (
    <>
      <Menu position="bottom-end" width={220} shadow="md">
        <Menu.Target>
          <UnstyledButton className="user-button" aria-label={t('shell.accountMenu', { name })}>
            <Group gap="xs" wrap="nowrap">
              <UserAvatar userId={user?.id ?? 0} name={name} avatarUrl={user?.avatar_url} size={32} />
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
          <Menu.Item leftSection={<IconUserCircle size={16} aria-hidden />} onClick={profile.open} disabled={!user}>
            {t('profile.menuItem')}
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={password.open} disabled={!user}>
            {t('account.password.menuItem')}
          </Menu.Item>
          <Menu.Item leftSection={<IconDevices size={16} aria-hidden />} onClick={account.open} disabled={!user}>
            {t('account.dialog.menuItem')}
          </Menu.Item>
          <NotificationMenuItem onOpen={notify.open} />
          <AdminMenuItem />
          <LanguageMenuItems onChoose={chooseLanguage} />
          <ThemeMenuItems onChoose={chooseTheme} />
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
      <NotificationPreferences opened={notifyOpened} onClose={notify.close} />
      <PasswordDialog opened={passwordOpened} onClose={password.close} />
      <AccountDialog opened={accountOpened} onClose={account.close} />
      {user ? <ProfileDialog opened={profileOpened} onClose={profile.close} user={user} /> : null}
    </>
  );
}
