import { StaffMember } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { staffQueryKey } from './staff-list';

/** Disabling ends the person's sessions and live connections at once; enabling lets them sign in again. */
export const setStaffEnabled = ({ id, enabled }: { id: string; enabled: boolean }) =>
  api.post(`/api/staff/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`, StaffMember);

export function useSetStaffEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setStaffEnabled,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}
