import { StaffMember, type UpdateStaffRequest } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { staffQueryKey } from './staff-list';

export const updateStaff = ({ id, ...changes }: UpdateStaffRequest & { id: string }) =>
  api.patch(`/api/staff/${encodeURIComponent(id)}`, StaffMember, changes);

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStaff,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}
