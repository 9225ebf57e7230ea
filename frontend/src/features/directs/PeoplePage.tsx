import { Button, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ShowMore } from '../../components/ShowMore';
import { useCurrentUser } from '../auth';
import { flattenPages } from './directory';
import { PersonRow } from './PersonRow';
import { useDirectory } from './queries';

/** /people — everyone with an account, searched on the server, paged on with "Show more". */
export function PeoplePage() {
  const { t } = useTranslation();
  const { data: me } = useCurrentUser();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const directory = useDirectory(q);
  const people = flattenPages(directory.data?.pages);
  const onlyMe = people.every((person) => person.id === me?.id);
  // The list shown may still be the last search's (kept while the next loads).
  const searching = directory.isPlaceholderData || (directory.isFetching && !directory.isFetchingNextPage);

  return (
    <Stack gap="md" maw={720} mx="auto" className="people-page">
      <Title order={1} fz={24}>
        {t('people.title')}
      </Title>
      <TextInput
        type="search"
        label={t('people.search')}
        placeholder={t('people.searchPlaceholder')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={searching && directory.data ? <Loader size={16} aria-label={t('app.loading')} /> : null}
        maxLength={64}
        size="md"
        autoCapitalize="none"
        autoCorrect="off"
      />
      {directory.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : null}
      {directory.isError && !directory.data ? (
        <Stack gap="xs" align="flex-start" role="alert">
          <Text c="red">{t('people.loadFailed')}</Text>
          <Button variant="light" mih={44} onClick={() => void directory.refetch()}>
            {t('people.retry')}
          </Button>
        </Stack>
      ) : null}
      {directory.isSuccess && q !== '' && people.length === 0 ? (
        <Text c="dimmed" role="status">
          {t('people.noMatch', { q })}
        </Text>
      ) : null}
      {directory.isSuccess && q === '' && onlyMe ? (
        <Text c="dimmed" role="status">
          {t('people.empty')}
        </Text>
      ) : null}
      {people.length > 0 ? (
        <Stack component="ul" gap={0} className="plain-list" aria-label={t('people.results')} aria-busy={searching}>
          {people.map((person) => (
            <PersonRow key={person.id} person={person} isMe={person.id === me?.id} />
          ))}
        </Stack>
      ) : null}
      <ShowMore query={directory} label={t('people.more')} failed={t('people.loadFailed')} className="people-more" />
    </Stack>
  );
}
