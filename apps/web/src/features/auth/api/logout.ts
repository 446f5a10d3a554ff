import { OkResponse } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { endSession } from '../../../lib/session';

/** POST /api/auth/logout. `csrfToken` lets a session already forgotten locally still be closed on the server. */
export const logout = (csrfToken?: string) =>
  api.post('/api/auth/logout', OkResponse, undefined, csrfToken ? { csrfToken } : undefined);

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => logout(),
    // Signed out locally even when the server cannot be reached: the session then simply runs out.
    onSettled: () => endSession(queryClient, 'logout'),
  });
}
