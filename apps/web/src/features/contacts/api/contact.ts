import { Contact } from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { toUpdateRequest, type ContactDraft } from '../model/draft';

export const contactQueryKey = (id: string) => ['contacts', 'detail', id] as const;

export const getContact = (id: string, signal?: AbortSignal) =>
  api.get(`/api/contacts/${id}`, Contact, { signal });

export const contactQueryOptions = (id: string) =>
  queryOptions({
    queryKey: contactQueryKey(id),
    queryFn: ({ signal }) => getContact(id, signal),
    // The workspace owns the draft once open: no background refetch may overwrite what is being typed.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

export const useContact = (id: string) => useQuery(contactQueryOptions(id));

/** PATCH /api/contacts/:id — one autosave of the whole draft, based on `version`. */
export const updateContact = (id: string, draft: ContactDraft, version: number) =>
  api.patch(`/api/contacts/${id}`, Contact, toUpdateRequest(draft, version));

/** POST /api/contacts/:id/close — refused with 400 and the missing fields when the minimum is not there. */
export const closeContact = (id: string, version: number, endedAt?: string) =>
  api.post(`/api/contacts/${id}/close`, Contact, { version, ...(endedAt ? { endedAt } : {}) });
