import { LocationRecord, OrganizationRecord, ServiceRecord, type ResourceType } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { resourcesQueryKey } from './due-list';

export type AnyRecord = OrganizationRecord | LocationRecord | ServiceRecord;

export const recordSchemas = {
  organization: OrganizationRecord,
  location: LocationRecord,
  service: ServiceRecord,
} as const;

export const pathOf: Record<ResourceType, string> = {
  organization: 'organizations',
  location: 'locations',
  service: 'services',
};

export const recordUrl = (type: ResourceType, id: string) =>
  `/api/resources/${pathOf[type]}/${encodeURIComponent(id)}`;

export const recordQueryKey = (type: ResourceType, id: string) => [...resourcesQueryKey, type, id] as const;

export const recordQueryOptions = (type: ResourceType, id: string) =>
  queryOptions({
    queryKey: recordQueryKey(type, id),
    queryFn: ({ signal }): Promise<AnyRecord> =>
      api.get(recordUrl(type, id), recordSchemas[type], { signal }),
  });

export const useResourceRecord = (type: ResourceType, id: string) => useQuery(recordQueryOptions(type, id));
