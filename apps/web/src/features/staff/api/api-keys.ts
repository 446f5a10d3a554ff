import { ApiKeyList } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const apiKeysQueryKey = ['api-keys'] as const;

export const apiKeysQueryOptions = () =>
  queryOptions({
    queryKey: apiKeysQueryKey,
    queryFn: ({ signal }) => api.get('/api/api-keys', ApiKeyList, { signal }),
  });

export const useApiKeys = () => useQuery(apiKeysQueryOptions());
