import { StaffMember } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { staffQueryKey } from './staff-list';

/** Removes someone's two-step verification (a lost phone) and ends their sessions; they set it up again. */
export const resetTotp = (id: string) =>
  api.post(`/api/staff/${encodeURIComponent(id)}/reset-totp`, StaffMember);

export function useResetTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}
