import { DirectorySearchResponse, type DirectorySearchQuery } from '@relais/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** GET /api/directory/search, shared by the directory screens and the panel (the taxonomy: lib/taxonomy). */

export const directoryQueryKey = ['directory'] as const;

export type DirectorySearchParams = Partial<DirectorySearchQuery>;

export const directorySearchQueryOptions = (params: DirectorySearchParams) =>
  queryOptions({
    queryKey: [...directoryQueryKey, 'search', params],
    queryFn: ({ signal }) =>
      api.get('/api/directory/search', DirectorySearchResponse, { query: params, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const useDirectorySearch = (params: DirectorySearchParams, enabled = true) =>
  useQuery({ ...directorySearchQueryOptions(params), enabled });
