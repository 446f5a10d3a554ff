import { StaffPage, type Role, type StaffStatus } from '@relais/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export interface StaffFilters {
  q?: string;
  status?: StaffStatus;
  role?: Role;
  page?: number;
  perPage?: number;
}

export const staffQueryKey = ['staff'] as const;

export const staffListQueryOptions = (filters: StaffFilters) =>
  queryOptions({
    queryKey: [...staffQueryKey, 'list', filters],
    queryFn: ({ signal }) => api.get('/api/staff', StaffPage, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });

export const useStaffList = (filters: StaffFilters) => useQuery(staffListQueryOptions(filters));
