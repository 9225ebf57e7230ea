import { Badge, Button, Card, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type AdminUserPublic, banUser, listAdminUsers, setUserDisabled, setUserRole, unbanUser } from '../../api';
import { flattenPages, offsetPaging } from '../../components/paging';
import { ShowMore } from '../../components/ShowMore';
import { DeleteUserDialog, ResetLinkDialog } from '../account';
import { useCurrentUser } from '../auth';
import { DEFAULT_DURATION, DurationPicker, durationField, ReasonDialog, untilText } from '../moderation';
import { UserAvatar } from '../profile';

/** Accounts per page of the list (≤ 200, the server's bound). */
const USERS_PAGE = 50;
const nextOffset = offsetPaging(USERS_PAGE);

type UserAction = 'ban' | 'unban' | 'makeAdmin' | 'removeAdmin' | 'deactivate' | 'reactivate';

const TITLES = {
  ban: 'admin.users.banTitle',
  unban: 'admin.users.unbanTitle',
  makeAdmin: 'admin.users.makeAdminTitle',
  removeAdmin: 'admin.users.removeAdminTitle',
  deactivate: 'admin.users.deactivateTitle',
  reactivate: 'admin.users.reactivateTitle',
} as const;

const BODIES: Partial<Record<UserAction, 'admin.users.banBody' | 'admin.users.deactivateBody'>> = {
  ban: 'admin.users.banBody',
  deactivate: 'admin.users.deactivateBody',
};

function run(action: UserAction, user: AdminUserPublic, reason: string, duration: string): Promise<unknown> {
  switch (action) {
    case 'ban':
      return banUser(user.id, reason, durationField(duration).duration_seconds);
    case 'unban':
      return unbanUser(user.id, reason);
    case 'makeAdmin':
      return setUserRole(user.id, 'admin');
    case 'removeAdmin':
      return setUserRole(user.id, 'user');
    case 'deactivate':
      return setUserDisabled(user.id, true);
    case 'reactivate':
      return setUserDisabled(user.id, false);
  }
}

interface UserCardProps {
  user: AdminUserPublic;
  self: boolean;
  onAction: (action: UserAction) => void;
  onResetLink: () => void;
  onDelete: () => void;
}

function UserCard({ user, self, onAction, onResetLink, onDelete }: UserCardProps) {
  const { t, i18n } = useTranslation();
  const admin = user.role === 'admin';
  const name = user.display_name || user.username;
  return (
    <Card withBorder padding="sm" component="li" data-testid="admin-user" data-username={user.username}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <UserAvatar userId={user.id} name={name} avatarUrl={user.avatar_url} size={40} />
          <Stack gap={2} miw={0}>
            <Group gap={6} wrap="wrap">
              <Text fw={600}>
                <bdi>{name}</bdi>
              </Text>
              {admin ? <Badge color="indigo">{t('admin.users.admin')}</Badge> : null}
              {user.is_banned ? (
                <Badge color="red" tt="none">
                  {user.banned_until
                    ? t('admin.users.bannedUntil', { time: untilText(user.banned_until, i18n.language) })
                    : t('admin.users.banned')}
                </Badge>
              ) : null}
              {user.is_disabled ? <Badge color="gray">{t('admin.users.deactivated')}</Badge> : null}
              {user.online ? <Badge color="teal" variant="light">{t('admin.users.online')}</Badge> : null}
            </Group>
            <Text size="xs" c="dimmed">
              @{user.username} · {t('admin.users.joined', { date: new Date(user.created_at).toLocaleDateString(i18n.language) })}
            </Text>
          </Stack>
        </Group>
        {self ? null : (
          <Group gap="xs" role="group" aria-label={t('admin.users.actionsFor', { name })}>
            <Button
              mih={44}
              size="sm"
              variant="light"
              color={user.is_banned ? 'gray' : 'red'}
              onClick={() => onAction(user.is_banned ? 'unban' : 'ban')}
            >
              {user.is_banned ? t('admin.users.unban') : t('admin.users.ban')}
            </Button>
            <Button mih={44} size="sm" variant="default" onClick={() => onAction(admin ? 'removeAdmin' : 'makeAdmin')}>
              {admin ? t('admin.users.removeAdmin') : t('admin.users.makeAdmin')}
            </Button>
            <Button
              mih={44}
              size="sm"
              variant="default"
              onClick={() => onAction(user.is_disabled ? 'reactivate' : 'deactivate')}
            >
              {user.is_disabled ? t('admin.users.reactivate') : t('admin.users.deactivate')}
            </Button>
            {/* The server refuses to delete a site admin: the role goes first. */}
            {admin ? null : (
              <Button mih={44} size="sm" variant="light" color="red" onClick={onDelete}>
                {t('account.delete.adminAction')}
              </Button>
            )}
            {user.is_disabled ? null : (
              <Button mih={44} size="sm" variant="default" onClick={onResetLink}>
                {t('account.reset.issue')}
              </Button>
            )}
          </Group>
        )}
      </Group>
    </Card>
  );
}

