import {
  CallerHistory,
  RetiredSafetyNote,
  SafetyNote,
  type CreateSafetyNoteRequest,
} from '@relais/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** Digits only: the lookup waits until a number is long enough to mean something. */
export const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

export const callerLookupQueryOptions = (phone: string, excludeContactId?: string) =>
  queryOptions({
    queryKey: ['contacts', 'caller-lookup', phoneDigits(phone), excludeContactId ?? null],
    // POST so the number never appears in a URL or an access log.
    queryFn: () => api.post('/api/contacts/callers/lookup', CallerHistory, { phone, excludeContactId }),
    staleTime: 60_000,
    retry: false,
  });

export const useCallerLookup = (phone: string, excludeContactId?: string) =>
  useQuery({
    ...callerLookupQueryOptions(phone, excludeContactId),
    enabled: phoneDigits(phone).length >= 7,
  });

export const addSafetyNote = (body: CreateSafetyNoteRequest) =>
  api.post('/api/contacts/callers/safety-notes', SafetyNote, body);

export const retireSafetyNote = (id: string) =>
  api.post(`/api/contacts/callers/safety-notes/${id}/retire`, RetiredSafetyNote, {});
