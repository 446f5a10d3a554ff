import { EndedSessions } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { mySessionsQueryKey } from './my-sessions';

/** POST /api/account/sessions/:id/end, or …/end-others for every session but this one. */
export const endSession = (id: string) =>
  api.post(`/api/account/sessions/${encodeURIComponent(id)}/end`, EndedSessions);
export const endOtherSessions = () => api.post('/api/account/sessions/end-others', EndedSessions);

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'others') => (id === 'others' ? endOtherSessions() : endSession(id)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mySessionsQueryKey }),
  });
}
