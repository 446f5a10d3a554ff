import { ServiceDetail } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const serviceDetailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['directory', 'service', id],
    queryFn: ({ signal }) =>
      api.get(`/api/directory/services/${encodeURIComponent(id)}`, ServiceDetail, { signal }),
    staleTime: 30_000,
  });

export const useServiceDetail = (id: string) => useQuery(serviceDetailQueryOptions(id));