/** Search every account; ban/unban site-wide, grant or remove admin rights, (de)activate. */
export function UsersTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useCurrentUser();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [pending, setPending] = useState<{ action: UserAction; user: AdminUserPublic } | null>(null);
  const [duration, setDuration] = useState(DEFAULT_DURATION.ban);
  const [deleting, setDeleting] = useState<AdminUserPublic | null>(null);
  const [resetFor, setResetFor] = useState<{ id: number; name: string } | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['admin', 'users', q],
    queryFn: ({ pageParam }) => listAdminUsers(q, USERS_PAGE, pageParam),
    initialPageParam: 0,
    getNextPageParam: nextOffset,
    placeholderData: keepPreviousData,
  });
  const { isPending } = list;
  const users = flattenPages(list.data?.pages);
  const name = pending ? pending.user.display_name || pending.user.username : '';
  const body = pending ? BODIES[pending.action] : undefined;

  return (
    <Stack gap="sm">
      <TextInput
        label={t('admin.users.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        type="search"
        size="md"
      />
      {isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : null}
      {list.isSuccess && users.length === 0 ? <Text c="dimmed">{t('admin.users.empty')}</Text> : null}
      <Stack component="ul" gap="xs" className="plain-list">
        {users.map((user) => (
          <UserCard
            key={user.id}
            user={user}
            self={user.id === me?.id}
            onAction={(action) => {
              setPending({ action, user });
              setDuration(DEFAULT_DURATION.ban);
            }}
            onDelete={() => setDeleting(user)}
            onResetLink={() => setResetFor({ id: user.id, name: user.display_name || user.username })}
          />
        ))}
      </Stack>
      <ShowMore query={list} label={t('admin.users.more')} failed={t('admin.users.loadFailed')} />
      <ReasonDialog
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? t(TITLES[pending.action], { name }) : ''}
        description={body ? t(body) : undefined}
        confirmLabel={pending ? t(`admin.users.${pending.action}`) : ''}
        danger={pending?.action === 'ban' || pending?.action === 'deactivate'}
        withReason={pending?.action === 'ban' || pending?.action === 'unban'}
        onConfirm={(reason) => (pending ? run(pending.action, pending.user, reason, duration) : Promise.resolve())}
        onDone={() => void queryClient.invalidateQueries({ queryKey: ['admin'] })}
      >
        {pending?.action === 'ban' ? <DurationPicker action="ban" value={duration} onChange={setDuration} /> : null}
      </ReasonDialog>
      <DeleteUserDialog
        user={deleting ? { id: deleting.id, name: deleting.display_name || deleting.username } : null}
        onClose={() => setDeleting(null)}
        onDeleted={() => void queryClient.invalidateQueries({ queryKey: ['admin'] })}
      />
      <ResetLinkDialog user={resetFor} onClose={() => setResetFor(null)} />
    </Stack>
  );
}
