import { CrisisAcknowledged, OpenCrises } from '@relais/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const openCrisesQueryKey = ['contacts', 'crises'] as const;

/**
 * The crises this supervisor has not acknowledged, from the database. Loaded on start and refetched after every
 * reconnect or resync (the providers invalidate every query then), and each minute in case a notification was
 * lost while the socket stayed up. None of these requests is the person's activity.
 */
export const openCrisesQueryOptions = () =>
  queryOptions({
    queryKey: openCrisesQueryKey,
    queryFn: ({ signal }) => api.get('/api/contacts/crises', OpenCrises, { signal, activity: 'background' }),
    refetchInterval: 60_000,
  });

/** The supervisor dismissed or opened the alert: it stays away until another flag is raised. */
export const acknowledgeCrisis = (contactId: string) =>
  api.post(`/api/contacts/${contactId}/crisis/acknowledge`, CrisisAcknowledged, {});
