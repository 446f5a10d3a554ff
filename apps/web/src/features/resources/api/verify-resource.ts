import type { ResourceType } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api';
import { resourcesQueryKey } from './due-list';
import { pathOf, recordQueryKey, recordSchemas, type AnyRecord } from './resource-record';

export const verifyResource = ({ type, id, version }: { type: ResourceType; id: string; version: number }) =>
  api.post(
    `/api/resources/${pathOf[type]}/${encodeURIComponent(id)}/verify`,
    recordSchemas[type] as z.ZodType<AnyRecord>,
    { version },
  );

export function useVerifyResource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyResource,
    onSuccess: (record, input) => {
      queryClient.setQueryData(recordQueryKey(input.type, input.id), record);
      void queryClient.invalidateQueries({ queryKey: [...resourcesQueryKey, 'due'] });
    },
  });
}
