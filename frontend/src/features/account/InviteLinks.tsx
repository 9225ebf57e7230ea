import { Badge, Button, Card, CopyButton, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { createInvite, listInvites, revokeInvite, type InviteCreated, type InvitePublic } from '../../api';
import { fullInviteLink, inviteState } from './inviteStatus';

// The server's bounds (InviteCreate): a month at most, a thousand uses at most.
const HOURS_MAX = 24 * 30;
const USES_MAX = 1000;

const inviteListKey = (roomId: number | null) => ['invites', roomId ?? 'site'] as const;

interface InviteLinksProps {
  /** A room's links, or the site's (admins) when null. */
  roomId: number | null;
  heading: string;
}

/** Create a link (shown in full once, to copy), then see its uses and revoke it. */
export function InviteLinks({ roomId, heading }: InviteLinksProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<InviteCreated | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { hours: 72, uses: 1 },
  });
  const invites = useQuery({ queryKey: inviteListKey(roomId), queryFn: () => listInvites(roomId) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: inviteListKey(roomId) });
  const create = useMutation({
    mutationFn: (values: { hours: number; uses: number }) =>
      createInvite({ room_id: roomId, expires_in_hours: values.hours, max_uses: values.uses }),
    onSuccess: (invite) => {
      setCreated(invite);
      refresh();
    },
  });

  return (
    <Stack gap="sm" component="section" aria-label={heading}>
      <Title order={2} fz="lg">
        {heading}
      </Title>
      <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <NumberInput
            label={t('account.links.expiresHours')}
            min={1}
            max={HOURS_MAX}
            clampBehavior="strict"
            allowDecimal={false}
            w={{ base: '100%', xs: 170 }}
            {...form.getInputProps('hours')}
          />
          <NumberInput
            label={t('account.links.maxUses')}
            min={1}
            max={USES_MAX}
            clampBehavior="strict"
            allowDecimal={false}
            w={{ base: '100%', xs: 140 }}
            {...form.getInputProps('uses')}
          />
          <Button type="submit" loading={create.isPending} mih={36}>
            {t('account.links.create')}
          </Button>
        </Group>
      </form>
      {create.isError ? (
        <Text c="red" size="sm" role="alert">
          {t('account.links.failed')}
        </Text>
      ) : null}
      {created ? <CreatedLink invite={created} /> : null}
      {invites.data?.length === 0 ? <Text c="dimmed">{t('account.links.empty')}</Text> : null}
      <Stack component="ul" gap="xs" className="plain-list">
        {invites.data?.map((invite) => <InviteRow key={invite.id} invite={invite} onRevoked={refresh} />)}
      </Stack>
    </Stack>
  );
}

function CreatedLink({ invite }: { invite: InviteCreated }) {
  const { t } = useTranslation();
  const link = fullInviteLink(invite.link, window.location.origin);
  return (
    <Card withBorder padding="sm" role="status">
      <Stack gap="xs">
        <Text size="sm">{t('account.links.createdOnce')}</Text>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            label={t('account.links.link')}
            value={link}
            readOnly
            style={{ flex: 1 }}
            miw={0}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('account.links.copied') : t('account.links.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Card>
  );
}

function InviteRow({ invite, onRevoked }: { invite: InvitePublic; onRevoked: () => void }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({ mutationFn: () => revokeInvite(invite.id), onSuccess: onRevoked });
  const state = inviteState(invite);
  const expires = new Date(invite.expires_at).toLocaleString(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <Card withBorder padding="xs" component="li" data-testid="invite-link">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {t('account.links.uses', { uses: invite.uses, max: invite.max_uses })}
            </Text>
            {state === 'active' ? null : (
              <Badge color={state === 'revoked' ? 'red' : 'gray'} variant="light">
                {t(`account.links.${state}`)}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('account.links.expires', { date: expires })}
          </Text>
        </Stack>
        {state === 'revoked' ? null : confirming ? (
          <Group gap="xs" role="group" aria-label={t('account.links.revokeTitle')}>
            <Text size="sm">{t('account.links.revokeTitle')}</Text>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              {t('chat.actions.cancel')}
            </Button>
            <Button size="xs" color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
              {t('account.links.revoke')}
            </Button>
          </Group>
        ) : (
          <Button size="xs" variant="light" color="red" mih={36} onClick={() => setConfirming(true)}>
            {t('account.links.revoke')}
          </Button>
        )}
      </Group>
    </Card>
  );
}
