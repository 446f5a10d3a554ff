import {
  CallerHistory,
  RetiredSafetyNote,
  SafetyNote,
  type CallerLookupRequest,
  type CreateSafetyNoteRequest,
} from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api';
import { api } from '../../../lib/api';

/** Digits only: the lookup waits until a number is long enough to mean something. */
export const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

/** The API answers 409 while the number typed is not yet the one saved on the contact. */
export const isNotSavedYet = (error: unknown) =>
  isApiError(error) && error.status === 409 && error.details.reason === 'phone_not_saved';

/**
 * The earlier contacts of the caller of `request.contactId`: the API looks up the number saved on that contact
 * (never an arbitrary one). `savedPhone` (the masked number on file) is in the key, so a lookup refused while a
 * new number was still being saved runs again once the save lands.
 */
export const callerLookupQueryOptions = (request: CallerLookupRequest, savedPhone: string | null) =>
  queryOptions({
    queryKey: [
      'contacts',
      'caller-lookup',
      request.contactId,
      phoneDigits(request.phone ?? ''),
      savedPhone,
      request.reason ?? null,
    ],
    // POST so neither the number nor a supervisor's reason appears in a URL or an access log.
    queryFn: () => api.post('/api/contacts/callers/lookup', CallerHistory, request),
    // Each lookup counts against the person's hourly limit and is audited: it runs when the number or the
    // reason changes, never again by itself (no refetch on focus or reconnect, left out of resyncs).
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    meta: { manualOnly: true },
    retry: (failures, error) => isNotSavedYet(error) && failures < 3,
    retryDelay: 1_500,
  });

export const useCallerLookup = (request: CallerLookupRequest, savedPhone: string | null, enabled: boolean) =>
  useQuery({ ...callerLookupQueryOptions(request, savedPhone), enabled });

export const addSafetyNote = (body: CreateSafetyNoteRequest) =>
  api.post('/api/contacts/callers/safety-notes', SafetyNote, body);

export const retireSafetyNote = (id: string) =>
  api.post(`/api/contacts/callers/safety-notes/${id}/retire`, RetiredSafetyNote, {});
