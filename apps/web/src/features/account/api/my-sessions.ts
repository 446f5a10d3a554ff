import { AccountSessionList } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** GET /api/account/sessions: where I am signed in. */
export const mySessionsQueryKey = ['account', 'sessions'] as const;

export const fetchMySessions = (signal?: AbortSignal) =>
  api.get('/api/account/sessions', AccountSessionList, { signal });

export const mySessionsQueryOptions = () =>
  queryOptions({ queryKey: mySessionsQueryKey, queryFn: ({ signal }) => fetchMySessions(signal) });

export const useMySessions = () => useQuery(mySessionsQueryOptions());
