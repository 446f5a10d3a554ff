import { ContactTimeline } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const timelineQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['contacts', 'timeline', id],
    queryFn: ({ signal }) => api.get(`/api/contacts/${id}/timeline`, ContactTimeline, { signal }),
    select: (data) => data.items,
  });

export const useTimeline = (id: string) => useQuery(timelineQueryOptions(id));
