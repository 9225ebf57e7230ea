import { Menu } from '@mantine/core';
import { IconShieldCog } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useCurrentUser } from '../auth';

/** The header menu's way to /admin, for site admins only. */
export function AdminMenuItem() {
  const { t } = useTranslation();
  const { data: me } = useCurrentUser();
  if (me?.role !== 'admin') return null;
  return (
    <>
      <Menu.Item component={Link} to="/admin" leftSection={<IconShieldCog size={16} aria-hidden />}>
        {t('admin.link')}
      </Menu.Item>
      <Menu.Divider />
    </>
  );
}
