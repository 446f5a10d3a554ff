import { AuditPage, type ActorType } from '@relais/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export interface AuditFilters {
  actorId?: string;
  actorType?: ActorType;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page?: number;
  perPage?: number;
}

export const auditQueryKey = ['audit'] as const;

export const auditPageQueryOptions = (filters: AuditFilters) =>
  queryOptions({
    queryKey: [...auditQueryKey, 'page', filters],
    queryFn: ({ signal }) => api.get('/api/audit', AuditPage, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });

export const useAuditPage = (filters: AuditFilters) => useQuery(auditPageQueryOptions(filters));
