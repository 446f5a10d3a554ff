import type { ReactNode } from 'react';
import { ErrorAlert, Loading } from './feedback';

/** What QueryState needs of a TanStack query (useQuery's result fits). */
export interface QueryLike<T> {
  isPending: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/**
 * A fetching screen's states in one place: loading (announced politely), the error with a retry button,
 * then the data; `empty` replaces the data when `isEmpty` says there is nothing to show. An error on
 * refetch keeps the data it already has on screen, under the error.
 */
export function QueryState<T>({
  query,
  children,
  isEmpty,
  empty,
  loadingLabel,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
}) {
  const { data } = query;
  return (
    <>
      {query.isPending ? <Loading label={loadingLabel} /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {data === undefined ? null : isEmpty?.(data) ? (empty ?? null) : children(data)}
    </>
  );
}
