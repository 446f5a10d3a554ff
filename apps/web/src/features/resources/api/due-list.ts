import { DuePage, type ResourceType } from '@relais/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export interface DueFilters {
  type?: ResourceType;
  withinDays?: number;
  page?: number;
  perPage?: number;
}

export const resourcesQueryKey = ['resources'] as const;

export const dueQueryOptions = (filters: DueFilters) =>
  queryOptions({
    queryKey: [...resourcesQueryKey, 'due', filters],
    queryFn: ({ signal }) => api.get('/api/resources/due', DuePage, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });

export const useDueList = (filters: DueFilters) => useQuery(dueQueryOptions(filters));
