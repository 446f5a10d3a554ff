import { ApiKey } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { apiKeysQueryKey } from './api-keys';

export const revokeApiKey = (id: string) =>
  api.post(`/api/api-keys/${encodeURIComponent(id)}/revoke`, ApiKey);

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
