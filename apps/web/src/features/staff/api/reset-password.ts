import { StaffMember } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { staffQueryKey } from './staff-list';

export const resetPassword = ({ id, password }: { id: string; password: string }) =>
  api.post(`/api/staff/${encodeURIComponent(id)}/reset-password`, StaffMember, { password });

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}
