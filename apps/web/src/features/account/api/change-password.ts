import { EndedSessions, type ChangePasswordRequest } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { meQueryKey } from '../../../lib/session';
import { mySessionsQueryKey } from './my-sessions';

/** POST /api/account/password: ends my other sessions; clears a change an admin's reset asked for. */
export const changePassword = (input: ChangePasswordRequest) =>
  api.post('/api/account/password', EndedSessions, input);

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await queryClient.invalidateQueries({ queryKey: mySessionsQueryKey });
    },
  });
}
