import { AuditActors } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { auditQueryKey } from './audit-page';

/** People and API keys, for the "who" filter. */
export const auditActorsQueryOptions = () =>
  queryOptions({
    queryKey: [...auditQueryKey, 'actors'],
    queryFn: ({ signal }) => api.get('/api/audit/actors', AuditActors, { signal }),
    staleTime: 5 * 60_000,
  });

export const useAuditActors = () => useQuery(auditActorsQueryOptions());
