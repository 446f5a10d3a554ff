import { StaffMember, type CreateStaffRequest } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { staffQueryKey } from './staff-list';

export const createStaff = (input: CreateStaffRequest) => api.post('/api/staff', StaffMember, input);

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStaff,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}
