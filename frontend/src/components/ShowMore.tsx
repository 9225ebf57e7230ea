import { Button, Text } from '@mantine/core';

interface ShowMoreProps {
  /** The list's useInfiniteQuery result (or what of it this needs). */
  query: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    isFetchNextPageError: boolean;
    fetchNextPage: () => Promise<unknown>;
  };
  label: string;
  failed: string;
  className?: string;
}

/** "Show more" under a paged list: loads the next page, keeping every page already shown. */
export function ShowMore({ query, label, failed, className }: ShowMoreProps) {
  return (
    <>
      {query.hasNextPage ? (
        <Button
          variant="default"
          mih={44}
          onClick={() => void query.fetchNextPage()}
          loading={query.isFetchingNextPage}
          className={className}
        >
          {label}
        </Button>
      ) : null}
      {query.isFetchNextPageError ? (
        <Text c="red" size="sm" role="alert">
          {failed}
        </Text>
      ) : null}
    </>
  );
}
