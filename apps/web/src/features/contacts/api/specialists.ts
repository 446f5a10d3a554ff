import { SpecialistList } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** Specialists a supervisor can filter contacts by (the API refuses other roles). */
export const specialistsQueryOptions = () =>
  queryOptions({
    queryKey: ['contacts', 'specialists'],
    queryFn: ({ signal }) => api.get('/api/contacts/specialists', SpecialistList, { signal }),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });

export const useSpecialists = (enabled: boolean) => useQuery({ ...specialistsQueryOptions(), enabled });
