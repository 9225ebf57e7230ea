import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { ApiError } from '../../api';
import { useMyRooms } from '../rooms';
import { useSearch } from './queries';
import { SearchResult } from './SearchResult';

/** /search?q=… — the header's search, in the address so Back and a reload keep it. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const search = useSearch(q);
  const myRooms = useMyRooms();
  // The server says what is wrong with a query ("before: needs a date as YYYY-MM-DD").
  const refused =
    search.error instanceof ApiError && search.error.status === 422
      ? (search.error.detail ?? search.error.problems.at(0)?.msg ?? null)
      : null;

  return (
    <Stack gap="md" maw={760} mx="auto" className="search-page">
      <Title order={1} fz={24}>
        {q === '' ? t('search.title') : t('search.resultsFor', { q })}
      </Title>
      <Text size="sm" c="dimmed" className="search-help">
        {t('search.help')}
      </Text>
      {q === '' ? (
        <Text c="dimmed" role="status">
          {t('search.empty')}
        </Text>
      ) : null}
      {q !== '' && search.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : null}
      {search.isError && search.hits.length === 0 ? (
        <Stack gap="xs" align="flex-start" role="alert">
          <Text c="red">{refused ?? t('search.failed')}</Text>
          {refused === null ? (
            <Button variant="light" mih={44} onClick={() => void search.refetch()}>
              {t('search.retry')}
            </Button>
          ) : null}
        </Stack>
      ) : null}
      {search.isSuccess && search.hits.length === 0 ? (
        <Text c="dimmed" role="status">
          {t('search.noResults', { q })}
        </Text>
      ) : null}
      {search.hits.length > 0 ? (
        <Stack component="ul" gap={0} className="plain-list" aria-label={t('search.results')}>
          {search.hits.map((hit) => (
            <SearchResult
              key={hit.id}
              hit={hit}
              highlight={search.highlight}
              myRoom={myRooms?.find((room) => room.id === hit.room.id)}
            />
          ))}
        </Stack>
      ) : null}
      {search.hasNextPage ? (
        <Button
          variant="default"
          mih={44}
          onClick={() => void search.fetchNextPage()}
          loading={search.isFetchingNextPage}
        >
          {t('search.more')}
        </Button>
      ) : null}
    </Stack>
  );
}
