import type { ResourceType } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { resourcesQueryKey } from './due-list';
import { recordQueryKey, recordSchemas, recordUrl, type AnyRecord } from './resource-record';

export interface SaveInput {
  type: ResourceType;
  id: string;
  /** Only the fields that changed, plus the version they were based on. */
  patch: Record<string, unknown> & { version: number };
}

export const saveResource = ({ type, id, patch }: SaveInput): Promise<AnyRecord> =>
  api.patch(recordUrl(type, id), recordSchemas[type], patch);

export function useSaveResource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveResource,
    onSuccess: (record, input) => {
      queryClient.setQueryData(recordQueryKey(input.type, input.id), record);
      void queryClient.invalidateQueries({ queryKey: [...resourcesQueryKey, 'due'] });
    },
  });
}
