import { CreatedApiKey, type CreateApiKeyRequest } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { apiKeysQueryKey } from './api-keys';

/** The answer holds the key in clear: the only time it exists outside the client that will use it. */
export const createApiKey = (input: CreateApiKeyRequest) => api.post('/api/api-keys', CreatedApiKey, input);

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
