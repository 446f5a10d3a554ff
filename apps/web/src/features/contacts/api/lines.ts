import { LineList } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const linesQueryOptions = () =>
  queryOptions({
    queryKey: ['contacts', 'lines'],
    queryFn: ({ signal }) => api.get('/api/contacts/lines', LineList, { signal }),
    staleTime: 10 * 60_000,
    select: (data) => data.items,
  });

export const useLines = () => useQuery(linesQueryOptions());
