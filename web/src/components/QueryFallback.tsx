/** What a part of a page shows while its data loads, or when it could not be loaded. */
import { Alert, Center, Loader } from '@mantine/core';
import type { ReactElement } from 'react';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
}

/** A loader while `query` loads, its error once it failed, else null (the data is there). */
export function queryFallback(query: QueryLike, words: { loading: string; failed: string }): ReactElement | null {
  if (query.isPending) return <Loader aria-label={words.loading} />;
  if (query.isError) {
    return (
      <Alert color="red" role="alert" title={words.failed}>
        {query.error?.message}
      </Alert>
    );
  }
  return null;
}

/** A whole page's fallback: the same, the loader centred in the room the page will take. */
export function pageFallback(query: QueryLike, words: { loading: string; failed: string }): ReactElement | null {
  return query.isPending ? <PageLoader label={words.loading} /> : queryFallback(query, words);
}

export function PageLoader({ label }: { label: string }) {
  return (
    <Center mih={200}>
      <Loader aria-label={label} />
    </Center>
  );
}

/** Why the last change was refused, until the person closes it. */
export function FailureAlert({ title, failure, onClose }: { title: string; failure: string | null; onClose: () => void }) {
  if (failure === null) return null;
  return (
    <Alert color="red" role="alert" withCloseButton onClose={onClose} title={title}>
      {failure}
    </Alert>
  );
}
