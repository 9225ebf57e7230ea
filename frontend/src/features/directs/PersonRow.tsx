import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

import type { AuthorPublic } from '../../api';
import { UserAvatar } from '../profile';
import { personName } from '../rooms';
import { PersonName } from './PersonName';
import { PresenceDot } from './PresenceDot';
import { useOpenDirect } from './useOpenDirect';

interface PersonRowProps {
  person: AuthorPublic;
  isMe: boolean;
}

/** One person in the directory: face, presence, name (which opens their card) and Message. */
export function PersonRow({ person, isMe }: PersonRowProps) {
  const { t } = useTranslation();
  const open = useOpenDirect();
  const name = personName(person);
  return (
    <Stack component="li" gap={4} className="person-row" data-testid="person-row" data-username={person.username}>
      <Group gap="sm" wrap="nowrap">
        <span className="direct-faces">
          <UserAvatar userId={person.id} name={name} avatarUrl={person.avatar_url} size={40} />
          <PresenceDot userId={person.id} />
        </span>
        {/* Name and @username are one button: a tall target, on a phone too. */}
        <PersonName person={person} className="person-row-name">
          <span className="person-row-line">
            <bdi>{name}</bdi>
          </span>
          <span className="person-row-handle">
            @<bdi>{person.username}</bdi>
          </span>
        </PersonName>
        {isMe ? (
          <Badge variant="light" className="person-row-end">
            {t('people.you')}
          </Badge>
        ) : (
          <Button
            variant="light"
            mih={44}
            px="sm"
            className="person-row-end"
            leftSection={<IconMessage size={18} aria-hidden />}
            loading={open.isPending}
            onClick={() => open.mutate([person.id])}
            aria-label={t('people.messageTo', { name })}
          >
            {t('directs.message')}
          </Button>
        )}
      </Group>
      {open.isError ? (
        <Text size="sm" c="red" role="alert">
          {t('directs.openFailed')}
        </Text>
      ) : null}
    </Stack>
  );
}
