import { useMutation, useQueryClient } from '@tanstack/react-query';
import { endSession, logoutRequest } from '../../../lib/session';

/** POST /api/auth/logout (the fetcher lives in lib/session, which every screen may use to sign out). */
export const logout = logoutRequest;

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => logout(),
    // Signed out locally even when the server cannot be reached: the session then simply runs out.
    onSettled: () => endSession(queryClient, 'logout'),
  });
}
